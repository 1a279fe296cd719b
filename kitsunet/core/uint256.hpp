#pragma once
/// A minimal 256-bit unsigned integer for balances and values: parsing, big-endian bytes, text.
/// No arithmetic beyond what parsing needs (kitsunet verifies state, it does not execute it).
/// Value type; all functions are pure and thread-safe.
#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/error.hpp"

namespace kitsunet {

struct U256 {
    /// Little-endian 64-bit limbs: limbs[0] holds the least significant bits.
    std::array<std::uint64_t, 4> limbs{};

    constexpr U256() noexcept = default;
    constexpr U256(std::uint64_t v) noexcept : limbs{v, 0, 0, 0} {}  // NOLINT: implicit by design

    constexpr bool is_zero() const noexcept { return (limbs[0] | limbs[1] | limbs[2] | limbs[3]) == 0; }

    friend constexpr bool operator==(const U256&, const U256&) = default;
    friend constexpr std::strong_ordering operator<=>(const U256& a, const U256& b) noexcept {
        for (std::size_t i = 4; i-- > 0;)
            if (a.limbs[i] != b.limbs[i]) return a.limbs[i] <=> b.limbs[i];
        return std::strong_ordering::equal;
    }

    /// Parses decimal text, or hex text after "0x"/"0X" (either case; "0x" alone is zero, as
    /// geth writes it). Errors: kInvalidNumber (empty, bad digit, sign, spaces), kOverflow (> 2^256-1).
    static Result<U256> parse(std::string_view text) noexcept;

    /// Reads at most 32 big-endian bytes (leading zeros allowed). Errors: kOverflow.
    static Result<U256> from_big_endian(ByteView bytes) noexcept;

    /// The minimal big-endian bytes (empty for zero): the payload of an RLP integer.
    Bytes to_big_endian() const;
    /// All 32 big-endian bytes, zero-padded on the left (e.g. a storage slot key).
    Hash to_bytes32() const noexcept;

    /// Ethereum JSON-RPC quantity text: "0x" then lowercase hex without leading zeros ("0x0" for zero).
    std::string to_quantity() const;
    /// Decimal text.
    std::string to_decimal() const;
};

namespace rlp {
/// RLP of a U256 as an integer: minimal big-endian bytes, zero as the empty string.
std::size_t length(const U256& x) noexcept;
void encode(Bytes& to, const U256& x);
/// Reads a canonical RLP integer of at most 32 bytes. Errors: as rlp::decode_uint_bytes.
Result<U256> decode_u256(ByteView& from) noexcept;
}  // namespace rlp

}  // namespace kitsunet
