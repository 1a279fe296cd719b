#pragma once
/// Internal to core/slice: the RLP shared by the slice and delta wire forms. Both are one list:
/// [old-root (deltas only), id, [stem-node, ...], head, [node, ...], [code, ...]].
#include <vector>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/error.hpp"
#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/slice/slice_id.hpp"

namespace kitsunet::slice::detail {

/// The fields of a slice or delta, borrowed for encoding.
struct BodyView {
    const Hash* old_root;  ///< null for a slice
    const SliceId& id;
    const std::vector<Bytes>& stem;
    const Bytes& head;
    const std::vector<Bytes>& nodes;
    const std::vector<Bytes>& codes;
};

/// The fields of a slice or delta, to decode into.
struct BodyParts {
    Hash* old_root;  ///< null for a slice
    SliceId& id;
    std::vector<Bytes>& stem;
    Bytes& head;
    std::vector<Bytes>& nodes;
    std::vector<Bytes>& codes;
};

/// Size of the whole list.
std::size_t body_list_length(const BodyView& body) noexcept;
/// Appends the whole list.
void encode_body_list(Bytes& to, const BodyView& body);
/// Reads the one list spanning all of `from`. Node and code strings must not be empty.
/// Errors: RLP errors, kSliceInvalidId, kListLengthMismatch, kInvalidArgument (an empty string).
Status decode_body_list(ByteView from, const BodyParts& body);

/// The encoding of `x` (anything with rlp::length and rlp::encode) as a new buffer.
template <class T>
Bytes encode_to_bytes(const T& x) {
    Bytes out;
    out.reserve(rlp::length(x));
    rlp::encode(out, x);
    return out;
}

}  // namespace kitsunet::slice::detail
