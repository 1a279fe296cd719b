#pragma once
/// The common shape of every conformance runner (rlp, trie, blockchain): one parsed ethereum/tests
/// JSON file in, one CaseResult per test case out. Runners never throw for bad test content: a case
/// they cannot read is a failed case whose reason says why.
#include <cstdio>
#include <span>
#include <string>
#include <vector>

#include <boost/json/fwd.hpp>

namespace kitsunet::conformance {

struct CaseResult {
    std::string name;
    bool ok{false};
    std::string reason;  // why it failed; for a passing case, optional notes (e.g. what was checked)
};

using CaseResults = std::vector<CaseResult>;

/// A runner: one parsed test file → its cases' results.
using Runner = CaseResults (*)(const boost::json::value& file);

/// Prints `PASS name` / `FAIL name: reason`, one line per case, to `out`. Returns the failure count.
std::size_t print_results(std::span<const CaseResult> results, std::FILE* out);

/// "N passed, M failed" for `results`.
std::string summary(std::size_t passed, std::size_t failed);

}  // namespace kitsunet::conformance
