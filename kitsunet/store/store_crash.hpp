#pragma once
/// Test-only: what store_crash_test and its child (store_crash_child) agree on.
#include "kitsunet/store/test_chain.hpp"

namespace kitsunet::store::test {

/// The chain the child ingests, one block after another.
inline constexpr ChainParams kCrashChain{.accounts = 500, .code_every = 30, .seed = 3};
/// The child puts the slices of this prefix length: 16 groups.
inline constexpr std::size_t kCrashPrefixLength = 1;

}  // namespace kitsunet::store::test
