#include "kitsunet/core/trie/proof.hpp"

#include <algorithm>

#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/trie/node.hpp"

namespace kitsunet::trie {
namespace {

/// What one node of the path says about the key: its value, its absence, or where to go next.
struct Step {
    enum class Kind : std::uint8_t { kFound, kAbsent, kDescend } kind;
    Bytes value{};
    NodeRef next{};
};

Step found(ByteView value) { return {Step::Kind::kFound, Bytes(value.begin(), value.end())}; }
Step absent() { return {Step::Kind::kAbsent}; }
Step descend(const NodeRef& next) { return {Step::Kind::kDescend, {}, next}; }

bool starts_with(ByteView rest, ByteView path) {
    return rest.size() >= path.size() && std::ranges::equal(rest.first(path.size()), path);
}

// Follows `rest` through one node, consuming the nibbles it covers.
Step step(const Node& node, ByteView& rest) {
    if (const auto* leaf = std::get_if<LeafNode>(&node))
        return std::ranges::equal(leaf->path, rest) ? found(leaf->value) : absent();
    if (const auto* ext = std::get_if<ExtensionNode>(&node)) {
        if (!starts_with(rest, ext->path)) return absent();
        rest = rest.subspan(ext->path.size());
        return descend(ext->child);
    }
    const auto& branch = std::get<BranchNode>(node);
    if (rest.empty()) return branch.value.empty() ? absent() : found(branch.value);
    const NodeRef& child = branch.children[rest[0]];
    rest = rest.subspan(1);
    return child.empty() ? absent() : descend(child);
}

bool is_empty_trie_proof(std::span<const Bytes> proof) {
    return proof.empty() || (proof.size() == 1 && proof[0] == Bytes{0x80});
}

}  // namespace

std::vector<Bytes> create_proof(Trie& trie, ByteView key) { return trie.proof(key); }
std::vector<Bytes> create_proof(SecureTrie& trie, ByteView key) { return trie.proof(key); }

Result<std::optional<Bytes>> verify_proof(const Hash& root, ByteView key, std::span<const Bytes> proof) {
    if (root == kEmptyRoot) {
        if (is_empty_trie_proof(proof)) return std::nullopt;
        return std::unexpected(Errc::kBadProof);
    }
    const Nibbles nibbles = unpack_nibbles(key);
    ByteView rest = nibbles;
    std::size_t used = 0;
    NodeRef ref = NodeRef::to_hash(root);
    for (;;) {
        const NodeRef current = ref;  // an embedded node's RLP lives in the reference itself
        ByteView rlp = current.bytes();
        if (current.is_hash()) {
            if (used == proof.size()) return std::unexpected(Errc::kMissingNode);
            rlp = proof[used++];
            if (keccak256(rlp) != current.hash()) return std::unexpected(Errc::kBadProof);
        } else if (used < proof.size() && std::ranges::equal(proof[used], rlp)) {
            ++used;  // some provers (@ethereumjs/mpt) also list embedded nodes
        }
        auto node = decode_node(rlp);
        if (!node) return std::unexpected(node.error());
        Step s = step(*node, rest);
        if (s.kind == Step::Kind::kDescend) {
            ref = s.next;
            continue;
        }
        if (used != proof.size()) return std::unexpected(Errc::kBadProof);
        if (s.kind == Step::Kind::kAbsent) return std::nullopt;
        return std::optional<Bytes>{std::move(s.value)};
    }
}

}  // namespace kitsunet::trie
