// The Keccak-256 sponge (rate 136 bytes, capacity 512 bits, Keccak padding 0x01 ... 0x80).
// Input is absorbed straight from the caller's bytes; only an incremental hasher's partial block
// is ever copied.
#include "kitsunet/core/keccak.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace kitsunet {
namespace {

constexpr std::size_t kRateLanes = Keccak256::kRate / 8;

inline std::uint64_t load_le(const std::uint8_t* p) noexcept {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    if constexpr (std::endian::native == std::endian::big) v = std::byteswap(v);
    return v;
}

inline void absorb_block(std::uint64_t state[25], const std::uint8_t* block) noexcept {
    for (std::size_t i = 0; i < kRateLanes; ++i) state[i] ^= load_le(block + 8 * i);
    keccak_f1600(state);
}

// Absorbs the last `n` < kRate bytes with the padding, and permutes: whole lanes are XORed in
// directly, the tail lane is assembled byte by byte with the 0x01 pad after it.
inline void absorb_last(std::uint64_t state[25], const std::uint8_t* p, std::size_t n) noexcept {
    const std::size_t whole = n / 8;
    for (std::size_t i = 0; i < whole; ++i) state[i] ^= load_le(p + 8 * i);
    std::uint64_t tail = 0x01ULL << (8 * (n % 8));
    for (std::size_t j = n % 8; j > 0; --j) tail |= std::uint64_t{p[8 * whole + j - 1]} << (8 * (j - 1));
    state[whole] ^= tail;
    state[kRateLanes - 1] ^= 0x80ULL << 56;
    keccak_f1600(state);
}

inline Hash squeeze(const std::uint64_t state[25]) noexcept {
    Hash out;
    for (std::size_t i = 0; i < 4; ++i) {
        std::uint64_t lane = state[i];
        if constexpr (std::endian::native == std::endian::big) lane = std::byteswap(lane);
        std::memcpy(out.bytes.data() + 8 * i, &lane, 8);
    }
    return out;
}

}  // namespace

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
    absorb_last(state_, buffer_, buffered_);
    return squeeze(state_);
}

Hash keccak256(ByteView data) noexcept {
    std::uint64_t state[25]{};
    const std::uint8_t* p = data.data();
    std::size_t n = data.size();
    for (; n >= Keccak256::kRate; p += Keccak256::kRate, n -= Keccak256::kRate) absorb_block(state, p);
    absorb_last(state, p, n);
    return squeeze(state);
}

}  // namespace kitsunet
