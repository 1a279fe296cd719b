#include "kitsunet/p2p/multiformats/multibase.hpp"

#include <array>

#include "kitsunet/core/hex.hpp"

namespace kitsunet::p2p {

namespace {

constexpr std::string_view kBase58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
constexpr std::string_view kBase32Lower = "abcdefghijklmnopqrstuvwxyz234567";
constexpr std::string_view kBase32Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::string_view kBase64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Reverse lookup: character → digit value, or 0xff.
using DigitTable = std::array<std::uint8_t, 256>;

constexpr DigitTable make_table(std::string_view alphabet) {
    DigitTable t{};
    t.fill(0xff);
    for (std::size_t i = 0; i < alphabet.size(); ++i)
        t[static_cast<unsigned char>(alphabet[i])] = static_cast<std::uint8_t>(i);
    return t;
}

constexpr DigitTable kBase58Digits = make_table(kBase58Alphabet);
constexpr DigitTable kBase32LowerDigits = make_table(kBase32Lower);
constexpr DigitTable kBase32UpperDigits = make_table(kBase32Upper);
constexpr DigitTable kBase64UrlDigits = make_table(kBase64Url);

std::uint8_t digit_of(const DigitTable& table, char c) noexcept {
    return table[static_cast<unsigned char>(c)];
}

/// RFC 4648 encoding for a power-of-two alphabet of `bits` bits per character, unpadded.
std::string encode_bits(ByteView data, std::string_view alphabet, unsigned bits) {
    std::string out;
    out.reserve((data.size() * 8 + bits - 1) / bits);
    const unsigned mask = (1u << bits) - 1;
    std::uint32_t buffer = 0;
    unsigned held = 0;
    for (const std::uint8_t byte : data) {
        buffer = (buffer << 8) | byte;
        held += 8;
        while (held >= bits) {
            held -= bits;
            out.push_back(alphabet[(buffer >> held) & mask]);
        }
    }
    if (held > 0) out.push_back(alphabet[(buffer << (bits - held)) & mask]);
    return out;
}

/// The inverse of encode_bits; nullopt-like error for a bad character, an impossible length
/// (leftover bits that make a whole character) or non-zero leftover bits.
CodecResult<Bytes> decode_bits(std::string_view text, const DigitTable& table, unsigned bits,
                               CodecError error) {
    Bytes out;
    out.reserve(text.size() * bits / 8);
    std::uint32_t buffer = 0;
    unsigned held = 0;
    for (const char c : text) {
        const std::uint8_t digit = digit_of(table, c);
        if (digit == 0xff) return std::unexpected(error);
        buffer = (buffer << bits) | digit;
        held += bits;
        if (held >= 8) {
            held -= 8;
            out.push_back(static_cast<std::uint8_t>(buffer >> held));
        }
        buffer &= (1u << held) - 1;
    }
    if (held >= bits || buffer != 0) return std::unexpected(error);
    return out;
}

}  // namespace

std::string base58btc_encode(ByteView data) {
    std::size_t zeros = 0;
    while (zeros < data.size() && data[zeros] == 0) ++zeros;
    // log(256)/log(58) < 1.37: the base-58 digits of the rest, most significant first.
    std::vector<std::uint8_t> digits((data.size() - zeros) * 137 / 100 + 1, 0);
    std::size_t used = 0;  // significant digits so far, at the end of `digits`
    for (std::size_t i = zeros; i < data.size(); ++i) {
        std::uint32_t carry = data[i];
        std::size_t j = 0;
        for (auto it = digits.rbegin(); (carry != 0 || j < used) && it != digits.rend(); ++it, ++j) {
            carry += 256u * *it;
            *it = static_cast<std::uint8_t>(carry % 58);
            carry /= 58;
        }
        used = j;
    }
    std::string out(zeros, '1');
    out.reserve(zeros + used);
    for (auto it = digits.end() - static_cast<std::ptrdiff_t>(used); it != digits.end(); ++it)
        out.push_back(kBase58Alphabet[*it]);
    return out;
}

CodecResult<Bytes> base58btc_decode(std::string_view text) {
    std::size_t ones = 0;
    while (ones < text.size() && text[ones] == '1') ++ones;
    // log(58)/log(256) < 0.733: the bytes of the rest, most significant first.
    Bytes bytes((text.size() - ones) * 733 / 1000 + 1, 0);
    std::size_t used = 0;
    for (std::size_t i = ones; i < text.size(); ++i) {
        const std::uint8_t digit = digit_of(kBase58Digits, text[i]);
        if (digit == 0xff) return std::unexpected(CodecError::kInvalidBase58);
        std::uint32_t carry = digit;
        std::size_t j = 0;
        for (auto it = bytes.rbegin(); (carry != 0 || j < used) && it != bytes.rend(); ++it, ++j) {
            carry += 58u * *it;
            *it = static_cast<std::uint8_t>(carry & 0xff);
            carry >>= 8;
        }
        used = j;
    }
    Bytes out(ones, 0);
    out.insert(out.end(), bytes.end() - static_cast<std::ptrdiff_t>(used), bytes.end());
    return out;
}

std::string base32_encode(ByteView data) { return encode_bits(data, kBase32Lower, 5); }

CodecResult<Bytes> base32_decode(std::string_view text, bool upper) {
    return decode_bits(text, upper ? kBase32UpperDigits : kBase32LowerDigits, 5, CodecError::kInvalidBase32);
}

std::string base64url_encode(ByteView data) { return encode_bits(data, kBase64Url, 6); }

CodecResult<Bytes> base64url_decode(std::string_view text) {
    return decode_bits(text, kBase64UrlDigits, 6, CodecError::kInvalidBase64);
}

std::string multibase_encode(Multibase base, ByteView data) {
    std::string body;
    switch (base) {
        case Multibase::kBase58Btc:
            body = base58btc_encode(data);
            break;
        case Multibase::kBase32:
            body = base32_encode(data);
            break;
        case Multibase::kBase64Url:
            body = base64url_encode(data);
            break;
        case Multibase::kBase32Upper:
            body = encode_bits(data, kBase32Upper, 5);
            break;
        case Multibase::kBase16:
            body = to_hex(data);
            break;
    }
    return static_cast<char>(base) + body;
}

namespace {

CodecResult<Bytes> base16_lower_decode(std::string_view text) {
    for (const char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return std::unexpected(CodecError::kInvalidBase16);
    auto bytes = from_hex(text);
    if (!bytes) return std::unexpected(CodecError::kInvalidBase16);
    return std::move(*bytes);
}

}  // namespace

CodecResult<Bytes> multibase_decode(std::string_view text) {
    if (text.empty()) return std::unexpected(CodecError::kUnsupportedMultibase);
    const std::string_view body = text.substr(1);
    switch (static_cast<Multibase>(text[0])) {
        case Multibase::kBase58Btc:
            return base58btc_decode(body);
        case Multibase::kBase32:
            return base32_decode(body);
        case Multibase::kBase64Url:
            return base64url_decode(body);
        case Multibase::kBase32Upper:
            return base32_decode(body, true);
        case Multibase::kBase16:
            return base16_lower_decode(body);
    }
    return std::unexpected(CodecError::kUnsupportedMultibase);
}

}  // namespace kitsunet::p2p
