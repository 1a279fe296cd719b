// Lookups in a verified slice: its nodes are authenticated, so a walk only needs to find them.
#include <algorithm>

#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/slice/hash_index.hpp"
#include "kitsunet/core/slice/verify.hpp"
#include "kitsunet/core/slice/walk.hpp"

namespace kitsunet::slice {
namespace {

using detail::find_in;

bool matches_at(ByteView path, ByteView key, std::size_t position) noexcept {
    return position + path.size() <= key.size() &&
           std::ranges::equal(path, key.subspan(position, path.size()));
}

}  // namespace

const Bytes* VerifiedSlice::find_node(const Hash& hash) const noexcept {
    const std::uint32_t* index = find_in(node_index_, hash);
    return index != nullptr ? &slice_.nodes[*index] : nullptr;
}

std::optional<ByteView> VerifiedSlice::code(const Hash& code_hash) const {
    const std::uint32_t* index = find_in(code_index_, code_hash);
    if (index == nullptr) return std::nullopt;
    return ByteView{slice_.codes[*index]};
}

Result<std::optional<Bytes>> VerifiedSlice::walk_key(const Hash& key, std::vector<Bytes>* proof) const {
    if (!key_has_prefix(key, slice_.id.prefix)) return std::unexpected(Errc::kSliceOutside);
    if (proof != nullptr) proof->assign(slice_.stem.begin(), slice_.stem.end());
    if (slice_.proves_empty()) return std::nullopt;
    const trie::Nibbles nibbles = trie::unpack_nibbles(key);
    if (proof != nullptr && head_hashed_) proof->push_back(slice_.head);
    trie::NodeRef ref;
    ByteView rlp = slice_.head;
    for (std::size_t position = head_position_;;) {
        auto node = trie::decode_node(rlp);
        if (!node) return std::unexpected(node.error());
        if (const auto* leaf = std::get_if<trie::LeafNode>(&*node)) {
            if (!matches_at(leaf->path, nibbles, position) || position + leaf->path.size() != nibbles.size())
                return std::nullopt;
            return Bytes(leaf->value.begin(), leaf->value.end());
        }
        if (const auto* extension = std::get_if<trie::ExtensionNode>(&*node)) {
            if (!matches_at(extension->path, nibbles, position)) return std::nullopt;
            position += extension->path.size();
            ref = extension->child;
        } else {
            if (position >= nibbles.size()) return std::nullopt;
            ref = std::get<trie::BranchNode>(*node).children[nibbles[position++]];
            if (ref.empty()) return std::nullopt;
        }
        if (!ref.is_hash()) {
            rlp = ref.bytes();  // `ref` outlives this use: it changes only at the next step
            continue;
        }
        const Bytes* next = find_node(ref.hash());
        if (next == nullptr) return std::unexpected(Errc::kMissingNode);  // beyond the depth
        if (proof != nullptr) proof->push_back(*next);
        rlp = *next;
    }
}

Result<std::optional<Bytes>> VerifiedSlice::get(const Hash& key) const { return walk_key(key, nullptr); }

Result<std::vector<Bytes>> VerifiedSlice::proof(const Hash& key) const {
    std::vector<Bytes> nodes;
    if (auto found = walk_key(key, &nodes); !found) return std::unexpected(found.error());
    return nodes;
}

Result<std::optional<Account>> VerifiedSlice::account(const Hash& key) const {
    auto value = get(key);
    if (!value) return std::unexpected(value.error());
    if (!*value) return std::nullopt;
    auto account = rlp::decode_account(**value);
    if (!account) return std::unexpected(account.error());
    return *account;
}

Result<U256> VerifiedSlice::storage(const Hash& key) const {
    auto value = get(key);
    if (!value) return std::unexpected(value.error());
    if (!*value) return U256{};
    ByteView from = **value;
    return rlp::decode_u256(from);
}

// Collects the leaves below a node depth first (so in key order), following the slice's nodes.
struct LeafCollector {
    const VerifiedSlice& slice;
    std::vector<SliceLeaf>& out;

    Status leaf(const trie::Nibbles& key_path, ByteView value) const {
        out.push_back({Hash::from(trie::pack_nibbles(key_path)), Bytes(value.begin(), value.end())});
        return {};
    }
    Status visit(ByteView rlp, trie::Nibbles& path) const {
        return detail::expand(
            rlp, path, [this](const trie::Nibbles& p, ByteView v) { return leaf(p, v); },
            [this](const Hash& hash, trie::Nibbles& child_path) { return child(hash, child_path); });
    }
    Status child(const Hash& hash, trie::Nibbles& path) const {
        const Bytes* node = slice.find_node(hash);
        return node != nullptr ? visit(*node, path) : Status{};  // absent: below the depth
    }
};

std::vector<SliceLeaf> VerifiedSlice::leaves() const {
    std::vector<SliceLeaf> out;
    if (slice_.proves_empty()) return out;
    trie::Nibbles path(slice_.id.prefix.begin(),
                       slice_.id.prefix.begin() + static_cast<std::ptrdiff_t>(head_position_));
    (void)LeafCollector{*this, out}.visit(slice_.head, path);  // verified: cannot fail
    return out;
}

}  // namespace kitsunet::slice
