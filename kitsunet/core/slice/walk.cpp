#include "kitsunet/core/slice/walk.hpp"

#include <algorithm>

#include "kitsunet/core/keccak.hpp"

namespace kitsunet::slice::detail {
namespace {

using Kind = PrefixStep::Kind;

// Whether `path`, placed at `position`, agrees with `prefix` wherever both have a nibble.
bool agrees(ByteView path, std::size_t position, ByteView prefix) noexcept {
    const std::size_t overlap = std::min(path.size(), prefix.size() - position);
    return std::equal(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(overlap),
                      prefix.begin() + static_cast<std::ptrdiff_t>(position));
}

PrefixStep along_leaf(const trie::LeafNode& leaf, std::size_t position, ByteView prefix) {
    // A leaf whose key ends above the prefix's end cannot hold a key under it.
    const bool spans = position + leaf.path.size() >= prefix.size();
    return {spans && agrees(leaf.path, position, prefix) ? Kind::kHead : Kind::kEmpty, {}, 0};
}

PrefixStep along_extension(const trie::ExtensionNode& extension, std::size_t position, ByteView prefix) {
    if (!agrees(extension.path, position, prefix)) return {Kind::kEmpty, {}, 0};
    const std::size_t end = position + extension.path.size();
    if (end > prefix.size()) return {Kind::kHead, {}, 0};  // the prefix ends inside the extension
    return {Kind::kDescend, extension.child, end};
}

PrefixStep along_branch(const trie::BranchNode& branch, std::size_t position, ByteView prefix) {
    const trie::NodeRef& child = branch.children[prefix[position]];
    if (child.empty()) return {Kind::kEmpty, {}, 0};
    return {Kind::kDescend, child, position + 1};
}

}  // namespace

PrefixStep step_along(const trie::Node& node, std::size_t position, ByteView prefix) {
    if (position >= prefix.size()) return {Kind::kHead, {}, 0};
    if (const auto* leaf = std::get_if<trie::LeafNode>(&node)) return along_leaf(*leaf, position, prefix);
    if (const auto* extension = std::get_if<trie::ExtensionNode>(&node))
        return along_extension(*extension, position, prefix);
    return along_branch(std::get<trie::BranchNode>(node), position, prefix);
}

Result<StemEnd> check_stem(const SliceId& id, const std::vector<Bytes>& stem, const Bytes& head) {
    std::size_t used = 0;  // stem nodes fetched; stem.size() + 1 once the head was
    const auto fetch = [&](const Hash& hash) -> Result<ByteView> {
        if (used > stem.size() || (used == stem.size() && head.empty()))
            return std::unexpected(Errc::kSliceBadStem);  // the stem ends before the head
        const Bytes& rlp = used < stem.size() ? stem[used] : head;
        ++used;
        if (keccak256(rlp) != hash) return std::unexpected(Errc::kSliceBadHash);
        return ByteView{rlp};
    };
    auto end = walk_stem(id.root, id.prefix, fetch);
    if (!end) return end;
    // An empty prefix ends the stem; a hashed head is the node fetched last, from `head`; an
    // embedded one is `head`, byte for byte.
    const std::size_t expected_used = stem.size() + (end->head_hashed ? 1 : 0);
    if (used != expected_used || (!end->empty && head.empty())) return std::unexpected(Errc::kSliceBadStem);
    if (!end->empty && !end->head_hashed && !std::ranges::equal(end->head_ref.bytes(), head))
        return std::unexpected(Errc::kSliceBadHash);
    return end;
}

}  // namespace kitsunet::slice::detail
