#pragma once
// Benchmark anchors written in JavaScript: running a bench/*.mjs script under node in test/js.
#include <filesystem>
#include <optional>
#include <string>

namespace kitsunet::bench {

/// Runs `node --import ./polyfill.mjs ../../bench/<script> <args>` in source_dir/test/js and
/// returns what it printed, or nullopt (with a message on stderr naming `bench_name`) when
/// node_modules is missing or the script fails. `args` is a shell fragment (quote it).
std::optional<std::string> run_node_script(const std::filesystem::path& source_dir,
                                           const std::string& bench_name, const std::string& script,
                                           const std::string& args);

}  // namespace kitsunet::bench
