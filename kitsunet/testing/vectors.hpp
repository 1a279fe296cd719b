#pragma once
/// Test support: locating ../shared/vectors and reading its files. Test-only.
#include <filesystem>
#include <optional>
#include <string>

#include <boost/json/value.hpp>

namespace kitsunet::testing {

/// The shared vectors folder, or nullopt where it is absent (a user's clone has none).
std::optional<std::filesystem::path> vectors_dir();

/// Reads a whole file; throws std::runtime_error when it cannot.
std::string read_file(const std::filesystem::path& path);

/// Parses a JSON file; throws on error.
boost::json::value read_json(const std::filesystem::path& path);

/// Folder holding the npm test packages (test/js) with node_modules installed, or nullopt.
std::optional<std::filesystem::path> js_dir();

}  // namespace kitsunet::testing

/// Skips the current GoogleTest test when the shared vectors are absent; else binds `var`.
#define KITSUNET_VECTORS_OR_SKIP(var)                                                    \
    const auto var##_opt = ::kitsunet::testing::vectors_dir();                           \
    if (!var##_opt) GTEST_SKIP() << "../shared/vectors is absent: skipping vector test"; \
    const std::filesystem::path& var = *var##_opt
