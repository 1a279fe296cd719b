#pragma once
/// Internal to multibase: big-number radix encodings (base58btc, base36). Leading zero bytes map
/// one for one to leading zero digits, the rest is the number in the radix, most significant
/// digit first; so every text has exactly one byte string and the other way round.
/// Works on 32-bit limbs, several digits or bytes per step (the naive digit-by-digit loop is
/// ~20x slower on a 38-byte peer id). Pure, thread-safe.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kitsunet/core/bytes.hpp"

namespace kitsunet::p2p::detail {

/// Character → digit value, or 0xff.
using DigitTable = std::array<std::uint8_t, 256>;

/// `alphabet` has `Radix` characters; its first is the zero digit.
template <unsigned Radix>
std::string radix_encode(ByteView data, std::string_view alphabet);

/// nullopt for a character outside `table`.
template <unsigned Radix>
std::optional<Bytes> radix_decode(std::string_view text, const DigitTable& table);

extern template std::string radix_encode<58>(ByteView, std::string_view);
extern template std::string radix_encode<36>(ByteView, std::string_view);
extern template std::optional<Bytes> radix_decode<58>(std::string_view, const DigitTable&);
extern template std::optional<Bytes> radix_decode<36>(std::string_view, const DigitTable&);

}  // namespace kitsunet::p2p::detail
