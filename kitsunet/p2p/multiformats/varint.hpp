#pragma once
/// Unsigned varints (multiformats/unsigned-varint): LEB128, 7 bits per byte, least significant
/// group first, high bit set on every byte but the last. Strict: at most 9 bytes (values below
/// 2^63) and minimal (no trailing 0x00 group, so every value has exactly one encoding).
/// Pure, thread-safe, no allocation on the decoding side.
#include <cstddef>
#include <cstdint>
#include <span>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/p2p/multiformats/error.hpp"

namespace kitsunet::p2p {

inline constexpr std::size_t kMaxVarintSize = 9;
inline constexpr std::uint64_t kMaxVarintValue = (std::uint64_t{1} << 63) - 1;

/// A decoded varint and how many input bytes it took.
struct DecodedVarint {
    std::uint64_t value{0};
    std::size_t size{0};
};

/// Decodes the varint at the start of `in`; bytes after it are not looked at.
/// Errors: kTruncated (`in` ends inside the varint, or is empty: more input may complete it),
/// kVarintOverflow (a 9th byte with its high bit set), kVarintNonMinimal.
constexpr CodecResult<DecodedVarint> decode_varint(ByteView in) noexcept {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (i == kMaxVarintSize) break;
        const std::uint8_t byte = in[i];
        value |= std::uint64_t{byte & 0x7fu} << (7 * i);
        if ((byte & 0x80u) == 0) {
            if (byte == 0 && i != 0) return std::unexpected(CodecError::kVarintNonMinimal);
            return DecodedVarint{value, i + 1};
        }
    }
    return std::unexpected(in.size() >= kMaxVarintSize ? CodecError::kVarintOverflow
                                                       : CodecError::kTruncated);
}

/// Decodes the varint at the start of `in` and advances `in` past it (unchanged on error).
constexpr CodecResult<std::uint64_t> read_varint(ByteView& in) noexcept {
    auto v = decode_varint(in);
    if (!v) return std::unexpected(v.error());
    in = in.subspan(v->size);
    return v->value;
}

/// The encoded size of `value` (1..9 for values up to kMaxVarintValue; 10 beyond).
constexpr std::size_t varint_size(std::uint64_t value) noexcept {
    std::size_t n = 1;
    while (value >= 0x80) {
        value >>= 7;
        ++n;
    }
    return n;
}

/// Writes the minimal encoding of `value` to the start of `out`; returns the bytes written.
/// Precondition: value ≤ kMaxVarintValue.
std::size_t write_varint(std::uint64_t value, std::span<std::uint8_t, kMaxVarintSize> out) noexcept;

/// Appends the minimal encoding of `value`. Precondition: value ≤ kMaxVarintValue.
void append_varint(Bytes& out, std::uint64_t value);

}  // namespace kitsunet::p2p
