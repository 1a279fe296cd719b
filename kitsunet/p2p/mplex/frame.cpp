#include "kitsunet/p2p/mplex/frame.hpp"

namespace kitsunet::p2p::mplex {

namespace {

constexpr std::size_t kMaxVarintSize = 9;

struct Varint {
    std::uint64_t value;
    std::size_t size;
};

std::expected<Varint, HeaderError> read_uvarint(std::span<const std::uint8_t> bytes) noexcept {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == kMaxVarintSize) return std::unexpected(HeaderError::kBadVarint);
        const std::uint8_t b = bytes[i];
        value |= std::uint64_t{b & 0x7fu} << (7 * i);
        if ((b & 0x80) == 0) {
            if (b == 0 && i > 0) return std::unexpected(HeaderError::kBadVarint);  // a trailing zero group
            return Varint{value, i + 1};
        }
    }
    if (bytes.size() >= kMaxVarintSize) return std::unexpected(HeaderError::kBadVarint);
    return std::unexpected(HeaderError::kIncomplete);
}

std::size_t write_uvarint(std::uint64_t v, std::uint8_t* out) noexcept {
    std::size_t n = 0;
    for (; v >= 0x80; v >>= 7) out[n++] = static_cast<std::uint8_t>(v | 0x80);
    out[n++] = static_cast<std::uint8_t>(v);
    return n;
}

}  // namespace

std::string_view describe(HeaderError e) noexcept {
    switch (e) {
        case HeaderError::kIncomplete:
            return "incomplete frame header";
        case HeaderError::kBadVarint:
            return "invalid varint (over 9 bytes or not minimal)";
        case HeaderError::kBadFlag:
            return "unknown frame flag 7";
        case HeaderError::kTooLarge:
            return "message larger than the limit";
    }
    return "invalid frame header";
}

std::expected<DecodedHeader, HeaderError> decode_header(std::span<const std::uint8_t> bytes,
                                                        std::uint32_t max_length) noexcept {
    const auto tag = read_uvarint(bytes);
    if (!tag) return std::unexpected(tag.error());
    if ((tag->value & 7) == 7) return std::unexpected(HeaderError::kBadFlag);
    const auto length = read_uvarint(bytes.subspan(tag->size));
    if (!length) return std::unexpected(length.error());
    if (length->value > max_length) return std::unexpected(HeaderError::kTooLarge);
    const FrameHeader h{tag->value >> 3, static_cast<Flag>(tag->value & 7),
                        static_cast<std::uint32_t>(length->value)};
    return DecodedHeader{h, tag->size + length->size};
}

std::size_t encode_header(const FrameHeader& h, std::span<std::uint8_t, kMaxHeaderSize> out) noexcept {
    const std::size_t n = write_uvarint(h.stream_id << 3 | static_cast<std::uint8_t>(h.flag), out.data());
    return n + write_uvarint(h.length, out.data() + n);
}

}  // namespace kitsunet::p2p::mplex
