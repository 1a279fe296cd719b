#include "kitsunet/core/trie/nibbles.hpp"

#include <bit>
#include <cstring>

#include "kitsunet/core/assert.hpp"
#include "kitsunet/core/trie/node_writer.hpp"

namespace kitsunet::trie {

void append_nibbles(Nibbles& to, ByteView key) {
    const std::size_t start = to.size();
    to.resize(start + 2 * key.size());
    std::uint8_t* out = to.data() + start;
    for (const std::uint8_t b : key) {
        *out++ = static_cast<std::uint8_t>(b >> 4);
        *out++ = static_cast<std::uint8_t>(b & 0x0f);
    }
}

Nibbles unpack_nibbles(ByteView key) {
    Nibbles out;
    append_nibbles(out, key);
    return out;
}

Bytes pack_nibbles(ByteView nibbles) {
    KITSUNET_ASSERT(nibbles.size() % 2 == 0);
    Bytes out(nibbles.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<std::uint8_t>((nibbles[2 * i] << 4) | nibbles[2 * i + 1]);
    return out;
}

std::size_t common_prefix_length(ByteView a, ByteView b) noexcept {
    const std::size_t n = std::min(a.size(), b.size());
    std::size_t i = 0;
    while (i < n && a[i] == b[i]) ++i;
    return i;
}

namespace detail {

// 8 bytes at a time; the first differing byte of a word is its lowest on little-endian machines.
std::size_t common_nibbles(ByteView a, ByteView b, std::size_t from) noexcept {
    const std::size_t n = std::min(a.size(), b.size());
    std::size_t i = from;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t x, y;
        std::memcpy(&x, a.data() + i, 8);
        std::memcpy(&y, b.data() + i, 8);
        if (x == y) continue;
        const std::uint64_t diff = x ^ y;
        const int zeros =
            std::endian::native == std::endian::little ? std::countr_zero(diff) : std::countl_zero(diff);
        i += static_cast<std::size_t>(zeros) / 8;
        break;
    }
    while (i < n && a[i] == b[i]) ++i;
    if (i == n) return 2 * n;
    return 2 * i + ((a[i] ^ b[i]) < 0x10 ? 1 : 0);
}

namespace {

// First byte: flag nibble (bit 1: leaf, bit 0: odd length), then the first nibble when odd, else 0.
std::uint8_t hex_prefix_flag(std::size_t nibble_count, bool leaf) noexcept {
    return static_cast<std::uint8_t>((leaf ? 0x20 : 0) | (nibble_count % 2 == 1 ? 0x10 : 0));
}

}  // namespace

std::uint8_t* write_hex_prefix(std::uint8_t* to, ByteView nibbles, bool leaf) noexcept {
    std::uint8_t first = hex_prefix_flag(nibbles.size(), leaf);
    std::size_t i = nibbles.size() % 2;
    if (i == 1) first |= nibbles[0];
    *to++ = first;
    for (; i < nibbles.size(); i += 2) *to++ = static_cast<std::uint8_t>((nibbles[i] << 4) | nibbles[i + 1]);
    return to;
}

// After the first byte the nibbles come in pairs: when a pair starts on a byte boundary of the
// key the bytes are copied as they are, else each output byte straddles two key bytes.
std::uint8_t* write_hex_prefix(std::uint8_t* to, const PackedPath& path, bool leaf) noexcept {
    std::uint8_t first = hex_prefix_flag(path.size(), leaf);
    std::size_t from = path.from;
    if (path.size() % 2 == 1) first |= nibble_at(path.key, from++);
    *to++ = first;
    const std::size_t count = (path.to - from) / 2;
    if (count == 0) return to;
    const std::uint8_t* src = path.key + from / 2;
    if (from % 2 == 0) {
        std::memcpy(to, src, count);
        return to + count;
    }
    for (std::size_t i = 0; i < count; ++i)
        to[i] = static_cast<std::uint8_t>((src[i] << 4) | (src[i + 1] >> 4));
    return to + count;
}

}  // namespace detail

void append_hex_prefix(Bytes& to, ByteView nibbles, bool leaf) {
    const std::size_t at = to.size();
    to.resize(at + hex_prefix_length(nibbles.size()));
    detail::write_hex_prefix(to.data() + at, nibbles, leaf);
}

Bytes encode_hex_prefix(ByteView nibbles, bool leaf) {
    Bytes out;
    out.reserve(hex_prefix_length(nibbles.size()));
    append_hex_prefix(out, nibbles, leaf);
    return out;
}

Result<bool> append_hex_prefix_path(Nibbles& to, ByteView compact) {
    if (compact.empty()) return std::unexpected(Errc::kInvalidHexPrefix);
    const std::uint8_t flag = compact[0] >> 4;
    if (flag > 3) return std::unexpected(Errc::kInvalidHexPrefix);
    const bool odd = (flag & 1) != 0;
    if (!odd && (compact[0] & 0x0f) != 0) return std::unexpected(Errc::kInvalidHexPrefix);
    if (odd) to.push_back(compact[0] & 0x0f);
    append_nibbles(to, compact.subspan(1));
    return (flag & 2) != 0;
}

Result<HexPrefixPath> decode_hex_prefix(ByteView compact) {
    HexPrefixPath out;
    out.nibbles.reserve(2 * compact.size());
    auto leaf = append_hex_prefix_path(out.nibbles, compact);
    if (!leaf) return std::unexpected(leaf.error());
    out.leaf = *leaf;
    return out;
}

}  // namespace kitsunet::trie
