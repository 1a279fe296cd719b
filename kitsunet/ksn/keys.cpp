#include "kitsunet/ksn/keys.hpp"

#include <sodium/crypto_hash_sha256.h>

#include <bit>

#include "kitsunet/core/assert.hpp"
#include "kitsunet/core/slice/slice_id.hpp"

namespace kitsunet::ksn {

Key256 Key256::from(const Hash& h) noexcept {
    Key256 k;
    for (std::size_t w = 0; w < 4; ++w)
        for (std::size_t i = 0; i < 8; ++i) k.words[w] = (k.words[w] << 8) | h.bytes[w * 8 + i];
    return k;
}

Hash Key256::to_hash() const noexcept {
    Hash h;
    for (std::size_t w = 0; w < 4; ++w)
        for (std::size_t i = 0; i < 8; ++i)
            h.bytes[w * 8 + i] = static_cast<std::uint8_t>(words[w] >> (56 - 8 * i));
    return h;
}

unsigned common_prefix_bits(const Key256& a, const Key256& b) noexcept {
    for (unsigned w = 0; w < 4; ++w) {
        const std::uint64_t diff = a.words[w] ^ b.words[w];
        if (diff != 0) return 64 * w + static_cast<unsigned>(std::countl_zero(diff));
    }
    return 256;
}

Key256 with_low_bits(const Key256& key, unsigned bits, bool fill) noexcept {
    Key256 out = key;
    for (unsigned w = 0; w < 4; ++w) {
        const unsigned start = 64 * w;  // bits of this word below `bits` stay
        std::uint64_t keep = 0;
        if (bits >= start + 64)
            keep = ~std::uint64_t{0};
        else if (bits > start)
            keep = ~std::uint64_t{0} << (64 - (bits - start));
        out.words[w] = fill ? (out.words[w] | ~keep) : (out.words[w] & keep);
    }
    return out;
}

Hash sha256(ByteView data) noexcept {
    Hash out;
    crypto_hash_sha256(out.data(), data.data(), data.size());
    return out;
}

Hash slice_key(ByteView nibbles) {
    return sha256(as_bytes("kitsunet:slice:" + slice::nibbles_to_text(nibbles)));
}

Hash peer_key(ByteView peer_id) noexcept { return sha256(peer_id); }

Hash virtual_key(const Hash& peer_key, std::uint16_t index) noexcept {
    if (index == 0) return peer_key;
    std::array<std::uint8_t, 34> input{};
    std::ranges::copy(peer_key.bytes, input.begin());
    input[32] = static_cast<std::uint8_t>(index >> 8);
    input[33] = static_cast<std::uint8_t>(index & 0xff);
    return sha256(input);
}

Bytes prefix_nibbles(std::uint32_t index, unsigned length) {
    KITSUNET_ASSERT(length <= kMaxPrefixLength && index < (std::uint32_t{1} << (4 * length)));
    Bytes nibbles(length);
    for (unsigned i = length; i-- > 0; index >>= 4) nibbles[i] = static_cast<std::uint8_t>(index & 0xf);
    return nibbles;
}

std::vector<Hash> all_slice_keys(unsigned length) {
    KITSUNET_ASSERT(length <= kMaxPrefixLength);
    const std::uint32_t count = std::uint32_t{1} << (4 * length);
    std::vector<Hash> keys;
    keys.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) keys.push_back(slice_key(prefix_nibbles(i, length)));
    return keys;
}

}  // namespace kitsunet::ksn
