// `kitsunet slice …` as a user runs it: ids, cutting the mainnet genesis state, verifying ours and
// the original kitsunet's slices, reading accounts, deltas; bad input → exit 1 and one clear line,
// usage errors → 2.
#include <gtest/gtest.h>

#include "kitsunet/app/cli_test_support.hpp"

namespace {

using namespace kitsunet::testing::cli;
using kitsunet::testing::cli::kitsunet;  // hides namespace kitsunet for unqualified calls

constexpr std::string_view kGenesisRoot =
    "0xd7f8974fb5ac78d9ac099b9ad5018bedc2ce0a72dad1827a1709da30580f0544";
constexpr std::string_view kOriginalKey =
    "0x1372c6cc9ad4698bc90e4f827e36bf3930b9a02aa2d626d71dddbf3b9e9eb9d4";

std::string genesis_option(const fs::path& vectors) {
    return "--alloc " + (vectors / "mainnet/genesis-alloc.json").string();
}

std::string path_of(const std::string& name) { return (scratch_dir() / name).string(); }

TEST(SliceCli, IdIsTheStartOfKeccakOfTheAddress) {
    auto r = kitsunet("slice id 0x6810e776880C02933D47DB1b9fc05908e5386b96");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "0aa8\n");
    r = kitsunet("slice id 0x6810e776880C02933D47DB1b9fc05908e5386b96 --prefix-len 7");
    EXPECT_EQ(r.out, "0aa8224\n");
    r = kitsunet("slice id " + std::string(kOriginalKey) + " --prefix-len 6");  // an account key as is
    EXPECT_EQ(r.out, "1372c6\n");
    expect_clean_error(kitsunet("slice id 0x1234"), "expected an address");
    EXPECT_EQ(kitsunet("slice id 0x6810e776880C02933D47DB1b9fc05908e5386b96 --prefix-len 65").exit_code, 2);
}

TEST(SliceCli, CutVerifyAndReadTheGenesisState) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    const std::string address = "0x000d836201318ec6899a67540690382780743280";  // 200 ether at genesis
    const auto prefix = kitsunet("slice id " + address + " --prefix-len 2").out.substr(0, 2);
    const auto cut = kitsunet("slice cut " + genesis_option(vectors) + " --prefix " + prefix + " --out " +
                              path_of("g.slice"));
    ASSERT_EQ(cut.exit_code, 0) << cut.err;
    EXPECT_NE(cut.out.find("slice: " + prefix + "-64-" + std::string(kGenesisRoot.substr(2))),
              std::string::npos)
        << cut.out;
    const auto verified =
        kitsunet("slice verify " + path_of("g.slice") + " --root " + std::string(kGenesisRoot));
    EXPECT_EQ(verified.exit_code, 0) << verified.err;
    EXPECT_EQ(verified.out, cut.out);
    EXPECT_NE(verified.out.find("accounts: "), std::string::npos);
    const auto account = kitsunet("slice account " + path_of("g.slice") + " " + address);
    EXPECT_EQ(account.exit_code, 0) << account.err;
    EXPECT_NE(account.out.find(R"("balance":"0xad78ebc5ac6200000")"), std::string::npos) << account.out;
    EXPECT_NE(account.out.find(R"("codeSize":0)"), std::string::npos) << account.out;
    // Another key under the same prefix: the account's own, its last digit changed.
    const auto key_at = account.out.find(R"("key":")") + 7;
    std::string other_key = account.out.substr(key_at, 66);
    other_key.back() = other_key.back() == '0' ? '1' : '0';
    const auto absent = kitsunet("slice account - " + other_key + " < " + path_of("g.slice"));
    EXPECT_EQ(absent.exit_code, 0) << absent.err;
    EXPECT_TRUE(absent.out.starts_with("proven absent: ")) << absent.out;
    expect_clean_error(
        kitsunet("slice account " + path_of("g.slice") + " 0x6810e776880C02933D47DB1b9fc05908e5386b96"),
        "lies outside slice " + prefix);
}

// A geth dump: code and storage travel with the state; the dump's own claims are recomputed.
TEST(SliceCli, CutFromAGethDump) {
    const auto dump = write_file(
        "dump.json", R"({"root": "0x00000000000000000000000000000000000000000000000000000000000000aa",
        "accounts": {
          "0x1000000000000000000000000000000000000001": {"balance": "1", "nonce": 7, "code": "0x6001600055",
            "storage": {"0x00": "0x01"},
            "root": "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421",
            "codeHash": "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"},
          "0x1000000000000000000000000000000000000002": {"balance": "2", "nonce": 0,
            "root": "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421",
            "codeHash": "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"}}})");
    const auto cut =
        kitsunet("slice cut --dump " + dump.string() + " --prefix '' --out " + path_of("d.slice"));
    ASSERT_EQ(cut.exit_code, 0) << cut.err;
    EXPECT_NE(cut.out.find("accounts: 2"), std::string::npos) << cut.out;
    EXPECT_NE(cut.out.find("codes: 1"), std::string::npos) << cut.out;
    EXPECT_NE(cut.err.find("claims"), std::string::npos)
        << "the dump's false claims are not warned: " << cut.err;
    const auto account =
        kitsunet("slice account " + path_of("d.slice") + " 0x1000000000000000000000000000000000000001");
    EXPECT_EQ(account.exit_code, 0) << account.err;
    EXPECT_NE(account.out.find(R"("nonce":"0x7")"), std::string::npos) << account.out;
    EXPECT_NE(account.out.find(R"("codeSize":5)"), std::string::npos) << account.out;
    EXPECT_EQ(account.out.find("56e81f171bcc"), std::string::npos) << "the storage root is the dump's claim";
}

TEST(SliceCli, TheOriginalKitsunetsSliceVerifiesAndReads) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    const auto file = (vectors / "kitsunet-js/slice-1372-12.json").string();
    const auto r = kitsunet("slice verify " + file +
                            " --root 0xa7511d0abbcc70b8b59ae8eff1ffc2704d47751a6a043c952b4729f656377bce");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("slice: 1372-12-a7511d0a"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("nodes: 1179"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("accounts: 861"), std::string::npos) << r.out;
    const auto account = kitsunet("slice account " + file + " " + std::string(kOriginalKey));
    EXPECT_EQ(account.exit_code, 0) << account.err;
    EXPECT_NE(account.out.find(R"("nonce":"0xb538f9","balance":"0x2042d55a624beaf4bc1")"), std::string::npos)
        << account.out;
}

TEST(SliceCli, BadSlicesAreRefusedWithOneClearLine) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    ASSERT_EQ(
        kitsunet("slice cut " + genesis_option(vectors) + " --prefix 3 --out " + path_of("s")).exit_code, 0);
    const std::string good = kitsunet::testing::read_file(path_of("s"));
    expect_clean_error(
        kitsunet("slice verify " + write_file("cut", good.substr(0, good.size() / 2)).string()),
        "not a slice: rlp: input too short");
    std::string flipped = good;
    flipped[good.size() / 2] ^= 0x01;
    expect_clean_error(kitsunet("slice verify " + write_file("flipped", flipped).string()),
                       "slice refused: slice: ");
    expect_clean_error(kitsunet("slice verify " + path_of("s") + " --root 0x" + std::string(64, 'a')),
                       "slice refused: slice: not of the expected root");
    expect_clean_error(kitsunet("slice verify /nonexistent/slice"), "cannot open /nonexistent/slice");
    expect_clean_error(kitsunet("slice verify " + write_file("empty", "").string()), "not a slice");
    std::string json = kitsunet::testing::read_file(vectors / "kitsunet-js/slice-1372-12.json");
    const auto node = json.find("\"f9");  // the first node's RLP: change one digit
    json[node + 10] = json[node + 10] == '0' ? '1' : '0';
    expect_clean_error(kitsunet("slice verify " + write_file("tampered.json", json).string()),
                       "does not hash to its key");
    expect_clean_error(kitsunet("slice verify " + write_file("bad.json", "{\"result\": 1}").string()),
                       "not an eth_getSlice response");
    expect_clean_error(kitsunet("slice cut " + genesis_option(vectors) + " --prefix 0xz --out x"),
                       "--prefix");
}

// Two versions of a small state: an account's balance and a contract's storage change.
const char* kOldState = R"({
  "0x1000000000000000000000000000000000000001": {"balance": "1", "code": "0x6001600055", "storage": {"0x00": "0x01", "0x01": "0xff"}},
  "0x1000000000000000000000000000000000000002": {"balance": "2"},
  "0x1000000000000000000000000000000000000003": {"balance": "3"}})";
const char* kNewState = R"({
  "0x1000000000000000000000000000000000000001": {"balance": "1", "code": "0x6001600055", "storage": {"0x00": "0x02", "0x01": "0xff"}},
  "0x1000000000000000000000000000000000000002": {"balance": "2000"},
  "0x1000000000000000000000000000000000000003": {"balance": "3"}})";

TEST(SliceCli, DiffThenApplyGivesTheNewSlice) {
    const auto old_state = write_file("old.json", kOldState).string();
    const auto new_state = write_file("new.json", kNewState).string();
    for (const std::string storage : {"", " --storage 0x1000000000000000000000000000000000000001"}) {
        ASSERT_EQ(kitsunet("slice cut --alloc " + old_state + " --prefix '' --out " + path_of("old.slice") +
                           storage)
                      .exit_code,
                  0);
        ASSERT_EQ(kitsunet("slice cut --alloc " + new_state + " --prefix '' --out " + path_of("new.slice") +
                           storage)
                      .exit_code,
                  0);
        const auto diff = kitsunet("slice diff " + path_of("old.slice") + " " + path_of("new.slice") +
                                   " --out " + path_of("delta"));
        ASSERT_EQ(diff.exit_code, 0) << diff.err;
        EXPECT_TRUE(diff.out.starts_with("delta: ")) << diff.out;
        const auto applied = kitsunet("slice apply " + path_of("old.slice") + " " + path_of("delta") +
                                      " --out " + path_of("applied.slice"));
        ASSERT_EQ(applied.exit_code, 0) << applied.err;
        EXPECT_EQ(kitsunet::testing::read_file(path_of("applied.slice")),
                  kitsunet::testing::read_file(path_of("new.slice")));
        EXPECT_NE(applied.out.find(storage.empty() ? "accounts: 3" : "slots: 2"), std::string::npos)
            << applied.out;
        // The delta belongs to the old root: applying it to the new slice is refused.
        expect_clean_error(kitsunet("slice apply " + path_of("new.slice") + " " + path_of("delta") +
                                    " --out " + path_of("x")),
                           "delta refused: slice: the delta is for another root");
    }
    const auto account =
        kitsunet("slice account " + path_of("applied.slice") + " 0x1000000000000000000000000000000000000001");
    expect_clean_error(account, "a storage slice holds no accounts");
    expect_clean_error(kitsunet("slice apply " + path_of("old.slice") + " " + path_of("old.slice") +
                                " --out " + path_of("x")),
                       "not a slice delta");
    ASSERT_EQ(
        kitsunet("slice cut --alloc " + old_state + " --prefix 1 --out " + path_of("one.slice")).exit_code,
        0);
    ASSERT_EQ(
        kitsunet("slice cut --alloc " + old_state + " --prefix 2 --out " + path_of("two.slice")).exit_code,
        0);
    expect_clean_error(kitsunet("slice diff " + path_of("one.slice") + " " + path_of("two.slice") +
                                " --out " + path_of("x")),
                       "another root, prefix, depth or trie");
}

TEST(SliceCli, UsageErrorsExitWithTwo) {
    EXPECT_EQ(kitsunet("slice").exit_code, 2);
    EXPECT_EQ(kitsunet("slice id").exit_code, 2);
    EXPECT_EQ(kitsunet("slice cut --prefix 0 --out x").exit_code, 2);    // no state file
    EXPECT_EQ(kitsunet("slice cut --alloc x --prefix 0").exit_code, 2);  // no --out
    EXPECT_EQ(kitsunet("slice verify").exit_code, 2);
    EXPECT_EQ(kitsunet("slice diff a b").exit_code, 2);
    EXPECT_EQ(kitsunet("slice apply a").exit_code, 2);
    const auto help = kitsunet("slice --help");
    EXPECT_EQ(help.exit_code, 0);
    for (const char* sub : {"id", "cut", "verify", "account", "diff", "apply"})
        EXPECT_NE(help.out.find(sub), std::string::npos) << sub;
}

}  // namespace
