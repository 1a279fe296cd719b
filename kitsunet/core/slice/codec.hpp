#pragma once
/// Internal to core/slice: RLP helpers shared by the slice and delta codecs.
#include <vector>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/error.hpp"

namespace kitsunet::slice::detail {

/// Size of a list of byte strings, header included.
std::size_t strings_length(const std::vector<Bytes>& items) noexcept;
/// Appends a list of byte strings.
void encode_strings(Bytes& to, const std::vector<Bytes>& items);
/// Reads a list of non-empty byte strings. Errors: RLP errors, kInvalidArgument for an empty one.
Result<std::vector<Bytes>> decode_strings(ByteView& from);

}  // namespace kitsunet::slice::detail
