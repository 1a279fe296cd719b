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

/// The Keccak-f[1600] permutation (24 rounds), exposed for tests and benchmarks. On x86-64 it
/// runs the x86-64-v3 build of the same code when the CPU supports it.
void keccak_f1600(std::uint64_t state[25]) noexcept;

#if defined(__x86_64__) && defined(__GNUC__)
#define KITSUNET_KECCAK_X86_64_V3 1
#else
#define KITSUNET_KECCAK_X86_64_V3 0
#endif

namespace detail {
/// keccak_f1600 for the baseline ISA: what every non-x86 target (WebAssembly included) runs.
void keccak_f1600_portable(std::uint64_t state[25]) noexcept;
#if KITSUNET_KECCAK_X86_64_V3
/// keccak_f1600 built for x86-64-v3. Precondition: cpu_has_x86_64_v3().
void keccak_f1600_x86_64_v3(std::uint64_t state[25]) noexcept;
bool cpu_has_x86_64_v3() noexcept;
#endif
}  // namespace detail

}  // namespace kitsunet
