#pragma once
/// Test support: running a Node.js oracle script of test/js (a reference implementation from npm)
/// on one JSON job. Test-only.
#include <string_view>

#include <boost/json/value.hpp>

namespace kitsunet::testing {

/// Runs `node --import ./polyfill.mjs <script>` in test/js with `job` on stdin and parses the
/// JSON it prints. Throws std::runtime_error when test/js/node_modules is missing (with the
/// command that installs it) or the script fails (with its output). Safe to call from tests
/// that CTest runs in parallel (one job file per process).
boost::json::value run_js_oracle(std::string_view script, const boost::json::value& job);

}  // namespace kitsunet::testing
