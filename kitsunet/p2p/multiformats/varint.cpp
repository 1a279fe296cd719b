#include "kitsunet/p2p/multiformats/varint.hpp"

#include "kitsunet/core/assert.hpp"

namespace kitsunet::p2p {

std::size_t write_varint(std::uint64_t value, std::span<std::uint8_t, kMaxVarintSize> out) noexcept {
    KITSUNET_ASSERT(value <= kMaxVarintValue);
    std::size_t n = 0;
    while (value >= 0x80) {
        out[n++] = static_cast<std::uint8_t>(value | 0x80);
        value >>= 7;
    }
    out[n++] = static_cast<std::uint8_t>(value);
    return n;
}

void append_varint(Bytes& out, std::uint64_t value) {
    std::array<std::uint8_t, kMaxVarintSize> buf{};
    const std::size_t n = write_varint(value, buf);
    out.insert(out.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(n));
}

}  // namespace kitsunet::p2p
