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

Result<Node> decode_short(ByteView items) {
    auto compact = rlp::decode_string(items);
    if (!compact) return invalid<Node>();
    auto path = decode_hex_prefix(*compact);
    if (!path) return std::unexpected(path.error());
    if (path->leaf) {
        auto value = rlp::decode_string(items);
        if (!value || value->empty()) return invalid<Node>();
        return LeafNode{std::move(path->nibbles), *value};
    }
    auto child = NodeRef::decode(items);
    if (!child || child->empty() || path->nibbles.empty()) return invalid<Node>();
    return ExtensionNode{std::move(path->nibbles), *child};
}

Result<Node> decode_branch(ByteView items) {
    BranchNode branch;
    for (auto& child : branch.children) {
        auto ref = NodeRef::decode(items);
        if (!ref) return std::unexpected(ref.error());
        child = *ref;
    }
    auto value = rlp::decode_string(items);
    if (!value) return invalid<Node>();
    branch.value = *value;
    return branch;
}

std::size_t count_items(ByteView items) noexcept {
    std::size_t n = 0;
    for (; !items.empty() && n <= 17; ++n)
        if (!rlp::decode_raw(items)) return 0;
    return n;
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

Result<Node> decode_node(ByteView rlp) {
    ByteView from = rlp;
    auto items = rlp::decode_list(from);
    if (!items || !from.empty()) return invalid<Node>();
    switch (count_items(*items)) {
        case 2:
            return decode_short(*items);
        case 17:
            return decode_branch(*items);
        default:
            return invalid<Node>();
    }
}

Hash root_hash_of(const NodeRef& root) noexcept {
    if (root.empty()) return kEmptyRoot;
    return root.is_hash() ? root.hash() : keccak256(root.bytes());
}

}  // namespace kitsunet::trie
