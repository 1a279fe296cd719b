// The original kitsunet's eth_getSlice JSON (a real mainnet slice of 2019) imports, verifies and
// reads; state files become node sources that slices are cut from.
#include "kitsunet/ethjson/kitsunet_slice.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/slice/cut.hpp"
#include "kitsunet/ethjson/state_nodes.hpp"
#include "kitsunet/testing/vectors.hpp"

namespace kitsunet::ethjson {
namespace {

namespace json = boost::json;

std::string error_of(const json::value& v) {
    try {
        read_kitsunet_slice(v);
    } catch (const FormatError& e) {
        return e.what();
    }
    return "no error";
}

TEST(KitsunetSlice, TheOriginalKitsunetsSliceVerifiesAndReads) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    const auto json = testing::read_json(vectors / "kitsunet-js/slice-1372-12.json");
    ASSERT_TRUE(is_kitsunet_slice(json));
    auto imported = read_kitsunet_slice(json);
    EXPECT_EQ(imported.slice.id.to_string(),
              "1372-12-a7511d0abbcc70b8b59ae8eff1ffc2704d47751a6a043c952b4729f656377bce");
    EXPECT_EQ(imported.slice.stem.size(), 4u);
    EXPECT_EQ(imported.slice.nodes.size(), 1174u);
    EXPECT_EQ(imported.claims.size(), 161u);
    auto verified = slice::verify(std::move(imported.slice));
    ASSERT_TRUE(verified) << describe(verified.error());
    EXPECT_EQ(verified->stats().leaves, 861u);
    EXPECT_EQ(verified->stats().nodes, 1179u);
    EXPECT_TRUE(verified->stats().complete);
    check_leaf_claims(*verified, imported.claims);
    std::size_t found = 0;
    for (const auto& leaf : verified->leaves()) {
        if (!to_hex(leaf.key).starts_with("1372c6cc")) continue;
        ++found;
        const auto account = verified->account(leaf.key).value().value();
        EXPECT_EQ(U256{account.nonce}.to_quantity(), "0xb538f9");
        EXPECT_EQ(account.balance.to_quantity(), "0x2042d55a624beaf4bc1");
    }
    EXPECT_EQ(found, 1u);
    // Every contract account's code is carried and hashes to its code hash.
    for (const auto& claim : imported.claims) {
        if (claim.code_hash != kEmptyCodeHash) {
            EXPECT_TRUE(verified->code(claim.code_hash)) << to_hex(claim.key);
        }
    }
    // Our wire form carries it whole.
    const Bytes wire = rlp::encode_slice(verified->slice());
    EXPECT_EQ(rlp::decode_slice(wire).value(), verified->slice());
}

TEST(KitsunetSlice, FalseClaimsAndNodesUnderWrongKeysAreRefused) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    auto json = testing::read_json(vectors / "kitsunet-js/slice-1372-12.json");
    auto imported = read_kitsunet_slice(json);
    auto claims = imported.claims;
    const auto verified = slice::verify(std::move(imported.slice)).value();
    claims.front().storage_root.bytes[0] ^= 1;
    EXPECT_THROW(check_leaf_claims(verified, claims), FormatError);
    auto& nodes = json.as_object()["result"].as_object()["trie-nodes"].as_object()["slice-nodes"].as_object();
    auto& first = nodes.begin()->value();
    std::string text(first.as_string());
    text[10] = text[10] == '0' ? '1' : '0';
    first = text;
    EXPECT_NE(error_of(json).find("does not hash to its key"), std::string::npos) << error_of(json);
}

TEST(KitsunetSlice, MalformedResponsesNameWhatIsWrong) {
    EXPECT_NE(error_of(json::parse(R"({"result": {}})")).find("slice-id"), std::string::npos);
    EXPECT_NE(error_of(json::parse(R"({"slice-id": "zz-1-00", "trie-nodes": {}})")).find("invalid slice id"),
              std::string::npos);
    const std::string id = "1372-12-" + std::string(64, 'a');
    EXPECT_NE(
        error_of(json::parse(R"({"slice-id": ")" + id + R"(", "trie-nodes": {"head": {}, "stem": []}})"))
            .find("stem"),
        std::string::npos);
    EXPECT_FALSE(is_kitsunet_slice(json::parse("[1, 2]")));
}

TEST(StateNodes, AGenesisAllocCutsIntoSlicesOfItsRoot) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    const auto file = read_alloc(testing::read_json(vectors / "mainnet/genesis-alloc.json"));
    slice::NodeMap nodes;
    const Hash root = add_state_nodes(file, nodes);
    EXPECT_EQ(to_hex(root), "d7f8974fb5ac78d9ac099b9ad5018bedc2ce0a72dad1827a1709da30580f0544");
    for (const auto& state : {file.accounts.front(), file.accounts.back()}) {
        slice::SliceId id;
        id.root = root;
        id.prefix = slice::account_prefix(state.address);
        auto verified = slice::verify(slice::cut(nodes, id).value()).value();
        EXPECT_EQ(verified.account(keccak256(state.address)).value(), state.account);
    }
}

TEST(StateNodes, StorageTriesAndCodeOfADumpAreCutToo) {
    const auto file = read_alloc(json::parse(R"({
        "0x1000000000000000000000000000000000000001": {"balance": "1", "code": "0x6001600055",
            "storage": {"0x00": "0x01", "0x01": "0xff", "0x02": "0x00"}},
        "0x1000000000000000000000000000000000000002": {"balance": "2"}})"));
    slice::NodeMap nodes;
    const Hash root = add_state_nodes(file, nodes);
    EXPECT_EQ(root, state_root(account_list(file)));
    const auto& contract = file.accounts.front();
    slice::SliceId state_id;
    state_id.root = root;
    state_id.prefix = {};
    const auto state = slice::verify(slice::cut(nodes, state_id).value()).value();
    EXPECT_EQ(state.code(contract.account.code_hash)->size(), 5u);
    slice::SliceId storage_id;
    storage_id.root = contract.account.storage_root;
    storage_id.prefix = {};
    storage_id.storage_owner = keccak256(contract.address);
    const auto storage = slice::verify(slice::cut(nodes, storage_id).value()).value();
    EXPECT_EQ(storage.storage(keccak256(U256{1}.to_bytes32())).value(), U256{0xff});
    EXPECT_EQ(storage.storage(keccak256(U256{2}.to_bytes32())).value(), U256{0});
    EXPECT_EQ(storage.stats().leaves, 2u);
}

}  // namespace
}  // namespace kitsunet::ethjson
