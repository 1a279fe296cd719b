#include "kitsunet/core/keccak.hpp"

#include <bit>
#include <cstring>

namespace kitsunet {
namespace {

constexpr std::uint64_t kRoundConstants[24] = {
    0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000, 0x000000000000808b,
    0x0000000080000001, 0x8000000080008081, 0x8000000000008009, 0x000000000000008a, 0x0000000000000088,
    0x0000000080008009, 0x000000008000000a, 0x000000008000808b, 0x800000000000008b, 0x8000000000008089,
    0x8000000000008003, 0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
};

// Rotation offsets and lane permutation of rho+pi, walked along pi's single cycle.
constexpr int kRho[24] = {1,  3,  6,  10, 15, 21, 28, 36, 45, 55, 2,  14,
                          27, 41, 56, 8,  25, 43, 62, 18, 39, 61, 20, 44};
constexpr int kPi[24] = {10, 7,  11, 17, 18, 3, 5,  16, 8,  21, 24, 4,
                         15, 23, 19, 13, 12, 2, 20, 14, 22, 9,  6,  1};

inline std::uint64_t load_le(const std::uint8_t* p) noexcept {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    if constexpr (std::endian::native == std::endian::big) v = std::byteswap(v);
    return v;
}

inline void absorb_block(std::uint64_t state[25], const std::uint8_t* block) noexcept {
    for (int i = 0; i < 17; ++i) state[i] ^= load_le(block + 8 * i);
    keccak_f1600(state);
}

}  // namespace

void keccak_f1600(std::uint64_t a[25]) noexcept {
    for (const std::uint64_t rc : kRoundConstants) {
        std::uint64_t c[5];
        for (int x = 0; x < 5; ++x) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
        for (int x = 0; x < 5; ++x) {
            const std::uint64_t d = c[(x + 4) % 5] ^ std::rotl(c[(x + 1) % 5], 1);
            for (int y = 0; y < 25; y += 5) a[y + x] ^= d;
        }
        std::uint64_t t = a[1];
        for (int i = 0; i < 24; ++i) {
            const std::uint64_t next = a[kPi[i]];
            a[kPi[i]] = std::rotl(t, kRho[i]);
            t = next;
        }
        for (int y = 0; y < 25; y += 5) {
            const std::uint64_t r0 = a[y], r1 = a[y + 1], r2 = a[y + 2], r3 = a[y + 3], r4 = a[y + 4];
            a[y] = r0 ^ (~r1 & r2);
            a[y + 1] = r1 ^ (~r2 & r3);
            a[y + 2] = r2 ^ (~r3 & r4);
            a[y + 3] = r3 ^ (~r4 & r0);
            a[y + 4] = r4 ^ (~r0 & r1);
        }
        a[0] ^= rc;
    }
}

void Keccak256::update(ByteView data) noexcept {
    const std::uint8_t* p = data.data();
    std::size_t n = data.size();
    if (buffered_ > 0) {
        const std::size_t take = std::min(n, kRate - buffered_);
        std::memcpy(buffer_ + buffered_, p, take);
        buffered_ += take;
        p += take;
        n -= take;
        if (buffered_ < kRate) return;
        absorb_block(state_, buffer_);
        buffered_ = 0;
    }
    for (; n >= kRate; p += kRate, n -= kRate) absorb_block(state_, p);
    if (n > 0) std::memcpy(buffer_, p, n);
    buffered_ = n;
}

Hash Keccak256::finish() noexcept {
    std::memset(buffer_ + buffered_, 0, kRate - buffered_);
    buffer_[buffered_] ^= 0x01;
    buffer_[kRate - 1] ^= 0x80;
    absorb_block(state_, buffer_);
    Hash out;
    for (int i = 0; i < 4; ++i) {
        std::uint64_t lane = state_[i];
        if constexpr (std::endian::native == std::endian::big) lane = std::byteswap(lane);
        std::memcpy(out.bytes.data() + 8 * i, &lane, 8);
    }
    return out;
}

Hash keccak256(ByteView data) noexcept {
    Keccak256 h;
    h.update(data);
    return h.finish();
}

}  // namespace kitsunet
