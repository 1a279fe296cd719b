#pragma once
/// Merkle Patricia trie nodes (yellow paper, appendix D): leaf, extension and branch, their RLP,
/// and references between them. A node whose RLP is shorter than 32 bytes is embedded ("inline")
/// in its parent; a longer one is referenced by its keccak-256 hash. The root is always hashed.
/// All functions are pure and thread-safe.
#include <array>
#include <cstdint>
#include <span>
#include <variant>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/error.hpp"
#include "kitsunet/core/trie/nibbles.hpp"

namespace kitsunet::trie {

/// Root hash of the empty trie: keccak256(RLP("")) = keccak256(0x80).
inline constexpr Hash kEmptyRoot{{0x56, 0xe8, 0x1f, 0x17, 0x1b, 0xcc, 0x55, 0xa6, 0xff, 0x83, 0x45,
                                  0xe6, 0x92, 0xc0, 0xf8, 0x6e, 0x5b, 0x48, 0xe0, 0x1b, 0x99, 0x6c,
                                  0xad, 0xc0, 0x01, 0x62, 0x2f, 0xb5, 0xe3, 0x63, 0xb4, 0x21}};

/// Code hash of an account without code: keccak256("").
inline constexpr Hash kEmptyCodeHash{{0xc5, 0xd2, 0x46, 0x01, 0x86, 0xf7, 0x23, 0x3c, 0x92, 0x7e, 0x7d,
                                      0xb2, 0xdc, 0xc7, 0x03, 0xc0, 0xe5, 0x00, 0xb6, 0x53, 0xca, 0x82,
                                      0x27, 0x3b, 0x7b, 0xfa, 0xd8, 0x04, 0x5d, 0x85, 0xa4, 0x70}};

/// How a parent refers to a child: nothing (an empty branch slot), the child's whole RLP when it is
/// shorter than 32 bytes (embedded), or the keccak-256 hash of its RLP. A small value type.
class NodeRef {
  public:
    NodeRef() = default;
    /// The reference to a node whose RLP is `rlp` (hashes it when 32 bytes or longer).
    static NodeRef to_node(ByteView rlp) noexcept;
    static NodeRef to_hash(const Hash& h) noexcept;

    bool empty() const noexcept { return size_ == 0; }
    bool is_hash() const noexcept { return size_ == 32; }
    /// The hash (when is_hash()) or the embedded RLP.
    ByteView bytes() const noexcept { return {bytes_.data(), size_}; }
    Hash hash() const noexcept { return Hash::from(bytes()); }

    /// Size of this reference as an item of the parent's RLP list.
    std::size_t encoded_length() const noexcept { return is_hash() ? 33 : (empty() ? 1 : size_); }
    /// Appends this reference as an item of the parent's RLP list.
    void encode(Bytes& to) const;

    /// Reads a child reference item of a node (an empty string, a 32-byte string, or an embedded node
    /// list shorter than 32 bytes). Errors: kInvalidNode for anything else.
    static Result<NodeRef> decode(ByteView& from) noexcept;

    friend bool operator==(const NodeRef& a, const NodeRef& b) noexcept {
        return std::ranges::equal(a.bytes(), b.bytes());
    }

  private:
    std::array<std::uint8_t, 32> bytes_{};
    std::uint8_t size_{0};
};

/// A decoded leaf: the rest of the key and the value (never empty). Views borrow from the input.
struct LeafNode {
    Nibbles path;
    ByteView value;
};

/// A decoded extension: a shared path (never empty) and the child it leads to.
struct ExtensionNode {
    Nibbles path;
    NodeRef child;
};

/// A decoded branch: one reference per nibble and the value of the key ending here (may be empty).
struct BranchNode {
    std::array<NodeRef, 16> children;
    ByteView value;
};

using Node = std::variant<LeafNode, ExtensionNode, BranchNode>;

/// Appends the RLP of a leaf. Preconditions: `value` is not empty, nibbles below 16.
void encode_leaf(Bytes& to, ByteView path, ByteView value);
/// Appends the RLP of an extension. Preconditions: `path` not empty, `child` not empty.
void encode_extension(Bytes& to, ByteView path, const NodeRef& child);
/// Appends the RLP of a branch.
void encode_branch(Bytes& to, std::span<const NodeRef, 16> children, ByteView value);
/// The RLP of a decoded node.
Bytes encode_node(const Node& node);

/// Decodes one node from exactly `rlp` (strict: canonical RLP, no trailing bytes, a list of 2 or 17
/// items, a valid hex-prefix path, child references as NodeRef::decode reads them, no empty leaf
/// value, no empty extension path). Errors: kInvalidNode, kInvalidHexPrefix. Views borrow `rlp`.
Result<Node> decode_node(ByteView rlp);

/// As decode_node, but the path of a leaf or extension is appended to `path` instead of being
/// allocated (the returned node's own path is then empty): for walkers that keep the path from
/// the root in one buffer. On error `path` is unchanged.
Result<Node> decode_node_appending(ByteView rlp, Nibbles& path);

/// The root hash of a trie whose root node has RLP `root_rlp`: always hashed, even when short.
Hash root_hash_of(const NodeRef& root) noexcept;

}  // namespace kitsunet::trie
