#pragma once
/// Test-only: running the kitsunet binary as a user does (the CLI tests), in a scratch directory
/// per test process.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "kitsunet/testing/vectors.hpp"

namespace kitsunet::testing::cli {

namespace fs = std::filesystem;

struct Run {
    int exit_code{-1};
    std::string out;
    std::string err;
};

inline fs::path scratch_dir() {
    const auto dir = fs::temp_directory_path() / ("kitsunet_cli_test_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir;
}

// Removes the scratch directory after the last test.
struct ScratchCleanup : ::testing::Environment {
    void TearDown() override { fs::remove_all(scratch_dir()); }
};
inline const auto* const kCleanup = ::testing::AddGlobalTestEnvironment(new ScratchCleanup);

inline fs::path write_file(const std::string& name, const std::string& content) {
    const auto path = scratch_dir() / name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
}

// Runs `kitsunet ARGS` (a shell fragment); a death by signal fails the test.
inline Run kitsunet(const std::string& args) {
    const auto dir = scratch_dir();
    const std::string cmd = std::string(KITSUNET_BIN_DIR) + "/kitsunet " + args + " >" +
                            (dir / "out").string() + " 2>" + (dir / "err").string();
    const int status = std::system(cmd.c_str());
    EXPECT_TRUE(WIFEXITED(status)) << "crashed: " << args;
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(dir / "out"), read_file(dir / "err")};
}

// One line on stderr, starting "kitsunet: error: ", exit code 1.
inline void expect_clean_error(const Run& r, const std::string& fragment) {
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(r.err.starts_with("kitsunet: error: ")) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(fragment), std::string::npos) << r.err;
}

}  // namespace kitsunet::testing::cli
