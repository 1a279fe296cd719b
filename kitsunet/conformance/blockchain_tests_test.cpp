#include "kitsunet/conformance/blockchain_tests.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "kitsunet/testing/vectors.hpp"

namespace kitsunet::conformance {
namespace {

namespace json = boost::json;

std::filesystem::path example(const std::filesystem::path& vectors) {
    return vectors /
           "ethereum-tests/BlockchainTests/BlockchainTests_ValidBlocks_bcExample_shanghaiExample.json";
}

// The first case of a file, for tampering.
json::object first_case(const std::filesystem::path& file) {
    return testing::read_json(file).as_object().begin()->value().as_object();
}

CaseResult run_one(const json::object& test) {
    json::object file;
    file["case"] = test;
    return run_blockchain_tests(file).at(0);
}

TEST(BlockchainRunner, EveryBlockchainTestsVectorPasses) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    std::size_t cases = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(vectors / "ethereum-tests/BlockchainTests")) {
        for (const auto& r : run_blockchain_tests(testing::read_json(entry.path()))) {
            EXPECT_TRUE(r.ok) << entry.path().filename() << ": " << r.name << ": " << r.reason;
            ++cases;
        }
    }
    EXPECT_GE(cases, 5u);
}

TEST(BlockchainRunner, CatchesAWrongPostStateAndAWrongLastBlock) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    auto test = first_case(example(vectors));
    ASSERT_TRUE(run_one(test).ok) << run_one(test).reason;

    auto wrong_post = test;
    auto& account = wrong_post["postState"].as_object().begin()->value().as_object();
    account["nonce"] = "0x63";
    const auto post = run_one(wrong_post);
    EXPECT_FALSE(post.ok);
    EXPECT_TRUE(post.reason.starts_with("root of postState is 0x")) << post.reason;

    auto wrong_last = test;
    wrong_last["lastblockhash"] = "0x" + std::string(64, '1');
    EXPECT_TRUE(run_one(wrong_last).reason.starts_with("last block hash is")) << run_one(wrong_last).reason;
}

TEST(BlockchainRunner, ATamperedBlockFailsWithTheFieldAtFault) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    auto test = first_case(example(vectors));
    auto& block = test["blocks"].as_array()[0].as_object();
    std::string rlp(block["rlp"].as_string());
    rlp.append("00");
    block["rlp"] = rlp;
    EXPECT_EQ(run_one(test).reason, "block 0: block: rlp: trailing bytes after the item");
    block["rlp"] = "0xzz";
    EXPECT_FALSE(run_one(test).ok);
}

TEST(BlockchainRunner, BlocksExpectedInvalidAreReportedNotFatal) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    auto test = first_case(example(vectors));
    json::object bad_block;
    bad_block["rlp"] = "0xf90000";
    bad_block["expectException"] = "TransactionException.INTRINSIC_GAS_TOO_LOW";
    test["blocks"].as_array().push_back(bad_block);
    const auto r = run_one(test);
    EXPECT_TRUE(r.ok) << r.reason;
    EXPECT_NE(r.reason.find("expects \"TransactionException.INTRINSIC_GAS_TOO_LOW\""), std::string::npos)
        << r.reason;
    EXPECT_NE(r.reason.find("refused"), std::string::npos) << r.reason;
}

TEST(BlockchainRunner, MalformedCasesFailWithAReason) {
    const auto results = run_blockchain_tests(json::parse(R"({"empty": {}, "not an object": 3})"));
    ASSERT_EQ(results.size(), 2u);
    EXPECT_EQ(results[0].reason, "case: missing \"genesisRLP\"");
    EXPECT_EQ(results[1].reason, "case: expected a JSON object");
}

}  // namespace
}  // namespace kitsunet::conformance
