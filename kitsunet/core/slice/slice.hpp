#pragma once
/// Slice: a subtree of a state or storage trie with the proof that it belongs to its root
/// (DESIGN §4), and its wire form. A Slice is plain data, possibly forged: only verify()
/// (verify.hpp) turns it into a VerifiedSlice that lookups may trust.
///
/// Shape, for id.prefix P and the node path from the root along P:
/// - `head` is the node at P: the first node on that path that starts at P, or that starts above
///   P and spans it (an extension or leaf whose path covers P: the head may sit inside one).
///   Its RLP may be shorter than 32 bytes when it is embedded in its parent.
/// - `stem` holds the nodes referenced by hash from the root down to the head, excluding it, in
///   path order (the root first). Nodes embedded in a stem node are not listed separately.
/// - A prefix under which the trie holds no key proves its own emptiness: `head` is empty and the
///   stem ends with the node that shows it (an empty branch slot, or a leaf or extension whose
///   path leaves P). For the empty trie (root kEmptyRoot) the stem is empty too.
/// - `nodes` holds every node referenced by hash below the head, down to id.depth levels (the head
///   is level 0; a node referenced by hash from level L, directly or through embedded nodes, is at
///   level L + 1), each once.
/// - `codes` holds contract code of accounts in the slice, each once (state slices only; optional
///   per account: a slice may carry code for some or none of its accounts).
///
/// Wire form (Ethereum-native RLP, like snap/1):
///   slice = [id, [stem-node, ...], head, [node, ...], [code, ...]]
/// with id as in slice_id.hpp and every node and code an RLP string. Writers list `nodes` in
/// depth-first order of their paths; readers accept any order.
#include <vector>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/error.hpp"
#include "kitsunet/core/slice/slice_id.hpp"

namespace kitsunet::slice {

struct Slice {
    SliceId id;
    std::vector<Bytes> stem;
    Bytes head;  ///< empty when the slice proves its prefix empty
    std::vector<Bytes> nodes;
    std::vector<Bytes> codes;

    /// Whether this slice claims its prefix holds no key.
    bool proves_empty() const noexcept { return head.empty(); }
    /// Bytes of all nodes and codes (stem, head, nodes, codes).
    std::size_t content_bytes() const noexcept;

    friend bool operator==(const Slice&, const Slice&) = default;
};

/// Orders stem nodes given in any order (as the original kitsunet's eth_getSlice lists them) by
/// walking from id.root along id.prefix; `head` decides where the stem ends.
/// Errors: kSliceBadStem when a node on the path is not among `nodes` or some are left over;
/// kInvalidNode, kInvalidHexPrefix for nodes that do not decode.
Result<std::vector<Bytes>> order_stem(const SliceId& id, std::vector<Bytes> nodes, ByteView head);

}  // namespace kitsunet::slice

namespace kitsunet::rlp {
std::size_t length(const slice::Slice& s) noexcept;
void encode(Bytes& to, const slice::Slice& s);
/// The wire form of `s` as a new buffer.
Bytes encode_slice(const slice::Slice& s);
/// Decodes exactly one slice spanning all of `from` (structure only: the content is checked by
/// verify()). Strict canonical RLP, no trailing bytes, no empty node or code strings.
/// Errors: RLP errors, kListLengthMismatch, kSliceInvalidId.
Result<slice::Slice> decode_slice(ByteView from);
}  // namespace kitsunet::rlp
