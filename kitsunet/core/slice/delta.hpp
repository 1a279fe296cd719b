#pragma once
/// Slice deltas (DESIGN §4): what turns the slice of a prefix at one root into the slice of the
/// same prefix (same depth, same trie owner) at another root: the nodes and codes the new slice has
/// and the old lacks, plus the new stem and head. Bridges publish one per changed slice per block.
///
/// Wire form (RLP): delta = [old-root, new-id, [stem-node, ...], head, [node, ...], [code, ...]].
#include <vector>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/error.hpp"
#include "kitsunet/core/slice/verify.hpp"

namespace kitsunet::slice {

struct SliceDelta {
    Hash old_root;             ///< the root of the slice it applies to
    SliceId id;                ///< the new slice's id
    std::vector<Bytes> stem;   ///< the new stem, whole
    Bytes head;                ///< the new head (empty when the new slice proves its prefix empty)
    std::vector<Bytes> nodes;  ///< nodes of the new slice that the old one lacks
    std::vector<Bytes> codes;  ///< codes of the new slice that the old one lacks

    friend bool operator==(const SliceDelta&, const SliceDelta&) = default;
};

/// The delta from `old_slice` to `new_slice`. Errors: kSliceMismatch when their prefix, depth or
/// owner differ.
Result<SliceDelta> diff(const VerifiedSlice& old_slice, const VerifiedSlice& new_slice);

/// Applies `delta` to `old_slice` and verifies the result: the new slice takes its stem and head
/// from the delta and its nodes and codes from the delta and the old slice (those the new head
/// reaches). Errors: kSliceMismatch when the delta is for another root, prefix, depth or owner;
/// kSliceMissingNode when the new slice needs a node neither has; verify()'s errors.
Result<VerifiedSlice> apply(const VerifiedSlice& old_slice, const SliceDelta& delta);

}  // namespace kitsunet::slice

namespace kitsunet::rlp {
std::size_t length(const slice::SliceDelta& d) noexcept;
void encode(Bytes& to, const slice::SliceDelta& d);
Bytes encode_slice_delta(const slice::SliceDelta& d);
/// Decodes exactly one delta spanning all of `from` (structure only; apply() checks the rest).
/// Errors: RLP errors, kListLengthMismatch, kSliceInvalidId.
Result<slice::SliceDelta> decode_slice_delta(ByteView from);
}  // namespace kitsunet::rlp
