#pragma once
/// Protocol Buffers wire format, the small part pubsub needs: varints, tags, length-delimited
/// fields, and skipping unknown fields. The reader is total: it never reads past its input and
/// reports malformed input (truncation, overlong varints, unbalanced groups, bad lengths) as an error.
/// Varints follow protobuf (as libprotobuf reads them), not multiformats: non-minimal forms accepted.
/// Groups (deprecated) are skipped like unknown fields.
/// All functions are pure and thread-safe.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "kitsunet/core/bytes.hpp"

namespace kitsunet::p2p::pb {

enum class WireType : std::uint8_t {
    kVarint = 0,
    kFixed64 = 1,
    kLengthDelimited = 2,
    kStartGroup = 3,
    kEndGroup = 4,
    kFixed32 = 5,
};

struct Field {
    std::uint32_t number{0};
    WireType type{WireType::kVarint};
    std::uint64_t varint{0};  // the value of a varint field
    ByteView bytes;           // the payload of a length-delimited field
};

/// Reads fields one by one from a borrowed buffer.
class Reader {
  public:
    explicit Reader(ByteView input) noexcept : rest_(input) {}

    bool done() const noexcept { return rest_.empty(); }

    /// The next field, or nullopt on malformed input (then the reader is exhausted).
    /// Fixed-width fields and groups are consumed and reported with an empty payload.
    std::optional<Field> next() noexcept;

  private:
    static constexpr unsigned kMaxGroupDepth = 100;  // as libprotobuf's recursion limit
    // Varint forms as libprotobuf reads them: values take up to 10 bytes (bits past 64 dropped),
    // tags up to 5 (truncated to 32 bits; field number 0 refused), lengths up to 5 (below 2^31).
    std::optional<std::uint64_t> varint(unsigned max_bytes) noexcept;
    std::optional<std::uint32_t> tag() noexcept;
    std::optional<std::size_t> length() noexcept;
    bool skip(std::size_t n) noexcept;
    /// Consumes the value of `f` (filling its varint or payload); false when malformed.
    bool skip_value(Field& f, unsigned depth = 0) noexcept;
    /// Consumes a group's fields up to its end tag; false when malformed or nested too deep.
    bool skip_group(std::uint32_t number, unsigned depth) noexcept;
    ByteView rest_;
};

/// Size of `v` as a varint.
constexpr std::size_t varint_size(std::uint64_t v) noexcept {
    std::size_t n = 1;
    while (v >= 0x80) {
        v >>= 7;
        ++n;
    }
    return n;
}
constexpr std::size_t tag_size(std::uint32_t number) noexcept {
    return varint_size(std::uint64_t{number} << 3);
}
/// Size of a length-delimited field of `payload` bytes, tag included.
constexpr std::size_t bytes_field_size(std::uint32_t number, std::size_t payload) noexcept {
    return tag_size(number) + varint_size(payload) + payload;
}
constexpr std::size_t varint_field_size(std::uint32_t number, std::uint64_t v) noexcept {
    return tag_size(number) + varint_size(v);
}

constexpr std::uint64_t zigzag(std::int64_t v) noexcept {
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
constexpr std::int64_t unzigzag(std::uint64_t v) noexcept {
    return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

/// Appends to a Bytes buffer (reserve first: callers know the exact size from the *_size helpers).
class Writer {
  public:
    explicit Writer(Bytes& out) noexcept : out_(out) {}

    void varint(std::uint64_t v);
    void tag(std::uint32_t number, WireType type) {
        varint((std::uint64_t{number} << 3) | std::uint64_t(type));
    }
    void varint_field(std::uint32_t number, std::uint64_t v) {
        tag(number, WireType::kVarint);
        varint(v);
    }
    void bytes_field(std::uint32_t number, ByteView payload);
    void bytes_field(std::uint32_t number, std::string_view payload) {
        bytes_field(number, as_bytes(payload));
    }
    /// Starts a length-delimited field whose payload (of `payload_size` bytes) the caller writes next.
    void begin_message(std::uint32_t number, std::size_t payload_size) {
        tag(number, WireType::kLengthDelimited);
        varint(payload_size);
    }

  private:
    Bytes& out_;
};

/// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or code points above
/// U+10FFFF), as protobuf requires of proto3 `string` fields.
bool is_utf8(ByteView s) noexcept;

}  // namespace kitsunet::p2p::pb
