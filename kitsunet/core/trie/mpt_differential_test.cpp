// Differential test against @ethereumjs/mpt (test/js/mpt_oracle.mjs): same roots on random key
// sets, and proofs (of presence and of absence) that verify across both implementations.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <optional>
#include <random>
#include <string>

#include <unistd.h>

#include <boost/json.hpp>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/trie/proof.hpp"
#include "kitsunet/core/trie/test_support.hpp"
#include "kitsunet/core/trie/trie.hpp"
#include "kitsunet/testing/vectors.hpp"

namespace kitsunet::trie {
namespace {

namespace json = boost::json;

json::array hex_list(const std::vector<Bytes>& items) {
    json::array out;
    for (const auto& b : items) out.emplace_back(to_hex(b));
    return out;
}

std::vector<Bytes> bytes_list(const json::value& v) {
    std::vector<Bytes> out;
    for (const auto& s : v.as_array()) out.push_back(from_hex(std::string_view{s.as_string()}).value());
    return out;
}

/// Runs the oracle on `job`; fails the test (and returns null) when it cannot.
json::value run_oracle(const json::object& job) {
    const auto dir = testing::js_dir();
    if (!dir) {
        ADD_FAILURE()
            << "test/js/node_modules is missing: run (cd test/js && npm install --no-audit --no-fund)";
        return nullptr;
    }
    // One file per process: CTest runs the differential tests in parallel.
    const std::string job_file =
        ::testing::TempDir() + "mpt_oracle_job_" + std::to_string(getpid()) + ".json";
    std::ofstream(job_file) << json::serialize(job);
    const std::string cmd =
        "cd '" + dir->string() + "' && node --import ./polyfill.mjs mpt_oracle.mjs < '" + job_file + "'";
    FILE* pipe = popen(cmd.c_str(), "r");
    if (pipe == nullptr) return nullptr;
    std::string out;
    char buf[65536];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
    const int status = pclose(pipe);
    EXPECT_EQ(status, 0) << "mpt_oracle.mjs failed: " << out;
    return status == 0 ? json::parse(out) : json::value(nullptr);
}

std::optional<Bytes> oracle_value(const json::value& v) {
    const auto& o = v.as_object();
    if (o.contains("error")) return Bytes{0xde, 0xad};  // never a value we expect: the check fails
    if (o.at("value").is_null()) return std::nullopt;
    return from_hex(std::string_view{o.at("value").as_string()}).value();
}

void compare_with_oracle(const test::Entries& entries, std::mt19937_64& rng) {
    Trie t;
    json::array puts;
    for (const auto& [k, v] : entries) {
        t.put(k, v);
        puts.push_back(json::array{json::string(to_hex(k)), json::string(to_hex(v))});
    }
    const Hash root = t.root_hash();
    std::vector<Bytes> keys;  // every present key (up to 200) and as many absent ones
    for (const auto& [k, v] : entries)
        if (keys.size() < 200) keys.push_back(k);
    for (const auto& [k, v] : test::random_entries(rng, keys.size() + 5, 1, 33, 7))
        if (!entries.contains(k)) keys.push_back(k);
    json::array prove, verify;
    for (const auto& k : keys) {
        prove.emplace_back(to_hex(k));
        verify.push_back(
            json::object{{"root", to_hex(root)}, {"key", to_hex(k)}, {"proof", hex_list(t.proof(k))}});
    }
    const json::value result = run_oracle({{"entries", puts}, {"prove", prove}, {"verify", verify}});
    if (result.is_null()) return;
    ASSERT_EQ(std::string_view{result.at("root").as_string()}, to_hex(root)) << entries.size() << " entries";
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const auto it = entries.find(keys[i]);
        const std::optional<Bytes> expected = it == entries.end() ? std::nullopt : std::optional{it->second};
        const auto theirs = verify_proof(root, keys[i], bytes_list(result.at("proofs").at(i)));
        ASSERT_TRUE(theirs) << "their proof of " << to_hex(keys[i]) << ": " << describe(theirs.error());
        EXPECT_EQ(*theirs, expected) << "their proof of " << to_hex(keys[i]);
        EXPECT_EQ(oracle_value(result.at("verified").at(i)), expected)
            << "our proof of " << to_hex(keys[i])
            << " in theirs: " << json::serialize(result.at("verified").at(i));
    }
}

TEST(MptDifferential, RandomHashedKeys) {
    std::mt19937_64 rng(21);
    for (std::size_t n : {1u, 2u, 17u, 300u, 3000u})
        compare_with_oracle(test::random_entries(rng, n, 32, 32), rng);
}

TEST(MptDifferential, ShortKeysWithSharedPrefixesAndInlineNodes) {
    std::mt19937_64 rng(22);
    for (std::size_t n : {1u, 5u, 40u, 400u}) compare_with_oracle(test::random_entries(rng, n, 1, 6, 5), rng);
}

}  // namespace
}  // namespace kitsunet::trie
