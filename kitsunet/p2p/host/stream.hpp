#pragma once
/// A negotiated stream to a peer: what new_stream() returns and what a protocol handler gets.
#include <functional>
#include <memory>
#include <string>

#include "kitsunet/p2p/identity/peer_id.hpp"
#include "kitsunet/p2p/multiformats/multiaddr.hpp"
#include "kitsunet/p2p/net/buffered_stream.hpp"
#include "kitsunet/p2p/net/task.hpp"

namespace kitsunet::p2p {

struct Stream {
    /// The stream, after multistream-select; bytes that came with the negotiation are kept in
    /// it. Destroying it without closing resets the stream.
    std::unique_ptr<BufferedStream> io;
    std::string protocol;
    PeerId peer;
    /// The peer's address as this connection sees it.
    Multiaddr remote_addr;
};

/// Serves one inbound stream. It runs in the connection's task group: it is cancelled when the
/// connection ends or the host stops. Exceptions end the stream (logged), not the connection.
using StreamHandler = std::function<Task<void>(Stream)>;

}  // namespace kitsunet::p2p
