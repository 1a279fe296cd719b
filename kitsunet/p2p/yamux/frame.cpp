#include "kitsunet/p2p/yamux/frame.hpp"

namespace kitsunet::p2p::yamux {

namespace {

std::uint32_t load_be32(const std::uint8_t* p) noexcept {
    return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 |
           std::uint32_t{p[3]};
}

void store_be32(std::uint8_t* p, std::uint32_t v) noexcept {
    p[0] = static_cast<std::uint8_t>(v >> 24);
    p[1] = static_cast<std::uint8_t>(v >> 16);
    p[2] = static_cast<std::uint8_t>(v >> 8);
    p[3] = static_cast<std::uint8_t>(v);
}

bool is_session_frame(FrameType t) noexcept { return t == FrameType::ping || t == FrameType::go_away; }

std::expected<void, HeaderError> check(const FrameHeader& h) noexcept {
    if (is_session_frame(h.type) && h.stream_id != 0)
        return std::unexpected(HeaderError::kSessionFrameOnStream);
    if (!is_session_frame(h.type) && h.stream_id == 0)
        return std::unexpected(HeaderError::kStreamFrameOnZero);
    const auto ping_flags = h.flags & (flag::syn | flag::ack | flag::fin | flag::rst);
    if (h.type == FrameType::ping && ping_flags != flag::syn && ping_flags != flag::ack)
        return std::unexpected(HeaderError::kBadPingFlags);
    return {};
}

}  // namespace

std::string_view describe(HeaderError e) noexcept {
    switch (e) {
        case HeaderError::kTooShort:
            return "frame header shorter than 12 bytes";
        case HeaderError::kBadVersion:
            return "unsupported yamux version";
        case HeaderError::kBadType:
            return "unknown frame type";
        case HeaderError::kStreamFrameOnZero:
            return "data or window update on stream 0";
        case HeaderError::kSessionFrameOnStream:
            return "ping or go-away on a stream";
        case HeaderError::kBadPingFlags:
            return "ping that is neither a request nor a response";
    }
    return "invalid frame header";
}

std::expected<FrameHeader, HeaderError> decode_header(std::span<const std::uint8_t> bytes) noexcept {
    if (bytes.size() < kHeaderSize) return std::unexpected(HeaderError::kTooShort);
    if (bytes[0] != kVersion) return std::unexpected(HeaderError::kBadVersion);
    if (bytes[1] > static_cast<std::uint8_t>(FrameType::go_away))
        return std::unexpected(HeaderError::kBadType);
    FrameHeader h{static_cast<FrameType>(bytes[1]), static_cast<std::uint16_t>(bytes[2] << 8 | bytes[3]),
                  load_be32(&bytes[4]), load_be32(&bytes[8])};
    if (auto ok = check(h); !ok) return std::unexpected(ok.error());
    return h;
}

std::array<std::uint8_t, kHeaderSize> encode_header(const FrameHeader& h) noexcept {
    std::array<std::uint8_t, kHeaderSize> out{};
    out[0] = kVersion;
    out[1] = static_cast<std::uint8_t>(h.type);
    out[2] = static_cast<std::uint8_t>(h.flags >> 8);
    out[3] = static_cast<std::uint8_t>(h.flags);
    store_be32(&out[4], h.stream_id);
    store_be32(&out[8], h.length);
    return out;
}

}  // namespace kitsunet::p2p::yamux
