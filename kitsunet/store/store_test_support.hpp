#pragma once
/// Test-only: a scratch directory per test, removed afterwards, check() as an assertion, totals.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "kitsunet/store/store.hpp"

namespace kitsunet::store::test {

/// A fresh directory named after the running test, removed when the object goes.
class ScratchDir {
  public:
    ScratchDir() {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        path_ = std::filesystem::temp_directory_path() /
                ("kitsunet_store_" + std::string(info->test_suite_name()) + "_" + info->name() + "_" +
                 std::to_string(::getpid()));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~ScratchDir() { std::filesystem::remove_all(path_); }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const std::filesystem::path& path() const noexcept { return path_; }

  private:
    std::filesystem::path path_;
};

/// Every invariant of the store holds (and, with `verify`, every slice verifies).
inline ::testing::AssertionResult consistent(const Store& store, bool verify = false) {
    auto report = store.check(verify);
    if (!report) return ::testing::AssertionFailure() << "check failed: " << report.error().message;
    if (report->problems.empty()) return ::testing::AssertionSuccess();
    auto failure = ::testing::AssertionFailure();
    for (const auto& p : report->problems) failure << p << "\n";
    return failure;
}

/// Whether `a` and `b` count the same slices, nodes, codes, headers and usage (disk size aside).
inline bool same_totals(const Stats& a, const Stats& b) {
    return a.slices == b.slices && a.nodes == b.nodes && a.codes == b.codes && a.headers == b.headers &&
           a.usage_bytes == b.usage_bytes;
}

inline std::unique_ptr<Store> open_or_fail(const std::filesystem::path& dir, const Options& options = {}) {
    auto store = Store::open(dir, options);
    if (!store) ADD_FAILURE() << "open " << dir << ": " << store.error().message;
    return store ? std::move(*store) : nullptr;
}

}  // namespace kitsunet::store::test
