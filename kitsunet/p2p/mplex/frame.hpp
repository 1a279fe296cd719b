#pragma once
/// The mplex frame header (/mplex/6.7.0, libp2p/specs mplex): uvarint(stream id << 3 | flag) ·
/// uvarint(length), then `length` bytes. Varints are multiformats unsigned varints: at most 9
/// bytes, minimally encoded. Pure functions (no I/O, no exceptions): the session's parser and a
/// fuzz target.
#include <array>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <span>
#include <string_view>

namespace kitsunet::p2p::mplex {

/// The largest message the spec lets a peer send (go-multiplex's and js-mplex's limit).
inline constexpr std::uint32_t kMaxMessageSize = 1024 * 1024;
/// Two varints of at most 9 bytes.
inline constexpr std::size_t kMaxHeaderSize = 18;
/// Stream ids fit in the 60 bits the header varint leaves them.
inline constexpr std::uint64_t kMaxStreamId = (std::uint64_t{1} << 60) - 1;

/// Flags name the sender's role on the stream: the initiator opened it, the receiver accepted it.
enum class Flag : std::uint8_t {
    new_stream = 0,
    message_receiver = 1,
    message_initiator = 2,
    close_receiver = 3,
    close_initiator = 4,
    reset_receiver = 5,
    reset_initiator = 6,
};

enum class Kind : std::uint8_t { new_stream, message, close, reset };

inline Kind kind_of(Flag f) noexcept {
    if (f == Flag::new_stream) return Kind::new_stream;
    return static_cast<Kind>((static_cast<std::uint8_t>(f) + 1) / 2);
}

/// True when the frame's sender opened the stream (so it is the receiver's "remote" stream).
inline bool from_initiator(Flag f) noexcept { return static_cast<std::uint8_t>(f) % 2 == 0; }

/// The flag of `kind` as sent by the stream's initiator (`initiator`) or its receiver.
inline Flag flag_for(Kind kind, bool initiator) noexcept {
    if (kind == Kind::new_stream) return Flag::new_stream;
    return static_cast<Flag>(static_cast<std::uint8_t>(kind) * 2 - (initiator ? 0 : 1));
}

struct FrameHeader {
    std::uint64_t stream_id{0};
    Flag flag{Flag::new_stream};
    std::uint32_t length{0};
    friend bool operator==(const FrameHeader&, const FrameHeader&) = default;
};

struct DecodedHeader {
    FrameHeader header;
    std::size_t size{0};  ///< bytes the header took
};

enum class HeaderError : std::uint8_t {
    kIncomplete,  ///< the bytes end inside the header: read more
    kBadVarint,   ///< longer than 9 bytes, or not minimally encoded
    kBadFlag,     ///< flag 7
    kTooLarge,    ///< length above the limit
};

std::string_view describe(HeaderError e) noexcept;

/// Decodes the header at the start of `bytes`; `max_length` is the largest length accepted.
std::expected<DecodedHeader, HeaderError> decode_header(std::span<const std::uint8_t> bytes,
                                                        std::uint32_t max_length = kMaxMessageSize) noexcept;

/// Encodes a header; returns its size. Precondition: stream_id ≤ kMaxStreamId.
std::size_t encode_header(const FrameHeader& h, std::span<std::uint8_t, kMaxHeaderSize> out) noexcept;

}  // namespace kitsunet::p2p::mplex
