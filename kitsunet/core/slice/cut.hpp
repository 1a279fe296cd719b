#pragma once
/// Cutting a slice (slice.hpp) out of a trie held by a NodeSource: the stem along the prefix, the
/// head, every node below it to the depth (depth-first order), and the code of its accounts that
/// the source has. Works for state and storage tries, any prefix length and depth, embedded
/// nodes, heads inside extensions, and empty prefixes (the slice then proves the emptiness).
/// Pure apart from the source's reads; thread-safe when the source is.
#include "kitsunet/core/slice/node_source.hpp"
#include "kitsunet/core/slice/slice.hpp"

namespace kitsunet::slice {

struct CutOptions {
    /// Carry the code of the slice's contract accounts when the source has it (state slices).
    bool with_code{true};
};

/// Cuts the slice `id` (id.root names the trie) from `source`.
/// Errors: kSliceInvalidId; whatever source.node() returns (kMissingNode when the source lacks a
/// node of the slice); kInvalidNode, kInvalidHexPrefix for a node that does not decode.
Result<Slice> cut(const NodeSource& source, const SliceId& id, const CutOptions& options = {});

}  // namespace kitsunet::slice
