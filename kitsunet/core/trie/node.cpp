#include "kitsunet/core/trie/node.hpp"

#include <algorithm>

#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/trie/node_writer.hpp"

namespace kitsunet::trie {
namespace {

// Grows `to` by `n` bytes and returns where they start.
std::uint8_t* grow(Bytes& to, std::size_t n) {
    const std::size_t at = to.size();
    to.resize(at + n);
    return to.data() + at;
}

template <class T>
Result<T> invalid() {
    return std::unexpected(Errc::kInvalidNode);
}

// A leaf or an extension; its path goes to `path` when given, else into the node.
Result<Node> decode_short(ByteView items, Nibbles* path) {
    auto compact = rlp::decode_string(items);
    if (!compact) return invalid<Node>();
    Nibbles own;
    Nibbles& to = path != nullptr ? *path : own;
    const std::size_t start = to.size();
    if (path == nullptr) own.reserve(2 * compact->size());
    auto leaf = append_hex_prefix_path(to, *compact);
    if (!leaf) return std::unexpected(leaf.error());
    const bool empty_path = to.size() == start;
    Result<Node> out = invalid<Node>();
    if (*leaf) {
        auto value = rlp::decode_string(items);
        if (value && !value->empty()) out = LeafNode{std::move(own), *value};
    } else {
        auto child = NodeRef::decode(items);
        if (child && !child->empty() && !empty_path) out = ExtensionNode{std::move(own), *child};
    }
    if (!out) to.resize(start);
    return out;
}

// Fills the branch in place: a branch is 560 bytes, worth not copying into the result.
Result<Node> decode_branch(ByteView items) {
    Result<Node> out{std::in_place, std::in_place_type<BranchNode>};
    auto& branch = std::get<BranchNode>(*out);
    for (auto& child : branch.children) {
        auto ref = NodeRef::decode(items);
        if (!ref) return std::unexpected(ref.error());
        child = *ref;
    }
    auto value = rlp::decode_string(items);
    if (!value || !items.empty()) return invalid<Node>();
    branch.value = *value;
    return out;
}

// Whether a node's items are exactly two (a leaf or an extension): a branch has 17. Reads two items
// instead of counting them all; decode_branch refuses any count but 17.
bool has_two_items(ByteView items) noexcept {
    return rlp::decode_raw(items) && rlp::decode_raw(items) && items.empty();
}

}  // namespace

NodeRef NodeRef::to_node(ByteView rlp) noexcept {
    if (rlp.size() >= 32) return to_hash(keccak256(rlp));
    NodeRef ref;
    std::ranges::copy(rlp, ref.bytes_.begin());
    ref.size_ = static_cast<std::uint8_t>(rlp.size());
    return ref;
}

NodeRef NodeRef::to_hash(const Hash& h) noexcept {
    NodeRef ref;
    ref.bytes_ = h.bytes;
    ref.size_ = 32;
    return ref;
}

void NodeRef::encode(Bytes& to) const { detail::write_ref(grow(to, encoded_length()), *this); }

Result<NodeRef> NodeRef::decode(ByteView& from) noexcept {
    if (from.empty()) return invalid<NodeRef>();
    // The two common cases first, without the general string decoder: an empty slot, a hash.
    if (from[0] == 0x80) {
        from = from.subspan(1);
        return NodeRef{};
    }
    if (from[0] == 0x80 + 32 && from.size() > 32) {
        NodeRef ref;
        std::copy_n(from.begin() + 1, 32, ref.bytes_.begin());
        ref.size_ = 32;
        from = from.subspan(33);
        return ref;
    }
    if (from[0] >= 0xc0) {
        auto raw = rlp::decode_raw(from);
        if (!raw || raw->size() >= 32) return invalid<NodeRef>();
        return to_node(*raw);
    }
    auto s = rlp::decode_string(from);
    if (!s || (!s->empty() && s->size() != 32)) return invalid<NodeRef>();
    return s->empty() ? NodeRef{} : to_hash(Hash::from(*s));
}

void encode_leaf(Bytes& to, ByteView path, ByteView value) {
    detail::write_leaf(grow(to, detail::leaf_length(path.size(), value)), path, value);
}

void encode_extension(Bytes& to, ByteView path, const NodeRef& child) {
    detail::write_extension(grow(to, detail::extension_length(path.size(), child)), path, child);
}

void encode_branch(Bytes& to, std::span<const NodeRef, 16> children, ByteView value) {
    const auto ref_of = [&](std::uint8_t i) -> const NodeRef& { return children[i]; };
    const std::size_t payload = detail::branch_payload_length(ref_of, value);
    detail::write_branch(grow(to, rlp::length_of_header(payload) + payload), payload, ref_of, value);
}

Bytes encode_node(const Node& node) {
    Bytes out;
    struct Encoder {
        Bytes& to;
        void operator()(const LeafNode& n) const { encode_leaf(to, n.path, n.value); }
        void operator()(const ExtensionNode& n) const { encode_extension(to, n.path, n.child); }
        void operator()(const BranchNode& n) const { encode_branch(to, n.children, n.value); }
    };
    std::visit(Encoder{out}, node);
    return out;
}

namespace {

Result<Node> decode_node_into(ByteView rlp, Nibbles* path) {
    ByteView from = rlp;
    auto items = rlp::decode_list(from);
    if (!items || !from.empty()) return invalid<Node>();
    return has_two_items(*items) ? decode_short(*items, path) : decode_branch(*items);
}

}  // namespace

Result<Node> decode_node(ByteView rlp) { return decode_node_into(rlp, nullptr); }

Result<Node> decode_node_appending(ByteView rlp, Nibbles& path) { return decode_node_into(rlp, &path); }

Hash root_hash_of(const NodeRef& root) noexcept {
    if (root.empty()) return kEmptyRoot;
    return root.is_hash() ? root.hash() : keccak256(root.bytes());
}

}  // namespace kitsunet::trie
