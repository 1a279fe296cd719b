#include "kitsunet/ethjson/state_file.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/keccak.hpp"
#include "kitsunet/testing/vectors.hpp"

namespace kitsunet::ethjson {
namespace {

constexpr std::string_view kMainnetGenesisRoot =
    "0xd7f8974fb5ac78d9ac099b9ad5018bedc2ce0a72dad1827a1709da30580f0544";

std::string root_hex(const StateFile& f) { return to_hex(state_root(account_list(f)), true); }

std::string error_of(std::string_view json, StateFile (*reader)(const boost::json::value&)) {
    try {
        reader(boost::json::parse(json));
    } catch (const FormatError& e) {
        return e.what();
    }
    return "no error";
}

TEST(StateFile, MainnetGenesisAllocHasTheGenesisStateRoot) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    const auto file = read_alloc(testing::read_json(vectors / "mainnet/genesis-alloc.json"));
    EXPECT_EQ(file.accounts.size(), 8893u);
    EXPECT_EQ(root_hex(file), kMainnetGenesisRoot);
    auto trie = state_trie(file);  // the plain trie agrees with the streaming builder
    EXPECT_EQ(to_hex(trie.root_hash(), true), kMainnetGenesisRoot);
}

TEST(StateFile, ShortAndLongFormsAndNumberBasesAgree) {
    const auto short_form = read_alloc(boost::json::parse(R"({
        "0x000d836201318ec6899a67540690382780743280": "200000000000000000000",
        "a94f5374fce5edbc8e2a8697c15331677e6ebf0b": "0x0"})"));
    const auto long_form = read_alloc(boost::json::parse(R"({"alloc": {
        "0xA94F5374FCE5EDBC8E2A8697C15331677E6EBF0B": {"balance": "0"},
        "0x000d836201318ec6899a67540690382780743280": {"balance": "0xad78ebc5ac6200000", "nonce": "0x0"}}})"));
    EXPECT_EQ(root_hex(short_form), root_hex(long_form));
    EXPECT_EQ(short_form.accounts[0].account.balance.to_decimal(), "200000000000000000000");
}

TEST(StateFile, CodeAndStorageMakeTheHashesAndZeroSlotsAreAbsent) {
    const auto file = read_alloc(boost::json::parse(R"({"0x000000000000000000000000000000000000aaaa":
        {"balance": "0x03", "nonce": "0x01", "code": "0x5854505854", "storage": {"0x01": "0x02", "0x03": "0x00"}}})"));
    const auto& a = file.accounts.at(0);
    EXPECT_EQ(a.account.nonce, 1u);
    EXPECT_EQ(a.account.code_hash, keccak256(from_hex("5854505854").value()));
    const StorageEntry only_nonzero{U256{1}, U256{2}};
    EXPECT_EQ(a.account.storage_root, storage_root({&only_nonzero, 1}));
}

TEST(StateFile, ErrorsNameTheOffendingEntry) {
    EXPECT_EQ(error_of(R"({"0x1234": "1"})", read_alloc), "0x1234: wrong length in \"0x1234\"");
    EXPECT_EQ(error_of(R"({"0x000d836201318ec6899a67540690382780743280": "12x"})", read_alloc),
              "0x000d836201318ec6899a67540690382780743280: balance: invalid number in \"12x\"");
    EXPECT_EQ(error_of(R"({"0x000d836201318ec6899a67540690382780743280": {"nonce": 1}})", read_alloc),
              "0x000d836201318ec6899a67540690382780743280: missing \"balance\"");
    EXPECT_EQ(
        error_of(
            R"({"0x000d836201318ec6899a67540690382780743280": {"balance": 1, "nonce": "0x10000000000000000"}})",
            read_alloc),
        "0x000d836201318ec6899a67540690382780743280: nonce: above 2^64 - 1");
    EXPECT_EQ(
        error_of(
            R"({"0x000d836201318ec6899a67540690382780743280": "1", "000D836201318EC6899A67540690382780743280": "2"})",
            read_alloc),
        "0x000d836201318ec6899a67540690382780743280: listed twice");
    EXPECT_EQ(error_of(R"([1, 2])", read_alloc), "alloc: expected a JSON object");
    EXPECT_EQ(error_of(R"({"root": "0x00"})", read_dump), "dump: root: wrong length in \"0x00\"");
    EXPECT_EQ(error_of("{}", read_dump), "dump: missing \"accounts\"");
}

TEST(StateFile, DumpClaimsAreRecomputedAndMismatchesWarned) {
    const auto honest = read_dump(
        boost::json::parse(R"({"root": "0x00000000000000000000000000000000000000000000000000000000000000aa",
        "accounts": {"0x000000000000000000000000000000000000aaaa": {"balance": "3", "nonce": 1,
            "root": "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421",
            "codeHash": "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"}}})"));
    EXPECT_TRUE(honest.warnings.empty());
    EXPECT_EQ(to_hex(*honest.claimed_root), std::string(62, '0') + "aa");
    const auto lying =
        read_dump(boost::json::parse(R"({"accounts": {"0x000000000000000000000000000000000000aaaa":
        {"balance": "3", "code": "0x00", "storage": {"01": "02"},
         "root": "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421",
         "codeHash": "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"}}})"));
    ASSERT_EQ(lying.warnings.size(), 2u);
    EXPECT_NE(lying.warnings[0].find("file claims root 0x56e8"), std::string::npos) << lying.warnings[0];
    EXPECT_NE(lying.warnings[1].find("file claims codeHash 0xc5d2"), std::string::npos) << lying.warnings[1];
    EXPECT_EQ(lying.accounts[0].account.code_hash, keccak256(from_hex("00").value()));
}

}  // namespace
}  // namespace kitsunet::ethjson
