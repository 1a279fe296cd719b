#include "kitsunet/p2p/multiformats/radix_codec.hpp"

#include <vector>

namespace kitsunet::p2p::detail {

namespace {

/// How many digits of `Radix` one 32-bit limb holds, and Radix to that power.
template <unsigned Radix>
struct Limb {
    static constexpr unsigned digits = [] {
        unsigned k = 0;
        for (std::uint64_t p = Radix; p <= 0xffffffffu; p *= Radix) ++k;
        return k;
    }();
    static constexpr std::uint64_t base = [] {
        std::uint64_t p = 1;
        for (unsigned i = 0; i < digits; ++i) p *= Radix;
        return p;
    }();
};

}  // namespace

template <unsigned Radix>
std::string radix_encode(ByteView data, std::string_view alphabet) {
    using L = Limb<Radix>;
    std::size_t zeros = 0;
    while (zeros < data.size() && data[zeros] == 0) ++zeros;
    // The number as limbs of base L::base, least significant first; fed 4 bytes at a time (the
    // first group takes the odd bytes), so each step multiplies by at most 2^32.
    std::vector<std::uint32_t> limbs;
    limbs.reserve((data.size() - zeros) * 8 / (5 * L::digits) + 2);
    for (std::size_t i = zeros; i < data.size();) {
        const std::size_t group =
            i == zeros && (data.size() - zeros) % 4 != 0 ? (data.size() - zeros) % 4 : 4;
        std::uint64_t carry = 0;
        for (std::size_t k = 0; k < group; ++k) carry = carry << 8 | data[i + k];
        i += group;
        for (auto& limb : limbs) {
            const std::uint64_t t = (std::uint64_t{limb} << (8 * group)) + carry;
            limb = static_cast<std::uint32_t>(t % L::base);
            carry = t / L::base;
        }
        for (; carry != 0; carry /= L::base) limbs.push_back(static_cast<std::uint32_t>(carry % L::base));
    }
    std::string out(zeros, alphabet[0]);
    out.reserve(zeros + limbs.size() * L::digits);
    for (std::size_t i = limbs.size(); i-- > 0;) {
        char digits[L::digits];
        std::uint32_t v = limbs[i];
        for (unsigned d = L::digits; d-- > 0; v /= Radix) digits[d] = alphabet[v % Radix];
        unsigned first = 0;  // the top limb is written without its leading zero digits
        if (i + 1 == limbs.size())
            while (first + 1 < L::digits && digits[first] == alphabet[0]) ++first;
        out.append(digits + first, digits + L::digits);
    }
    return out;
}

template <unsigned Radix>
std::optional<Bytes> radix_decode(std::string_view text, const DigitTable& table) {
    using L = Limb<Radix>;
    std::size_t zeros = 0;
    while (zeros < text.size() && table[static_cast<unsigned char>(text[zeros])] == 0) ++zeros;
    // The number as 32-bit limbs, least significant first; fed up to L::digits digits at a time.
    std::vector<std::uint32_t> limbs;
    limbs.reserve((text.size() - zeros) * 6 / 32 + 2);
    for (std::size_t i = zeros; i < text.size();) {
        std::uint64_t carry = 0, scale = 1;
        for (unsigned k = 0; k < L::digits && i < text.size(); ++k, ++i) {
            const std::uint8_t digit = table[static_cast<unsigned char>(text[i])];
            if (digit == 0xff) return std::nullopt;
            carry = carry * Radix + digit;
            scale *= Radix;
        }
        for (auto& limb : limbs) {
            const std::uint64_t t = limb * scale + carry;
            limb = static_cast<std::uint32_t>(t);
            carry = t >> 32;
        }
        if (carry != 0) limbs.push_back(static_cast<std::uint32_t>(carry));
    }
    Bytes out(zeros, 0);
    out.reserve(zeros + 4 * limbs.size());
    for (std::size_t i = limbs.size(); i-- > 0;) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            const auto byte = static_cast<std::uint8_t>(limbs[i] >> shift);
            if (i + 1 == limbs.size() && out.size() == zeros && byte == 0) continue;  // top limb's zeros
            out.push_back(byte);
        }
    }
    return out;
}

template std::string radix_encode<58>(ByteView, std::string_view);
template std::string radix_encode<36>(ByteView, std::string_view);
template std::optional<Bytes> radix_decode<58>(std::string_view, const DigitTable&);
template std::optional<Bytes> radix_decode<36>(std::string_view, const DigitTable&);

}  // namespace kitsunet::p2p::detail
