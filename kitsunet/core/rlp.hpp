#pragma once
/// Recursive Length Prefix (Ethereum yellow paper, appendix B).
/// Encoding appends to a Bytes buffer; `length(x)` gives the encoded size of `x` without encoding.
/// Decoding is strict and canonical: no leading zeros in lengths or integers, single bytes below
/// 0x80 never wrapped, the short form whenever it fits, every length bounded by the input.
/// Decoders take `ByteView& from` and advance it past what they consumed; they never read past
/// `from` and never trust a length. All functions are pure and thread-safe.
#include <bit>
#include <cstdint>
#include <cstring>
#include <vector>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/error.hpp"

namespace kitsunet::rlp {

/// The header of one item: string or list, and the size of its payload.
struct Header {
    bool list{false};
    std::size_t payload_length{0};
};

// ---- encoding ----

/// Number of bytes of the minimal big-endian form of `n` (0 for zero).
constexpr std::size_t byte_count(std::uint64_t n) noexcept {
    return static_cast<std::size_t>((std::bit_width(n) + 7) / 8);
}

/// Size of the header that precedes a payload of `payload_length` bytes.
constexpr std::size_t length_of_header(std::size_t payload_length) noexcept {
    return payload_length < 56 ? 1 : 1 + byte_count(payload_length);
}
void encode_header(Bytes& to, Header header);

/// Size of `s` encoded as an RLP string.
constexpr std::size_t length(ByteView s) noexcept {
    if (s.size() == 1 && s[0] < 0x80) return 1;
    return length_of_header(s.size()) + s.size();
}
/// Size of `n` encoded as an RLP integer (minimal big-endian; zero is the empty string).
std::size_t length(std::uint64_t n) noexcept;

void encode(Bytes& to, ByteView s);
void encode(Bytes& to, std::uint64_t n);

/// Writes `header` at `to`, exactly length_of_header(header.payload_length) bytes, and returns the
/// position after it: for hot paths that size their buffer once and then write without push_back.
inline std::uint8_t* write_header(std::uint8_t* to, Header header) noexcept {
    const std::uint8_t short_base = header.list ? 0xc0 : 0x80;
    if (header.payload_length < 56) {
        *to++ = static_cast<std::uint8_t>(short_base + header.payload_length);
        return to;
    }
    const std::size_t n = byte_count(header.payload_length);
    *to++ = static_cast<std::uint8_t>(short_base + 55 + n);
    for (std::size_t i = n; i > 0; --i)
        *to++ = static_cast<std::uint8_t>(header.payload_length >> (8 * (i - 1)));
    return to;
}

/// Writes `s` as an RLP string at `to`, exactly length(s) bytes; returns the position after it.
inline std::uint8_t* write(std::uint8_t* to, ByteView s) noexcept {
    if (s.size() != 1 || s[0] >= 0x80) to = write_header(to, {false, s.size()});
    if (!s.empty()) std::memcpy(to, s.data(), s.size());
    return to + s.size();
}

/// Minimal big-endian bytes of `n` (empty for zero), the payload of an RLP integer.
Bytes big_endian(std::uint64_t n);

/// The RLP encoding of a string, as a new buffer.
Bytes encode_string(ByteView s);
/// Wraps already-encoded items (`payload` is their concatenation) in a list header.
Bytes wrap_list(ByteView payload);

// ---- decoding ----

/// Reads a header. For a single byte below 0x80 it returns {string, 1} and consumes nothing, so
/// that the payload is always the next `payload_length` bytes of `from`.
Result<Header> decode_header(ByteView& from) noexcept;

/// Reads a string item and returns its payload.
Result<ByteView> decode_string(ByteView& from) noexcept;
/// Reads a list item and returns its payload (the concatenated encodings of its items).
Result<ByteView> decode_list(ByteView& from) noexcept;
/// Reads one whole item, header included, without interpreting it.
Result<ByteView> decode_raw(ByteView& from) noexcept;
/// Reads a canonical unsigned integer of at most 8 bytes.
Result<std::uint64_t> decode_uint64(ByteView& from) noexcept;
/// Reads a canonical unsigned integer of at most `max_bytes` bytes; returns its minimal
/// big-endian bytes (empty for zero).
Result<ByteView> decode_uint_bytes(ByteView& from, std::size_t max_bytes = 32) noexcept;
/// Reads a string of exactly N bytes.
template <std::size_t N>
Result<FixedBytes<N>> decode_fixed(ByteView& from) noexcept {
    auto s = decode_string(from);
    if (!s) return std::unexpected(s.error());
    if (s->size() != N) return std::unexpected(Errc::kWrongLength);
    return FixedBytes<N>::from(*s);
}

/// kTrailingBytes unless `rest` is empty: call after the last field of an item.
Status ensure_consumed(ByteView rest) noexcept;

/// A decoded item tree, borrowing from the input (for tests and tools).
struct Item {
    bool list{false};
    ByteView string;          // payload when !list
    std::vector<Item> items;  // children when list
};

/// Decodes exactly one item spanning all of `whole`, nesting at most `max_depth` lists.
Result<Item> decode_item(ByteView whole, std::size_t max_depth = 256);

/// Appends the canonical encoding of an item tree: for every `whole` that decode_item accepts,
/// encoding its result gives back exactly `whole`. Recursion depth is the tree's depth.
void encode(Bytes& to, const Item& item);

/// Splits a list payload into the raw encodings of its items.
Result<std::vector<ByteView>> split_list(ByteView payload);

}  // namespace kitsunet::rlp
