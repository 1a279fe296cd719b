#include "kitsunet/core/trie/nibbles.hpp"

#include "kitsunet/core/assert.hpp"

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

// First byte: flag nibble (bit 1: leaf, bit 0: odd length), then the first nibble when odd, else 0.
void append_hex_prefix(Bytes& to, ByteView nibbles, bool leaf) {
    const bool odd = nibbles.size() % 2 == 1;
    const auto flag = static_cast<std::uint8_t>((leaf ? 2 : 0) | (odd ? 1 : 0));
    std::size_t i = 0;
    if (odd) {
        to.push_back(static_cast<std::uint8_t>((flag << 4) | nibbles[0]));
        i = 1;
    } else {
        to.push_back(static_cast<std::uint8_t>(flag << 4));
    }
    for (; i < nibbles.size(); i += 2)
        to.push_back(static_cast<std::uint8_t>((nibbles[i] << 4) | nibbles[i + 1]));
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
