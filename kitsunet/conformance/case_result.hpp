#pragma once
/// The shape of the JSON-suite runners (rlp, blockchain): one parsed ethereum/tests file in, one
/// CaseResult per test case out. Runners never throw for bad test content: a case they cannot
/// read is a failed case whose reason says why.
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
using CaseRunner = CaseResults (*)(const boost::json::value& file);

/// The `kitsunet conformance` lines of `results`: `PASS name` or `FAIL name: reason`.
std::vector<std::string> result_lines(const CaseResults& results);

}  // namespace kitsunet::conformance
