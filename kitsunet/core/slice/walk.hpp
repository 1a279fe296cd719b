#pragma once
/// Internal to core/slice: the two walks every slice operation shares. walk_stem() follows the
/// prefix from the root to the head; expand() visits what one node holds below it (embedded nodes,
/// leaves, references by hash) and checks the shape of a trie of 32-byte keys.
#include <variant>
#include <vector>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/error.hpp"
#include "kitsunet/core/slice/slice_id.hpp"
#include "kitsunet/core/trie/node.hpp"

namespace kitsunet::slice::detail {

/// Where the path along a prefix leads from a node that starts at nibble `position`.
struct PrefixStep {
    enum class Kind : std::uint8_t {
        kHead,     ///< the node is at the prefix, or starts above it and spans it
        kDescend,  ///< continue at `child`, which starts at `child_position`
        kEmpty,    ///< the prefix holds no key (empty slot, or a path that leaves the prefix)
    };
    Kind kind{Kind::kEmpty};
    trie::NodeRef child;
    std::size_t child_position{0};
};

/// Precondition: position <= prefix.size().
PrefixStep step_along(const trie::Node& node, std::size_t position, ByteView prefix);

/// How a walk from the root along a prefix ended.
struct StemEnd {
    bool empty{false};        ///< the prefix holds no key; no head
    bool head_hashed{false};  ///< the head was the last node fetched (else embedded in its parent)
    trie::NodeRef head_ref;   ///< the head's reference (its bytes when embedded)
    std::size_t head_position{0};
};

/// Walks from `root` along `prefix`. `fetch(const Hash&) -> Result<ByteView>` gives the RLP of
/// each node referenced by hash (the view must stay valid for one step). The empty root ends the
/// walk at once. Errors: fetch's, kInvalidNode, kInvalidHexPrefix.
template <class Fetch>
Result<StemEnd> walk_stem(const Hash& root, ByteView prefix, Fetch&& fetch) {
    const StemEnd empty_prefix{true, false, {}, 0};
    if (root == trie::kEmptyRoot) return empty_prefix;
    trie::NodeRef ref = trie::NodeRef::to_hash(root);
    std::size_t position = 0;
    for (;;) {
        const trie::NodeRef current = ref;  // owns the bytes of an embedded node
        ByteView rlp = current.bytes();
        if (current.is_hash()) {
            auto fetched = fetch(current.hash());
            if (!fetched) return std::unexpected(fetched.error());
            rlp = *fetched;
        }
        auto node = trie::decode_node(rlp);
        if (!node) return std::unexpected(node.error());
        const PrefixStep step = step_along(*node, position, prefix);
        if (step.kind == PrefixStep::Kind::kEmpty) return empty_prefix;
        if (step.kind == PrefixStep::Kind::kHead) return StemEnd{false, current.is_hash(), current, position};
        ref = step.child;
        position = step.child_position;
    }
}

/// Walks a slice's `stem` (in path order) and `head` from id.root along id.prefix, checking that
/// every node hashes to its reference, that the stem holds exactly the nodes above the head and
/// that `head` is the head (or empty when the walk proves the prefix empty).
/// Errors: kSliceBadHash, kSliceBadStem, kInvalidNode, kInvalidHexPrefix.
Result<StemEnd> check_stem(const SliceId& id, const std::vector<Bytes>& stem, const Bytes& head);

/// Visits the content of the node with RLP `rlp` that starts at nibble path `path`: embedded
/// nodes recursively; `on_leaf(const trie::Nibbles& key_path, ByteView value) -> Status` for each
/// leaf; `on_child(const Hash&, trie::Nibbles& child_path) -> Status` for each reference by hash.
/// `path` is restored on return. Errors: kInvalidNode, kInvalidHexPrefix; kSliceMalformedTrie when
/// a leaf does not end at nibble 64, a branch holds a value or a path runs past nibble 64; the
/// callbacks' errors.
template <class OnLeaf, class OnChild>
Status expand(ByteView rlp, trie::Nibbles& path, OnLeaf&& on_leaf, OnChild&& on_child) {
    const std::size_t start = path.size();
    auto node = trie::decode_node_appending(rlp, path);  // a leaf's or extension's path: to `path`
    if (!node) return std::unexpected(node.error());
    const auto child = [&](const trie::NodeRef& ref) -> Status {
        if (ref.empty()) return {};
        if (ref.is_hash()) return on_child(ref.hash(), path);
        return expand(ref.bytes(), path, on_leaf, on_child);
    };
    Status status;
    if (const auto* leaf = std::get_if<trie::LeafNode>(&*node)) {
        status = path.size() == kKeyNibbles ? on_leaf(path, leaf->value)
                                            : std::unexpected(Errc::kSliceMalformedTrie);
    } else if (const auto* extension = std::get_if<trie::ExtensionNode>(&*node)) {
        status =
            path.size() < kKeyNibbles ? child(extension->child) : std::unexpected(Errc::kSliceMalformedTrie);
    } else {
        const auto& branch = std::get<trie::BranchNode>(*node);
        if (!branch.value.empty() || start >= kKeyNibbles) return std::unexpected(Errc::kSliceMalformedTrie);
        path.push_back(0);
        for (std::uint8_t i = 0; i < 16 && status; ++i) {
            path.back() = i;
            status = child(branch.children[i]);
        }
    }
    path.resize(start);
    return status;
}

}  // namespace kitsunet::slice::detail
