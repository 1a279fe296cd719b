#pragma once
/// Internal to core/slice: the RLP shared by the slice and delta wire forms. Both end with the
/// same body: id, [stem-node, ...], head, [node, ...], [code, ...].
#include <vector>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/error.hpp"
#include "kitsunet/core/slice/slice_id.hpp"

namespace kitsunet::slice::detail {

/// The parts of a body, borrowed for encoding.
struct BodyView {
    const SliceId& id;
    const std::vector<Bytes>& stem;
    const Bytes& head;
    const std::vector<Bytes>& nodes;
    const std::vector<Bytes>& codes;
};

/// The parts of a body, to decode into.
struct BodyParts {
    SliceId& id;
    std::vector<Bytes>& stem;
    Bytes& head;
    std::vector<Bytes>& nodes;
    std::vector<Bytes>& codes;
};

/// Size of the body's items (without a list header).
std::size_t body_length(const BodyView& body) noexcept;
/// Appends the body's items.
void encode_body(Bytes& to, const BodyView& body);
/// Reads the body's items; they must fill `from` exactly. Node and code strings must not be empty.
/// Errors: RLP errors, kSliceInvalidId, kListLengthMismatch, kInvalidArgument (an empty string).
Status decode_body(ByteView& from, const BodyParts& body);

}  // namespace kitsunet::slice::detail
