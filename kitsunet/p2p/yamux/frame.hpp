#pragma once
/// The Yamux frame header (/yamux/1.0.0; hashicorp/yamux spec.md, libp2p/specs yamux): 12 bytes,
/// big-endian: version (0) · type · flags · stream id · length. `length` is the payload size of a
/// Data frame, the window delta of a WindowUpdate, the opaque value of a Ping, the error code of
/// a GoAway. Pure functions (no I/O, no exceptions): the session's parser and a fuzz target.
#include <array>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <span>
#include <string_view>

namespace kitsunet::p2p::yamux {

inline constexpr std::size_t kHeaderSize = 12;
inline constexpr std::uint8_t kVersion = 0;
/// Every stream starts with this receive window in both directions (fixed by the spec).
inline constexpr std::uint32_t kInitialWindow = 256 * 1024;

enum class FrameType : std::uint8_t { data = 0, window_update = 1, ping = 2, go_away = 3 };

/// Flag bits. Bits above RST have no meaning and are ignored, as other implementations do.
namespace flag {
inline constexpr std::uint16_t syn = 0x1;  ///< opens a stream; a ping request
inline constexpr std::uint16_t ack = 0x2;  ///< accepts a stream; a ping response
inline constexpr std::uint16_t fin = 0x4;  ///< half-close: the sender sends no more data
inline constexpr std::uint16_t rst = 0x8;  ///< aborts the stream in both directions
}  // namespace flag

/// GoAway error codes.
enum class GoAwayCode : std::uint32_t { normal = 0, protocol_error = 1, internal_error = 2 };

struct FrameHeader {
    FrameType type{FrameType::data};
    std::uint16_t flags{0};
    std::uint32_t stream_id{0};
    std::uint32_t length{0};

    bool has(std::uint16_t f) const noexcept { return (flags & f) != 0; }
    friend bool operator==(const FrameHeader&, const FrameHeader&) = default;
};

/// What makes a header invalid on its own (without the session's state).
enum class HeaderError : std::uint8_t {
    kTooShort,              ///< fewer than 12 bytes
    kBadVersion,            ///< version ≠ 0
    kBadType,               ///< type > 3
    kStreamFrameOnZero,     ///< Data or WindowUpdate on stream 0 (the session)
    kSessionFrameOnStream,  ///< Ping or GoAway on a stream id ≠ 0
    kBadPingFlags,          ///< a Ping that is neither exactly a request (SYN) nor a response (ACK)
};

std::string_view describe(HeaderError e) noexcept;

/// Decodes and checks the first 12 bytes of `bytes` (any trailing bytes are the caller's).
std::expected<FrameHeader, HeaderError> decode_header(std::span<const std::uint8_t> bytes) noexcept;

/// Encodes a header (any field values; the caller keeps them valid).
std::array<std::uint8_t, kHeaderSize> encode_header(const FrameHeader& h) noexcept;

}  // namespace kitsunet::p2p::yamux
