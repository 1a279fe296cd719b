#pragma once
/// ethereum/tests RLPTests runner (rlptest.json, invalidRLPTest.json).
/// A case `{in, out}`: `in` is a string (raw bytes), an integer, "#<decimal bigint>" or a nested
/// list; its encoding must equal `out`, and decoding `out` must give back `in`.
/// A case whose `in` is "INVALID" passes only when the decoder refuses `out`.
#include "kitsunet/conformance/case_result.hpp"

namespace kitsunet::conformance {

/// Runs every case of one RLPTests file. Thread-safe.
CaseResults run_rlp_tests(const boost::json::value& file);

}  // namespace kitsunet::conformance
