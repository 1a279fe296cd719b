#pragma once
/// Hex text <-> bytes. Decoding accepts an optional "0x"/"0X" prefix and either case.
#include <string>
#include <string_view>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/error.hpp"

namespace kitsunet {

/// Lowercase hex of `data`, with a "0x" prefix when `prefix` is true.
std::string to_hex(ByteView data, bool prefix = false);

/// Decodes hex text; an odd number of digits is an error (kOddHexLength).
Result<Bytes> from_hex(std::string_view text) noexcept;

/// Decodes hex text of exactly N bytes (kWrongLength otherwise).
template <std::size_t N>
Result<FixedBytes<N>> fixed_from_hex(std::string_view text) noexcept {
    auto b = from_hex(text);
    if (!b) return std::unexpected(b.error());
    if (b->size() != N) return std::unexpected(Errc::kWrongLength);
    return FixedBytes<N>::from(*b);
}

/// The value of one hex digit, or -1.
constexpr int hex_digit_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// `text` without a leading "0x"/"0X".
constexpr std::string_view strip_0x(std::string_view text) noexcept {
    if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) text.remove_prefix(2);
    return text;
}

}  // namespace kitsunet
