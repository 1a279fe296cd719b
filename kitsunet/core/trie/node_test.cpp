// Node RLP: encodings, embedding below 32 bytes, strict decoding.
#include "kitsunet/core/trie/node.hpp"

#include <gtest/gtest.h>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/keccak.hpp"

namespace kitsunet::trie {
namespace {

Bytes hex(std::string_view s) { return from_hex(s).value(); }

TEST(Node, EmptyRootIsKeccakOfEmptyString) {
    EXPECT_EQ(kEmptyRoot, keccak256(Bytes{0x80}));
    EXPECT_EQ(to_hex(kEmptyRoot), "56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
    EXPECT_EQ(kEmptyCodeHash, keccak256({}));
    EXPECT_EQ(root_hash_of(NodeRef{}), kEmptyRoot);
}

TEST(Node, LeafEncoding) {
    Bytes out;
    encode_leaf(out, Nibbles{6, 4, 6, 15}, as_bytes("verb"));  // key "do" ... path 646f
    EXPECT_EQ(to_hex(out), "c98320646f8476657262");
}

TEST(Node, ShortNodesAreEmbeddedLongOnesHashed) {
    const Bytes short_leaf = hex("c98320646f8476657262");
    const NodeRef inline_ref = NodeRef::to_node(short_leaf);
    EXPECT_FALSE(inline_ref.is_hash());
    EXPECT_EQ(Bytes(inline_ref.bytes().begin(), inline_ref.bytes().end()), short_leaf);
    EXPECT_EQ(inline_ref.encoded_length(), short_leaf.size());

    Bytes long_leaf;
    encode_leaf(long_leaf, Nibbles{1, 2}, Bytes(40, 0xaa));
    const NodeRef hashed = NodeRef::to_node(long_leaf);
    ASSERT_TRUE(hashed.is_hash());
    EXPECT_EQ(hashed.hash(), keccak256(long_leaf));
    EXPECT_EQ(hashed.encoded_length(), 33u);
    // The root is hashed whatever its size.
    EXPECT_EQ(root_hash_of(inline_ref), keccak256(short_leaf));
}

TEST(Node, DecodeReencodesEveryKind) {
    Bytes leaf;
    encode_leaf(leaf, Nibbles{1, 2, 3}, as_bytes("value"));
    Bytes ext;
    encode_extension(ext, Nibbles{4}, NodeRef::to_node(leaf));
    std::array<NodeRef, 16> children{};
    children[3] = NodeRef::to_node(ext);
    children[9] = NodeRef::to_hash(keccak256(as_bytes("x")));
    Bytes branch;
    encode_branch(branch, children, as_bytes("v"));
    for (const Bytes& rlp : {leaf, ext, branch}) {
        auto node = decode_node(rlp);
        ASSERT_TRUE(node) << to_hex(rlp);
        EXPECT_EQ(encode_node(*node), rlp);
    }
    auto b = decode_node(branch);
    const auto& decoded = std::get<BranchNode>(*b);
    EXPECT_EQ(decoded.children[3], children[3]);
    EXPECT_TRUE(decoded.children[9].is_hash());
    EXPECT_TRUE(decoded.children[0].empty());
}

TEST(Node, DecodeRejectsMalformed) {
    const auto invalid = [](std::string_view h) { return decode_node(hex(h)).error(); };
    EXPECT_EQ(invalid("80"), Errc::kInvalidNode);                      // a string, not a list
    EXPECT_EQ(invalid("c3010203"), Errc::kInvalidNode);                // three items
    EXPECT_EQ(invalid("c98320646f8476657262ff"), Errc::kInvalidNode);  // trailing byte
    EXPECT_EQ(invalid("ca8320646f8476657262"), Errc::kInvalidNode);    // list length beyond input
    EXPECT_EQ(invalid("c22080"), Errc::kInvalidNode);                  // leaf with an empty value
    EXPECT_EQ(invalid("c3108180"), Errc::kInvalidNode);                // child neither hash nor node
    EXPECT_EQ(invalid("c24001"), Errc::kInvalidHexPrefix);             // flag nibble 4
    EXPECT_EQ(invalid(std::string("e200a0") + std::string(64, '1')), Errc::kInvalidNode);  // empty ext path
    // An embedded child must be shorter than 32 bytes; a longer one must be referenced by hash.
    Bytes long_leaf;
    encode_leaf(long_leaf, Nibbles{1}, Bytes(40, 1));
    Bytes ext = {0xc0, 0x11};
    ext.insert(ext.end(), long_leaf.begin(), long_leaf.end());
    ext[0] = static_cast<std::uint8_t>(0xc0 + ext.size() - 1);
    EXPECT_EQ(decode_node(ext).error(), Errc::kInvalidNode);
}

}  // namespace
}  // namespace kitsunet::trie
