#include "kitsunet/core/uint256.hpp"

#include <algorithm>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/rlp.hpp"

namespace kitsunet {
namespace {

// x = x * factor + addend; false on overflow past 256 bits.
bool mul_add(U256& x, std::uint32_t factor, std::uint32_t addend) noexcept {
    std::uint64_t carry = addend;
    for (auto& limb : x.limbs) {
        const auto lo = (limb & 0xffffffffu) * factor + carry;
        const auto hi = (limb >> 32) * factor + (lo >> 32);
        limb = (lo & 0xffffffffu) | (hi << 32);
        carry = hi >> 32;
    }
    return carry == 0;
}

// x /= 10; returns the remainder.
std::uint32_t div10(U256& x) noexcept {
    std::uint64_t rem = 0;
    for (std::size_t i = 4; i-- > 0;) {
        const auto hi = (rem << 32) | (x.limbs[i] >> 32);
        const auto lo = ((hi % 10) << 32) | (x.limbs[i] & 0xffffffffu);
        x.limbs[i] = ((hi / 10) << 32) | (lo / 10);
        rem = lo % 10;
    }
    return static_cast<std::uint32_t>(rem);
}

Result<U256> parse_digits(std::string_view digits, std::uint32_t base) noexcept {
    U256 x;
    for (const char c : digits) {
        const int d = base == 16 ? hex_digit_value(c) : (c >= '0' && c <= '9' ? c - '0' : -1);
        if (d < 0) return std::unexpected(Errc::kInvalidNumber);
        if (!mul_add(x, base, static_cast<std::uint32_t>(d))) return std::unexpected(Errc::kOverflow);
    }
    return x;
}

}  // namespace

Result<U256> U256::parse(std::string_view text) noexcept {
    const auto digits = strip_0x(text);
    const bool hex = digits.size() != text.size();
    if (!hex && digits.empty()) return std::unexpected(Errc::kInvalidNumber);
    return parse_digits(digits, hex ? 16 : 10);
}

Result<U256> U256::from_big_endian(ByteView bytes) noexcept {
    const auto first = std::ranges::find_if(bytes, [](std::uint8_t b) { return b != 0; });
    const auto significant = bytes.subspan(static_cast<std::size_t>(first - bytes.begin()));
    if (significant.size() > 32) return std::unexpected(Errc::kOverflow);
    U256 x;
    for (std::size_t i = 0; i < significant.size(); ++i) {
        const std::size_t bit = 8 * (significant.size() - 1 - i);
        x.limbs[bit / 64] |= std::uint64_t{significant[i]} << (bit % 64);
    }
    return x;
}

Hash U256::to_bytes32() const noexcept {
    Hash out;
    for (std::size_t i = 0; i < 32; ++i) {
        const std::size_t bit = 8 * (31 - i);
        out.bytes[i] = static_cast<std::uint8_t>(limbs[bit / 64] >> (bit % 64));
    }
    return out;
}

Bytes U256::to_big_endian() const {
    const Hash full = to_bytes32();
    const auto first = std::ranges::find_if(full.bytes, [](std::uint8_t b) { return b != 0; });
    return Bytes(first, full.bytes.end());
}

std::string U256::to_quantity() const {
    std::string hex = to_hex(to_big_endian());
    if (!hex.empty() && hex[0] == '0') hex.erase(0, 1);
    return "0x" + (hex.empty() ? std::string{"0"} : hex);
}

std::string U256::to_decimal() const {
    U256 x = *this;
    std::string out;
    do {
        out.push_back(static_cast<char>('0' + div10(x)));
    } while (!x.is_zero());
    std::ranges::reverse(out);
    return out;
}

namespace rlp {

std::size_t length(const U256& x) noexcept {
    if (x.limbs[1] == 0 && x.limbs[2] == 0 && x.limbs[3] == 0) return length(x.limbs[0]);
    const Hash full = x.to_bytes32();
    const auto first = std::ranges::find_if(full.bytes, [](std::uint8_t b) { return b != 0; });
    return 1 + static_cast<std::size_t>(full.bytes.end() - first);
}

void encode(Bytes& to, const U256& x) { encode(to, ByteView{x.to_big_endian()}); }

Result<U256> decode_u256(ByteView& from) noexcept {
    auto bytes = decode_uint_bytes(from, 32);
    if (!bytes) return std::unexpected(bytes.error());
    return U256::from_big_endian(*bytes);
}

}  // namespace rlp

}  // namespace kitsunet
