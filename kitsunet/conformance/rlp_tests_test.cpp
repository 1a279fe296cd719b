#include "kitsunet/conformance/rlp_tests.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "kitsunet/testing/vectors.hpp"

namespace kitsunet::conformance {
namespace {

CaseResults run(std::string_view json_text) { return run_rlp_tests(boost::json::parse(json_text)); }

TEST(RlpRunner, PassesEncodingsAndFailsAWrongOne) {
    const auto results = run(R"({
        "dog": {"in": "dog", "out": "0x83646f67"},
        "big": {"in": "#83729609699884896815286331701780722", "out": "0x8f102030405060708090a0b0c0d0e0f2"},
        "nested": {"in": [[], [[]]], "out": "0xc3c0c1c0"},
        "wrong": {"in": 1024, "out": "0x820401"}
    })");
    ASSERT_EQ(results.size(), 4u);
    EXPECT_TRUE(results[0].ok) << results[0].reason;
    EXPECT_TRUE(results[1].ok) << results[1].reason;
    EXPECT_TRUE(results[2].ok) << results[2].reason;
    EXPECT_FALSE(results[3].ok);
    EXPECT_EQ(results[3].reason, "encoded 820400, expected 820401");
}

TEST(RlpRunner, InvalidCasesPassOnlyWhenRefused) {
    const auto results = run(R"({
        "refused": {"in": "INVALID", "out": "0x8100"},
        "accepted": {"in": "INVALID", "out": "0x80"},
        "not hex": {"in": "INVALID", "out": "0xzz"}
    })");
    ASSERT_EQ(results.size(), 3u);
    EXPECT_TRUE(results[0].ok);
    EXPECT_FALSE(results[1].ok);
    EXPECT_FALSE(results[2].ok);
}

TEST(RlpRunner, EveryRlpTestsVectorPasses) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    for (const char* file : {"rlptest.json", "invalidRLPTest.json"}) {
        const auto results = run_rlp_tests(testing::read_json(vectors / "ethereum-tests/RLPTests" / file));
        EXPECT_GT(results.size(), 10u) << file;
        for (const auto& r : results) EXPECT_TRUE(r.ok) << file << ": " << r.name << ": " << r.reason;
    }
}

}  // namespace
}  // namespace kitsunet::conformance
