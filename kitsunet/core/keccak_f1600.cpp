// Keccak-f[1600] (FIPS 202 §3), written for speed in portable C++: one round is theta, rho, pi,
// chi and iota fused row by row, the state lives in two sets of 25 locals that the rounds
// ping-pong between (so no lane is written before it is read), and every index is a constant
// so that the compiler keeps lanes in registers.
// On x86-64 (gcc and clang) the same source is also compiled for x86-64-v3, picked when the CPU
// has it: BMI's andn and rorx (non-destructive and-not and rotate) make it ~20% faster.
#include <bit>

#include "kitsunet/core/keccak.hpp"

namespace kitsunet {
namespace {

using Lanes = std::uint64_t[25];  // lane (x, y) at index x + 5 * y

constexpr std::uint64_t kRoundConstants[24] = {
    0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000, 0x000000000000808b,
    0x0000000080000001, 0x8000000080008081, 0x8000000000008009, 0x000000000000008a, 0x0000000000000088,
    0x0000000080008009, 0x000000008000000a, 0x000000008000808b, 0x800000000000008b, 0x8000000000008089,
    0x8000000000008003, 0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
};

// chi on one row: the five lanes b0..b4 (after theta, rho and pi) become row `y` of `e`.
[[gnu::always_inline]] inline void chi_row(Lanes& e, int y, std::uint64_t b0, std::uint64_t b1,
                                           std::uint64_t b2, std::uint64_t b3, std::uint64_t b4) noexcept {
    e[5 * y + 0] = b0 ^ (~b1 & b2);
    e[5 * y + 1] = b1 ^ (~b2 & b3);
    e[5 * y + 2] = b2 ^ (~b3 & b4);
    e[5 * y + 3] = b3 ^ (~b4 & b0);
    e[5 * y + 4] = b4 ^ (~b0 & b1);
}

// One round from `a` into `e`. Output row y takes, for x' = 0..4, source lane
// (x, y) = ((3y' + x') mod 5, x') rotated by its rho offset: pi moves (x, y) to (y, 2x + 3y).
[[gnu::always_inline]] inline void round(const Lanes& a, Lanes& e, std::uint64_t rc) noexcept {
    using std::rotl;
    const std::uint64_t c0 = a[0] ^ a[5] ^ a[10] ^ a[15] ^ a[20];
    const std::uint64_t c1 = a[1] ^ a[6] ^ a[11] ^ a[16] ^ a[21];
    const std::uint64_t c2 = a[2] ^ a[7] ^ a[12] ^ a[17] ^ a[22];
    const std::uint64_t c3 = a[3] ^ a[8] ^ a[13] ^ a[18] ^ a[23];
    const std::uint64_t c4 = a[4] ^ a[9] ^ a[14] ^ a[19] ^ a[24];
    const std::uint64_t d0 = c4 ^ rotl(c1, 1);
    const std::uint64_t d1 = c0 ^ rotl(c2, 1);
    const std::uint64_t d2 = c1 ^ rotl(c3, 1);
    const std::uint64_t d3 = c2 ^ rotl(c4, 1);
    const std::uint64_t d4 = c3 ^ rotl(c0, 1);
    chi_row(e, 0, a[0] ^ d0, rotl(a[6] ^ d1, 44), rotl(a[12] ^ d2, 43), rotl(a[18] ^ d3, 21),
            rotl(a[24] ^ d4, 14));
    e[0] ^= rc;
    chi_row(e, 1, rotl(a[3] ^ d3, 28), rotl(a[9] ^ d4, 20), rotl(a[10] ^ d0, 3), rotl(a[16] ^ d1, 45),
            rotl(a[22] ^ d2, 61));
    chi_row(e, 2, rotl(a[1] ^ d1, 1), rotl(a[7] ^ d2, 6), rotl(a[13] ^ d3, 25), rotl(a[19] ^ d4, 8),
            rotl(a[20] ^ d0, 18));
    chi_row(e, 3, rotl(a[4] ^ d4, 27), rotl(a[5] ^ d0, 36), rotl(a[11] ^ d1, 10), rotl(a[17] ^ d2, 15),
            rotl(a[23] ^ d3, 56));
    chi_row(e, 4, rotl(a[2] ^ d2, 62), rotl(a[8] ^ d3, 55), rotl(a[14] ^ d4, 39), rotl(a[15] ^ d0, 41),
            rotl(a[21] ^ d1, 2));
}

// The 24 rounds, inlined into each ISA's entry point below.
[[gnu::always_inline]] inline void permute(std::uint64_t state[25]) noexcept {
    Lanes a;
    Lanes e;
    for (int i = 0; i < 25; ++i) a[i] = state[i];
    for (int r = 0; r < 24; r += 2) {
        round(a, e, kRoundConstants[r]);
        round(e, a, kRoundConstants[r + 1]);
    }
    for (int i = 0; i < 25; ++i) state[i] = a[i];
}

}  // namespace

void detail::keccak_f1600_portable(std::uint64_t state[25]) noexcept { permute(state); }

#if KITSUNET_KECCAK_X86_64_V3
[[gnu::target("arch=x86-64-v3")]] void detail::keccak_f1600_x86_64_v3(std::uint64_t state[25]) noexcept {
    permute(state);
}

bool detail::cpu_has_x86_64_v3() noexcept { return __builtin_cpu_supports("x86-64-v3"); }

void keccak_f1600(std::uint64_t state[25]) noexcept {
    static const bool use_v3 = detail::cpu_has_x86_64_v3();
    if (use_v3)
        detail::keccak_f1600_x86_64_v3(state);
    else
        detail::keccak_f1600_portable(state);
}
#else
void keccak_f1600(std::uint64_t state[25]) noexcept { permute(state); }
#endif

}  // namespace kitsunet
