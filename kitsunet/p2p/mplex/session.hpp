#pragma once
/// mplex (/mplex/6.7.0) over any ByteStream: the MuxedSession the host may negotiate instead of
/// Yamux. Spec: libp2p/specs mplex.
///
/// Behaviour in short: streams are numbered per initiator from 0 and opened with NewStream (named
/// by their number). Messages carry at most Config::max_frame_payload bytes; the peer's may carry
/// up to 1 MiB (larger: protocol error). mplex has no flow control: writers wait only for the
/// connection, and a stream whose unread data passes Config::max_stream_buffer (or the session's
/// total passes max_session_buffer) is reset, its reader getting read_buffer_overflow. Close
/// half-closes, reset aborts. Streams beyond max_streams or a full accept backlog are reset.
/// Protocol violations (bad varint or flag, oversized message, NewStream for an open stream,
/// message after close, a frame for one of our ids never used) end the session: the connection
/// is reset, run() throws MuxErrc::protocol_error with the reason (also logged), every stream fails.
/// Thread-safety: none; everything on the executor given to the constructor.
#include <memory>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>

#include "kitsunet/p2p/mplex/config.hpp"
#include "kitsunet/p2p/mux/session_base.hpp"
#include "kitsunet/p2p/mux/stream.hpp"
#include "kitsunet/p2p/net/muxer.hpp"

namespace kitsunet::p2p::mplex {

namespace detail {
class Connection;
}  // namespace detail

class MplexSession final : public mux::SessionBase<mux::Stream> {
  public:
    static constexpr std::string_view kProtocolId = "/mplex/6.7.0";

    /// Takes the (secured) connection; mplex needs no role (stream ids are per initiator).
    MplexSession(std::unique_ptr<ByteStream> connection, const boost::asio::any_io_executor& executor,
                 Config config = {});
    ~MplexSession() override;

    std::string_view protocol() const noexcept override { return kProtocolId; }
    Task<std::unique_ptr<MuxedStream>> open_stream() override;

    /// Bytes received on all streams and not read yet.
    std::size_t buffered_bytes() const noexcept { return core_->buffered_bytes(); }
};

}  // namespace kitsunet::p2p::mplex
