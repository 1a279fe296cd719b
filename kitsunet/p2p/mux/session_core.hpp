#pragma once
/// The protocol-independent half of a stream multiplexer session (Yamux, mplex): the connection's
/// three loops and how they end, the stream map, the accept queue, and the stream operations
/// that do not depend on the wire format (read, half-close, reset, release). A muxer derives
/// from it, reads its frames in read_frames() and sends its own frames in the hooks.
///
/// Ending: run() = first_to_finish(read loop, send loop, side loop). An orderly end (close(), or
/// the peer's end of the connection) stops the writer after it has flushed; the send loop then
/// closes our direction and waits for the peer's (close_timeout). A failure (protocol violation,
/// I/O error, keep-alive timeout) ends the session at once: streams fail with session_closed,
/// the connection is reset, run() rethrows (after on_protocol_error() frames are flushed, briefly).
/// Lifetime: held by shared_ptr by the session object and every stream handle.
/// Thread-safety: none; one executor.
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>

#include <boost/asio/any_io_executor.hpp>
#include <boost/system/error_code.hpp>

#include "kitsunet/p2p/mux/byte_queue.hpp"
#include "kitsunet/p2p/mux/frame_reader.hpp"
#include "kitsunet/p2p/mux/frame_writer.hpp"
#include "kitsunet/p2p/net/byte_stream.hpp"
#include "kitsunet/p2p/net/mux_error.hpp"
#include "kitsunet/p2p/net/notifier.hpp"

namespace kitsunet::p2p::mux {

/// A stream's state, shared by its handle and its session. Lifecycle: open → half-closed by a
/// FIN (close) in either direction → removed from the session when both directions are closed,
/// or at a reset. A muxer adds its own fields in a derived struct.
struct StreamState {
    StreamState(std::uint64_t stream_id, std::uint64_t map_key, bool is_outbound,
                const boost::asio::any_io_executor& executor)
        : id(stream_id), key(map_key), outbound(is_outbound), readable(executor), writable(executor) {}
    virtual ~StreamState() = default;
    StreamState(const StreamState&) = delete;
    StreamState& operator=(const StreamState&) = delete;

    std::uint64_t id;   ///< the muxer's stream id
    std::uint64_t key;  ///< key in the session's map (unique among its streams)
    bool outbound;
    bool local_fin{false};   ///< we closed our direction
    bool remote_fin{false};  ///< the peer closed its direction
    bool reset{false};
    bool detached{false};   ///< its handle is gone after our FIN: incoming data is discarded
    bool removed{false};    ///< no longer in the session's map
    bool receiving{false};  ///< the read loop is reading a frame straight into `inbox`
    MuxErrc reset_code{MuxErrc::stream_reset};
    ByteQueue inbox;
    Notifier readable;
    Notifier writable;
};

struct CoreSettings {
    std::size_t write_batch_limit{256 * 1024};
    std::chrono::milliseconds close_timeout{std::chrono::seconds(5)};
    std::string log_name;  ///< prefix of log lines ("yamux", or a peer id)
};

class SessionCore {
  public:
    SessionCore(std::unique_ptr<ByteStream> connection, const boost::asio::any_io_executor& executor,
                CoreSettings settings);
    virtual ~SessionCore();
    SessionCore(const SessionCore&) = delete;
    SessionCore& operator=(const SessionCore&) = delete;

    // Session operations (see MuxedSession).
    Task<void> run();
    Task<std::shared_ptr<StreamState>> accept();
    Task<void> close();
    std::size_t stream_count() const noexcept { return streams_.size(); }
    std::size_t queued_bytes() const noexcept { return writer_.queued(); }
    /// Bytes received on all streams and not read yet.
    std::size_t buffered_bytes() const noexcept { return buffered_; }

    // Stream operations (see MuxedStream).
    Task<std::size_t> read(StreamState& s, std::span<std::uint8_t> buf);
    virtual Task<void> write(StreamState& s, std::span<const std::uint8_t> data) = 0;
    Task<void> close_write(StreamState& s);
    void reset(StreamState& s) noexcept;
    void release(StreamState& s) noexcept;  ///< the stream's handle is gone

  protected:
    // What a muxer provides.
    /// Reads and dispatches frames: returns at a clean end of stream, throws on a violation.
    virtual Task<void> read_frames() = 0;
    /// Runs beside the read and send loops (Yamux: keep-alive); ends the session if it returns
    /// or throws. The default waits until cancelled.
    virtual Task<void> side_loop();
    /// Queues the frame that closes our direction of `s` / resets `s`.
    virtual void send_fin(StreamState& s) noexcept = 0;
    virtual void send_reset(StreamState& s) noexcept = 0;
    /// The reader consumed bytes of `s`, or they were dropped (Yamux: window update).
    virtual void on_consumed(StreamState& s) noexcept;
    /// `s` has left the stream map.
    virtual void on_removed(StreamState& s) noexcept;
    /// A protocol violation is ending the session (Yamux: queue a go-away).
    virtual void on_protocol_error() noexcept;
    /// close() was called; the session ends next (Yamux: go-away).
    virtual void on_close() noexcept;
    /// The session has ended: wake what the muxer's own waiters wait on.
    virtual void on_ended() noexcept;

    // What a muxer uses.
    void add_stream(std::shared_ptr<StreamState> s);
    std::shared_ptr<StreamState> find_stream(std::uint64_t key) const;
    void queue_inbound(std::shared_ptr<StreamState> s);  ///< for accept()
    /// Inbound streams waiting for accept().
    std::size_t accept_backlog() const noexcept { return accept_queue_.size(); }
    /// Reads the next `n` bytes of the connection into `s`'s inbox (the caller holds `s`).
    Task<void> receive_into(StreamState& s, std::size_t n);
    void mark_reset(StreamState& s, MuxErrc code) noexcept;
    void remove(StreamState& s) noexcept;
    /// Throws protocol_error with "<log name>: <what>"; run() ends the session.
    [[noreturn]] void violation(const std::string& what) const;
    [[noreturn]] void throw_ended() const;
    /// Throws what a write to `s` must throw now, if anything (reset, closed, session ended).
    void check_writable(const StreamState& s) const;
    void end_session(boost::system::error_code code, const std::string& reason) noexcept;
    Task<void> sleep(std::chrono::steady_clock::duration d);
    bool ended() const noexcept { return ended_; }
    const std::string& log_name() const noexcept { return settings_.log_name; }

    std::unique_ptr<ByteStream> conn_;
    boost::asio::any_io_executor executor_;
    FrameWriter writer_;
    FrameReader reader_;
    Notifier open_room_;  ///< a stream slot freed, or the session ended: opening may proceed

  private:
    Task<void> read_loop();
    Task<void> send_loop();
    void drop_inbox(StreamState& s) noexcept;

    CoreSettings settings_;
    std::unordered_map<std::uint64_t, std::shared_ptr<StreamState>> streams_;
    std::deque<std::shared_ptr<StreamState>> accept_queue_;
    Notifier accepted_;        // a stream was queued for accept(), or the session ended
    Notifier read_ended_;      // the peer's end of the connection
    std::size_t buffered_{0};  // bytes in (or on their way into) the streams' inboxes
    bool read_eof_{false};
    bool ended_{false};
    std::string end_reason_;
};

}  // namespace kitsunet::p2p::mux
