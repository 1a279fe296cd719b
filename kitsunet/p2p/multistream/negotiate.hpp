#pragma once
/// multistream-select 1.0 negotiation over a BufferedStream, dialer and listener.
/// The dialer pipelines the header with its first proposal (one write, as js-libp2p and
/// go-libp2p do); the listener answers the header, echoes a supported proposal, answers "na"
/// otherwise and lists its protocols on "ls". Bytes that follow the final message in the same
/// read (lazy negotiation: the dialer's first data) stay in the BufferedStream for the protocol.
/// Errors (system_error): kProtocolMismatch (no or wrong header, an answer that is neither the
/// proposal nor "na"), kProtocolNotSupported (every proposal refused), kBadMessage /
/// kMessageTooLarge (malformed messages), eof when the peer closes mid-negotiation, or the
/// stream's own errors. No timeout here: the caller bounds the whole negotiation.
#include <span>
#include <string>
#include <vector>

#include "kitsunet/p2p/net/buffered_stream.hpp"
#include "kitsunet/p2p/net/task.hpp"

namespace kitsunet::p2p::multistream {

/// How many proposals a listener answers before it gives up on the peer.
inline constexpr int kMaxProposals = 32;

/// Dialer: proposes `protocols` in order; returns the first the listener accepts.
/// Precondition: protocols is not empty.
Task<std::string> select_protocol(BufferedStream& stream, std::span<const std::string> protocols);

/// Listener: answers the dialer until it proposes one of `supported`; returns it.
Task<std::string> accept_protocol(BufferedStream& stream, std::span<const std::string> supported);

/// Dialer: asks the listener for its protocols ("ls"). The stream stays in negotiation; the
/// caller closes it (a probe for tools and tests).
Task<std::vector<std::string>> list_protocols(BufferedStream& stream);

}  // namespace kitsunet::p2p::multistream
