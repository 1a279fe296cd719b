#include "kitsunet/p2p/mux/session_core.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include "kitsunet/p2p/net/first_to_finish.hpp"

namespace kitsunet::p2p::mux {

namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;

SessionCore::SessionCore(std::unique_ptr<ByteStream> connection, const asio::any_io_executor& executor,
                         CoreSettings settings)
    : conn_(std::move(connection)),
      executor_(executor),
      writer_(*conn_, executor, settings.write_batch_limit),
      reader_(*conn_),
      open_room_(executor),
      settings_(std::move(settings)),
      accepted_(executor),
      read_ended_(executor) {}

SessionCore::~SessionCore() = default;

Task<void> SessionCore::run() {
    std::exception_ptr failure;
    boost::system::error_code code;
    try {
        co_await first_to_finish(read_loop(), send_loop(), side_loop());
    } catch (const boost::system::system_error& e) {
        failure = std::current_exception();
        code = e.code();
        if (code == MuxErrc::protocol_error) on_protocol_error();  // before the writer stops
        // Our own errors say what happened; for the others (I/O), the message is the readable part.
        end_session(code, code.category() == mux_category() ? std::string(e.what()) : code.message());
    }
    end_session({}, "");  // (no-op unless it ended earlier)
    if (code == MuxErrc::protocol_error && !writer_.writing()) {
        // Give what on_protocol_error() queued a moment to leave.
        co_await asio::this_coro::reset_cancellation_state();
        try {
            co_await first_to_finish(writer_.run(), sleep(std::chrono::seconds(1)));
        } catch (const boost::system::system_error&) {
        }
    }
    conn_->reset();
    if (failure) std::rethrow_exception(failure);
}

Task<void> SessionCore::read_loop() {
    try {
        co_await read_frames();
    } catch (const boost::system::system_error&) {
        // The other loops are cancelled next; a write in progress may not notice cancellation on
        // every ByteStream, but it does notice a reset.
        if (writer_.writing()) conn_->reset();
        throw;
    }
    read_eof_ = true;
    read_ended_.notify();
    end_session({}, "connection closed by the peer");
    co_await sleep(settings_.close_timeout);  // send_loop flushes and returns first, normally
    conn_->reset();
}

Task<void> SessionCore::send_loop() {
    try {
        co_await writer_.run();
    } catch (const boost::system::system_error&) {
        // A failed write (not a cancellation while idle): unblock the read loop.
        if (writer_.writing()) conn_->reset();
        throw;
    }
    // The writer stops only when the session ends in order: flushed; now our end of the stream.
    try {
        co_await conn_->close_write();
    } catch (const boost::system::system_error&) {
    }
    if (!read_eof_) co_await (read_ended_.wait() || sleep(settings_.close_timeout));
    conn_->reset();
}

Task<void> SessionCore::side_loop() { co_await sleep(std::chrono::steady_clock::duration::max()); }

Task<std::shared_ptr<StreamState>> SessionCore::accept() {
    for (;;) {
        if (!accept_queue_.empty()) {
            auto s = std::move(accept_queue_.front());
            accept_queue_.pop_front();
            if (!s->reset) co_return s;
            continue;  // reset before anyone took it
        }
        if (ended_) co_return nullptr;
        co_await accepted_.wait();
    }
}

Task<void> SessionCore::close() {
    if (ended_) co_return;
    on_close();
    end_session({}, "closed");
    try {
        co_await writer_.flush();
    } catch (const boost::system::system_error&) {
        // The connection failed first; run() reports it.
    }
}

Task<std::size_t> SessionCore::read(StreamState& s, std::span<std::uint8_t> buf) {
    for (;;) {
        if (s.reset) throw_mux_error(s.reset_code, settings_.log_name + ": stream reset");
        if (!s.inbox.empty()) break;
        if (s.remote_fin) co_return 0;
        if (ended_) throw_ended();
        co_await s.readable.wait();
    }
    const std::size_t n = s.inbox.read(buf);
    buffered_ -= n;
    on_consumed(s);
    co_return n;
}

Task<void> SessionCore::close_write(StreamState& s) {
    if (s.reset) throw_mux_error(s.reset_code, settings_.log_name + ": stream reset");
    if (s.local_fin) co_return;
    if (ended_) throw_ended();
    s.local_fin = true;
    send_fin(s);
    if (s.remote_fin) remove(s);
}

void SessionCore::reset(StreamState& s) noexcept {
    if (s.reset || s.removed) return;
    send_reset(s);
    mark_reset(s, MuxErrc::stream_reset);
}

void SessionCore::release(StreamState& s) noexcept {
    if (s.reset || s.removed) return;
    if (!s.local_fin) return reset(s);
    // We finished writing; the peer may still be sending: drain it without buffering.
    s.detached = true;
    drop_inbox(s);
    on_consumed(s);
}

void SessionCore::on_consumed(StreamState&) noexcept {}
void SessionCore::on_removed(StreamState&) noexcept {}
void SessionCore::on_protocol_error() noexcept {}
void SessionCore::on_close() noexcept {}
void SessionCore::on_ended() noexcept {}

void SessionCore::add_stream(std::shared_ptr<StreamState> s) {
    const std::uint64_t key = s->key;
    streams_.emplace(key, std::move(s));
}

std::shared_ptr<StreamState> SessionCore::find_stream(std::uint64_t key) const {
    const auto it = streams_.find(key);
    return it == streams_.end() ? nullptr : it->second;
}

void SessionCore::queue_inbound(std::shared_ptr<StreamState> s) {
    accept_queue_.push_back(std::move(s));
    accepted_.notify();
}

Task<void> SessionCore::receive_into(StreamState& s, std::size_t n) {
    buffered_ += n;  // counted up front: the reader may take some of it before the read ends
    s.receiving = true;
    try {
        co_await reader_.read_into(s.inbox, n);
    } catch (...) {
        s.receiving = false;
        throw;
    }
    s.receiving = false;
    if (s.reset || s.detached)
        drop_inbox(s);  // happened while we were reading
    else if (n > 0)
        s.readable.notify();
}

void SessionCore::mark_reset(StreamState& s, MuxErrc code) noexcept {
    s.reset = true;
    s.reset_code = code;
    drop_inbox(s);
    s.readable.notify();
    s.writable.notify();
    remove(s);
}

void SessionCore::remove(StreamState& s) noexcept {
    // Callers hold their own shared_ptr to `s` (the read loop, a stream handle): erasing the
    // map's one does not destroy it under them.
    if (s.removed) return;
    s.removed = true;
    streams_.erase(s.key);
    on_removed(s);
    open_room_.notify();
}

void SessionCore::drop_inbox(StreamState& s) noexcept {
    // While the read loop fills the queue from the socket, the buffer must stay; it drops the
    // content itself when that read ends.
    if (s.receiving) return;
    buffered_ -= s.inbox.size();
    s.inbox.clear();
}

void SessionCore::violation(const std::string& what) const {
    throw_mux_error(MuxErrc::protocol_error, settings_.log_name + ": " + what);
}

void SessionCore::throw_ended() const {
    throw_mux_error(MuxErrc::session_closed, settings_.log_name + ": session ended: " + end_reason_);
}

void SessionCore::check_writable(const StreamState& s) const {
    if (s.reset) throw_mux_error(s.reset_code, settings_.log_name + ": stream reset");
    if (s.local_fin) throw_mux_error(MuxErrc::write_closed, settings_.log_name + ": write after close_write");
    if (ended_) throw_ended();
}

void SessionCore::end_session(boost::system::error_code code, const std::string& reason) noexcept {
    if (ended_) return;
    ended_ = true;
    end_reason_ = reason;
    if (code && code != asio::error::operation_aborted)
        spdlog::warn("{}: session ended: {}", settings_.log_name, reason);
    else
        spdlog::debug("{}: session ended: {}", settings_.log_name, reason.empty() ? "cancelled" : reason);
    writer_.stop(make_error_code(MuxErrc::session_closed));
    for (auto& [key, s] : streams_) {
        s->removed = true;
        s->readable.notify();
        s->writable.notify();
    }
    streams_.clear();
    accept_queue_.clear();
    accepted_.notify();
    open_room_.notify();
    on_ended();
}

Task<void> SessionCore::sleep(std::chrono::steady_clock::duration d) {
    asio::steady_timer timer(executor_);
    if (d == std::chrono::steady_clock::duration::max())
        timer.expires_at(std::chrono::steady_clock::time_point::max());
    else
        timer.expires_after(d);
    co_await timer.async_wait(asio::use_awaitable);
}

}  // namespace kitsunet::p2p::mux
