#pragma once
/// Keccak-256 as used by Ethereum (original Keccak padding 0x01, not SHA3's 0x06).
/// Core's own portable implementation: core also builds for WebAssembly, where no library exists.
/// Thread-safety: all functions are pure; a Keccak256 object must not be shared between threads.
#include <cstdint>

#include "kitsunet/core/bytes.hpp"

namespace kitsunet {

/// Incremental hasher: update() any number of times, then finish() once.
class Keccak256 {
  public:
    static constexpr std::size_t kRate = 136;  // bytes absorbed per permutation

    void update(ByteView data) noexcept;
    Hash finish() noexcept;

  private:
    std::uint64_t state_[25]{};
    std::uint8_t buffer_[kRate]{};
    std::size_t buffered_{0};
};

/// keccak256(data) in one call.
Hash keccak256(ByteView data) noexcept;

/// The Keccak-f[1600] permutation (24 rounds), exposed for tests and benchmarks.
void keccak_f1600(std::uint64_t state[25]) noexcept;

}  // namespace kitsunet
