#pragma once
/// multistream-select 1.0 messages (libp2p/specs connections, multiformats/multistream-select):
/// a message is an unsigned varint length, then that many bytes: UTF-8 text ending in '\n'.
/// The `ls` answer is one message whose body is a sequence of such messages (one per protocol)
/// followed by a final '\n'.
/// Pure and total: decoders never trust a length, never throw, and say "need more bytes" apart
/// from "malformed" so a streaming reader can wait. Thread-safe.
#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kitsunet/core/bytes.hpp"

namespace kitsunet::p2p::multistream {

inline constexpr std::string_view kProtocolId = "/multistream/1.0.0";
inline constexpr std::string_view kNotAvailable = "na";
inline constexpr std::string_view kList = "ls";
/// Longest message body accepted in negotiation (go-libp2p's and js-libp2p's limit).
inline constexpr std::size_t kMaxMessageSize = 1024;
/// Longest `ls` answer we read.
inline constexpr std::size_t kMaxListSize = 64 * 1024;

enum class MessageError : std::uint8_t {
    kBadLength,       ///< the varint length is malformed (non-minimal, overflowing)
    kTooLong,         ///< longer than the reader's limit
    kMissingNewline,  ///< the body does not end in '\n' (or is empty)
    kBadText,         ///< a control character or NUL inside a protocol id
};

std::string_view describe(MessageError e) noexcept;

/// One complete message at the start of the input.
struct Message {
    std::string_view text;  ///< the body without its final '\n' (borrows from the input)
    std::size_t size{0};    ///< bytes taken from the input (length prefix included)
};

/// Decodes the message at the start of `in`. Returns nullopt when `in` holds only part of a
/// message (read more, then call again with the longer input).
std::expected<std::optional<Message>, MessageError> decode_message(ByteView in,
                                                                   std::size_t max_size = kMaxMessageSize);

/// The encoding of `text` + '\n' (a length prefix, the text, a newline).
Bytes encode_message(std::string_view text);
/// Appends the encoding of `text` + '\n' to `out`.
void append_message(Bytes& out, std::string_view text);

/// The text of the `ls` answer listing `protocols` (send it with encode_message).
Bytes encode_list_answer(std::span<const std::string> protocols);
/// Parses the text of an `ls` answer message (as decode_message returned it, without the final
/// '\n' of the outer message) into protocol ids.
std::expected<std::vector<std::string>, MessageError> decode_list_answer(std::string_view body);

}  // namespace kitsunet::p2p::multistream
