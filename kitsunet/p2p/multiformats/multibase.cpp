#include "kitsunet/p2p/multiformats/multibase.hpp"

#include <array>
#include <cctype>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/p2p/multiformats/radix_codec.hpp"

namespace kitsunet::p2p {

namespace {

constexpr std::string_view kBase58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
constexpr std::string_view kBase32Lower = "abcdefghijklmnopqrstuvwxyz234567";
constexpr std::string_view kBase32Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::string_view kBase36Lower = "0123456789abcdefghijklmnopqrstuvwxyz";
constexpr std::string_view kBase36Upper = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr std::string_view kBase64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

using detail::DigitTable;

constexpr DigitTable make_table(std::string_view alphabet) {
    DigitTable t{};
    t.fill(0xff);
    for (std::size_t i = 0; i < alphabet.size(); ++i)
        t[static_cast<unsigned char>(alphabet[i])] = static_cast<std::uint8_t>(i);
    return t;
}

constexpr DigitTable kBase58Digits = make_table(kBase58Alphabet);
/// A table that reads both cases.
constexpr DigitTable make_table(std::string_view lower, std::string_view upper) {
    DigitTable t = make_table(lower);
    for (std::size_t i = 0; i < upper.size(); ++i)
        t[static_cast<unsigned char>(upper[i])] = static_cast<std::uint8_t>(i);
    return t;
}

constexpr DigitTable kBase32Digits = make_table(kBase32Lower, kBase32Upper);
constexpr DigitTable kBase36Digits = make_table(kBase36Lower, kBase36Upper);
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

/// The inverse of encode_bits; `error` for a bad character, an impossible length
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

std::string base58btc_encode(ByteView data) { return detail::radix_encode<58>(data, kBase58Alphabet); }

CodecResult<Bytes> base58btc_decode(std::string_view text) {
    auto bytes = detail::radix_decode<58>(text, kBase58Digits);
    if (!bytes) return std::unexpected(CodecError::kInvalidBase58);
    return std::move(*bytes);
}

std::string base36_encode(ByteView data) { return detail::radix_encode<36>(data, kBase36Lower); }

CodecResult<Bytes> base36_decode(std::string_view text) {
    auto bytes = detail::radix_decode<36>(text, kBase36Digits);
    if (!bytes) return std::unexpected(CodecError::kInvalidBase36);
    return std::move(*bytes);
}

std::string base32_encode(ByteView data) { return encode_bits(data, kBase32Lower, 5); }

CodecResult<Bytes> base32_decode(std::string_view text) {
    return decode_bits(text, kBase32Digits, 5, CodecError::kInvalidBase32);
}

std::string base64url_encode(ByteView data) { return encode_bits(data, kBase64Url, 6); }

CodecResult<Bytes> base64url_decode(std::string_view text) {
    return decode_bits(text, kBase64UrlDigits, 6, CodecError::kInvalidBase64);
}

namespace {

std::string base16_upper_encode(ByteView data) {
    std::string out = to_hex(data);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

/// Either case; no "0x".
CodecResult<Bytes> base16_decode(std::string_view text) {
    for (const char c : text)
        if (hex_digit_value(c) < 0) return std::unexpected(CodecError::kInvalidBase16);
    auto bytes = from_hex(text);
    if (!bytes) return std::unexpected(CodecError::kInvalidBase16);
    return std::move(*bytes);
}

std::string encode_body(Multibase base, ByteView data) {
    switch (base) {
        case Multibase::kBase58Btc:
            return base58btc_encode(data);
        case Multibase::kBase32:
            return base32_encode(data);
        case Multibase::kBase64Url:
            return base64url_encode(data);
        case Multibase::kBase32Upper:
            return encode_bits(data, kBase32Upper, 5);
        case Multibase::kBase16:
            return to_hex(data);
        case Multibase::kBase16Upper:
            return base16_upper_encode(data);
        case Multibase::kBase36:
            return base36_encode(data);
        case Multibase::kBase36Upper:
            return detail::radix_encode<36>(data, kBase36Upper);
    }
    return {};
}

}  // namespace

std::string multibase_encode(Multibase base, ByteView data) {
    return static_cast<char>(base) + encode_body(base, data);
}

CodecResult<Bytes> multibase_decode(std::string_view text) {
    if (text.empty()) return std::unexpected(CodecError::kUnsupportedMultibase);
    const std::string_view body = text.substr(1);
    switch (static_cast<Multibase>(text[0])) {
        case Multibase::kBase58Btc:
            return base58btc_decode(body);
        case Multibase::kBase32:
        case Multibase::kBase32Upper:
            return base32_decode(body);
        case Multibase::kBase64Url:
            return base64url_decode(body);
        case Multibase::kBase16:
        case Multibase::kBase16Upper:
            return base16_decode(body);
        case Multibase::kBase36:
        case Multibase::kBase36Upper:
            return base36_decode(body);
    }
    return std::unexpected(CodecError::kUnsupportedMultibase);
}

}  // namespace kitsunet::p2p
