#include "kitsunet/core/hex.hpp"

namespace kitsunet {

std::string to_hex(ByteView data, bool prefix) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(data.size() * 2 + 2);
    if (prefix) out += "0x";
    for (std::uint8_t b : data) {
        out += kDigits[b >> 4];
        out += kDigits[b & 0xf];
    }
    return out;
}

Result<Bytes> from_hex(std::string_view text) noexcept {
    text = strip_0x(text);
    if (text.size() % 2 != 0) return std::unexpected(Errc::kOddHexLength);
    Bytes out(text.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const int hi = hex_digit_value(text[2 * i]);
        const int lo = hex_digit_value(text[2 * i + 1]);
        if (hi < 0 || lo < 0) return std::unexpected(Errc::kInvalidHexDigit);
        out[i] = static_cast<std::uint8_t>((hi << 4) | lo);
    }
    return out;
}

}  // namespace kitsunet
