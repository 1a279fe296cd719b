#pragma once
/// Unsigned-varint length-delimited messages on a stream (what identify, kad, pubsub and most
/// libp2p protocols use around their protobufs). Reads go through a BufferedStream, so the bytes
/// after a message stay for the next read.
/// Errors (system_error): kMessageTooLarge (a length over `max_size`), kBadMessage (a malformed
/// length), eof (the stream ends inside a message; read_delimited returns nullopt when it ends
/// cleanly before one), and the stream's own errors.
#include <cstddef>
#include <optional>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/p2p/net/buffered_stream.hpp"
#include "kitsunet/p2p/net/task.hpp"

namespace kitsunet::p2p {

/// The next message, or nullopt at a clean end of stream.
Task<std::optional<Bytes>> read_delimited(BufferedStream& stream, std::size_t max_size);

/// Writes the varint length and `message` in one write.
Task<void> write_delimited(ByteStream& stream, ByteView message);

}  // namespace kitsunet::p2p
