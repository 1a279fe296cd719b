#pragma once
/// Serialises the frames of many producers (a muxer's streams and its control logic) onto one
/// ByteStream, in batches: producers append encoded frames to the next batch while run() writes
/// the current one, so many small frames leave in one write (one syscall, one Noise message) and
/// the two batch buffers are reused, not reallocated, per frame.
/// Bounds: data producers call wait_room() first, so the next batch holds at most `batch_limit`
/// bytes of their frames (or one frame, when larger); control frames may be appended without
/// waiting (a muxer's read loop must never wait on the writer, or two peers writing to each
/// other could deadlock), so their volume must be bounded by the caller.
/// Thread-safety: none; one executor.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/system/error_code.hpp>

#include "kitsunet/p2p/net/byte_stream.hpp"
#include "kitsunet/p2p/net/notifier.hpp"
#include "kitsunet/p2p/net/task.hpp"

namespace kitsunet::p2p {

class FrameWriter {
  public:
    FrameWriter(ByteStream& out, const boost::asio::any_io_executor& executor, std::size_t batch_limit);

    /// Appends `head` then `body` to the next batch at once (no wait). Ignored once stopped, so a
    /// last frame (a go-away) is appended before stop().
    void append(std::span<const std::uint8_t> head, std::span<const std::uint8_t> body = {});

    /// Waits until the next batch has room for `n` more bytes (an empty batch always has).
    /// Throws system_error(stop reason) once stopped; honours cancellation.
    Task<void> wait_room(std::size_t n);

    /// Waits until every byte appended before the call has been written; throws once stopped
    /// with bytes still unwritten.
    Task<void> flush();

    /// Writes batches until stop() and everything appended before it is written. Throws what the
    /// ByteStream throws. Runs in the session's task group; after a cancellation outside a write
    /// (!writing()) it may be run again, e.g. to send a last frame.
    Task<void> run();

    /// No more appends; run() returns after writing what is queued; waiters wake with `reason`.
    void stop(boost::system::error_code reason) noexcept;

    bool stopped() const noexcept { return stopped_; }
    /// Bytes queued in the next batch.
    std::size_t queued() const noexcept { return next_.size(); }
    /// True while run() is inside a write: cancelling run() now may cut a frame in two.
    bool writing() const noexcept { return writing_; }

  private:
    ByteStream& out_;
    std::size_t batch_limit_;
    std::vector<std::uint8_t> next_;
    std::vector<std::uint8_t> current_;
    std::uint64_t appended_{0};  // bytes ever appended
    std::uint64_t written_{0};   // bytes ever written
    Notifier has_data_;
    Notifier has_room_;
    Notifier written_more_;
    boost::system::error_code stop_reason_;
    bool stopped_{false};
    bool writing_{false};
    bool running_{false};
};

}  // namespace kitsunet::p2p
