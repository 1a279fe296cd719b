// The session side of Yamux: run() and its loops, the frames the peer sends, the session's end.
#include "kitsunet/p2p/yamux/connection.hpp"

#include <limits>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include "kitsunet/p2p/net/first_to_finish.hpp"

namespace kitsunet::p2p::yamux::detail {

namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;

Connection::Connection(std::unique_ptr<ByteStream> connection, Role role,
                       const asio::any_io_executor& executor, Config config)
    : conn_(std::move(connection)),
      executor_(executor),
      role_(role),
      config_(std::move(config)),
      writer_(*conn_, executor, config_.write_batch_limit),
      reader_(*conn_),
      accepted_(executor),
      open_room_(executor),
      pong_(executor),
      read_ended_(executor),
      next_id_(role == Role::dialer ? 1 : 2),
      budget_{config_.max_window_growth, 0} {}

Task<void> Connection::run() {
    std::exception_ptr failure;
    boost::system::error_code code;
    try {
        co_await first_to_finish(read_loop(), send_loop(), keepalive_loop());
    } catch (const boost::system::system_error& e) {
        failure = std::current_exception();
        code = e.code();
        // Tell the peer why (flushed below unless a write was cut), then end.
        if (code == MuxErrc::protocol_error)
            send_control(FrameType::go_away, 0, 0, static_cast<std::uint32_t>(GoAwayCode::protocol_error));
        end_session(code, e.what());
    }
    end_session({}, "");  // (no-op unless ended above or earlier)
    if (code == MuxErrc::protocol_error && !writer_.writing()) {
        // Give the go-away a moment to leave.
        co_await asio::this_coro::reset_cancellation_state();
        try {
            co_await first_to_finish(writer_.run(), sleep(std::chrono::seconds(1)));
        } catch (const boost::system::system_error&) {
        }
    }
    conn_->reset();
    if (failure) std::rethrow_exception(failure);
}

Task<void> Connection::read_loop() {
    try {
        while (co_await reader_.fill(kHeaderSize)) {
            const auto header = decode_header(reader_.buffered());
            if (!header) violation(std::string(describe(header.error())));
            reader_.consume(kHeaderSize);
            switch (header->type) {
                case FrameType::data:
                    co_await on_data(*header);
                    break;
                case FrameType::window_update:
                    on_window_update(*header);
                    break;
                case FrameType::ping:
                    on_ping(*header);
                    break;
                case FrameType::go_away:
                    on_go_away(*header);
                    break;
            }
        }
    } catch (const boost::system::system_error&) {
        // The other loops are cancelled next; a write in progress may not notice cancellation on
        // every ByteStream, but it does notice a reset.
        if (writer_.writing()) conn_->reset();
        throw;
    }
    read_eof_ = true;
    read_ended_.notify();
    end_session({}, "connection closed by the peer");
    co_await sleep(config_.close_timeout);  // send_loop flushes and returns first, normally
    conn_->reset();
}

Task<void> Connection::send_loop() {
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
    if (!read_eof_) co_await (read_ended_.wait() || sleep(config_.close_timeout));
    conn_->reset();
}

Task<void> Connection::keepalive_loop() {
    for (;;) {
        const std::uint64_t round = pongs_ + 1;
        if (!ended_ && !ping_in_flight_) {
            ping_in_flight_ = next_ping_id_++;
            ping_sent_ = Clock::now();
            send_control(FrameType::ping, flag::syn, 0, *ping_in_flight_);
        }
        if (config_.ping_timeout.count() == 0) {
            co_await await_pong(round);
        } else if ((co_await (await_pong(round) || sleep(config_.ping_timeout))).index() == 1) {
            conn_->reset();
            throw_mux_error(MuxErrc::keepalive_timeout, "yamux: the peer did not answer a ping in time");
        }
        if (config_.keepalive_interval.count() == 0 || ended_) co_await sleep(Clock::duration::max());
        co_await sleep(config_.keepalive_interval);
    }
}

Task<void> Connection::on_data(const FrameHeader& h) {
    const auto s = stream_for(h);
    if (s) on_ack(*s, h);
    if (!s || s->reset) {
        co_await reader_.skip(h.length);
    } else {
        if (s->remote_fin && h.length > 0) violation(fmt::format("data after FIN on stream {}", h.stream_id));
        if (!s->recv.on_data(h.length))
            violation(
                fmt::format("data frame of {} bytes exceeds the receive window ({} bytes left) of stream {}",
                            h.length, s->recv.credit(), h.stream_id));
        if (s->detached) {
            co_await reader_.skip(h.length);
            send_window_update(*s);  // nobody reads: keep the peer going until its FIN
        } else {
            s->receiving = true;
            try {
                co_await reader_.read_into(s->inbox, h.length);
            } catch (...) {
                s->receiving = false;
                throw;
            }
            s->receiving = false;
            if (s->reset || s->detached) drop_inbox(*s);  // happened while we were reading
            if (h.length > 0) s->readable.notify();
        }
    }
    if (s) on_fin_rst(*s, h);
}

void Connection::on_window_update(const FrameHeader& h) {
    const auto s = stream_for(h);
    if (!s) return;
    on_ack(*s, h);
    if (!s->reset && h.length > 0) {
        if (std::uint64_t{s->send_window} + h.length > std::numeric_limits<std::uint32_t>::max())
            violation(fmt::format("window update overflows the send window of stream {}", h.stream_id));
        s->send_window += h.length;
        s->writable.notify();
    }
    on_fin_rst(*s, h);
}

void Connection::on_ping(const FrameHeader& h) {
    if (h.has(flag::syn)) {
        // A peer that pings without reading our answers gets no more answers, not more memory.
        if (writer_.queued() <= config_.write_batch_limit)
            send_control(FrameType::ping, flag::ack, 0, h.length);
        return;
    }
    if (!ping_in_flight_ || *ping_in_flight_ != h.length) {
        spdlog::debug("{}: ignoring an unsolicited pong {}", config_.log_name, h.length);
        return;
    }
    rtt_ = Clock::now() - ping_sent_;
    ping_in_flight_.reset();
    ++pongs_;
    pong_.notify();
}

void Connection::on_go_away(const FrameHeader& h) {
    if (h.length != static_cast<std::uint32_t>(GoAwayCode::normal)) {
        const char* what = h.length == static_cast<std::uint32_t>(GoAwayCode::protocol_error)
                               ? "yamux: the peer reported a protocol error (go-away)"
                               : "yamux: the peer reported an internal error (go-away)";
        conn_->reset();
        throw_mux_error(MuxErrc::go_away, what);
    }
    spdlog::debug("{}: the peer sent go-away", config_.log_name);
    remote_go_away_ = true;
    open_room_.notify();
}

std::shared_ptr<StreamState> Connection::stream_for(const FrameHeader& h) {
    const std::uint32_t id = h.stream_id;
    const bool inbound = is_inbound_id(id);
    if (h.has(flag::syn)) {
        if (!inbound) violation(fmt::format("SYN for stream {}, an id of our own parity", id));
        if (id <= last_inbound_id_) violation(fmt::format("SYN reuses stream id {}", id));
        last_inbound_id_ = id;
        return open_inbound(id);
    }
    if (const auto it = streams_.find(id); it != streams_.end()) return it->second;
    // Frames may still arrive for a stream that has ended here; ids never used are an error.
    if (inbound ? id <= last_inbound_id_ : id < next_id_) return nullptr;
    violation(fmt::format("frame for stream {}, which was never opened", id));
}

std::shared_ptr<StreamState> Connection::open_inbound(std::uint32_t id) {
    if (local_go_away_ || ended_ || streams_.size() >= config_.max_streams ||
        inbound_backlog_ >= config_.max_ack_backlog) {
        spdlog::debug("{}: refusing stream {} ({} streams, {} unacknowledged)", config_.log_name, id,
                      streams_.size(), inbound_backlog_);
        refuse(id);
        return nullptr;
    }
    auto s = std::make_shared<StreamState>(id, false, executor_, config_.max_stream_window, Clock::now());
    streams_.emplace(id, s);
    ++inbound_backlog_;
    accept_queue_.push_back(s);
    accepted_.notify();
    return s;
}

void Connection::on_ack(StreamState& s, const FrameHeader& h) noexcept {
    if (h.has(flag::ack) && s.outbound && !s.acked) settle_backlog(s);
}

void Connection::on_fin_rst(StreamState& s, const FrameHeader& h) noexcept {
    if (h.has(flag::rst)) {
        if (!s.reset) mark_reset(s, s.outbound && !s.acked ? MuxErrc::stream_refused : MuxErrc::stream_reset);
        return;
    }
    if (!h.has(flag::fin) || s.remote_fin || s.reset) return;
    s.remote_fin = true;
    s.readable.notify();
    if (s.local_fin) remove(s);
}

void Connection::violation(const std::string& what) {
    throw_mux_error(MuxErrc::protocol_error, "yamux: " + what);
}

void Connection::end_session(boost::system::error_code code, const std::string& reason) noexcept {
    if (ended_) return;
    ended_ = true;
    end_reason_ = reason;
    if (code && code != asio::error::operation_aborted)
        spdlog::warn("{}: session ended: {}", config_.log_name, reason);
    else
        spdlog::debug("{}: session ended: {}", config_.log_name, reason.empty() ? "cancelled" : reason);
    writer_.stop(make_error_code(MuxErrc::session_closed));
    for (auto& [id, s] : streams_) {
        s->removed = true;
        s->readable.notify();
        s->writable.notify();
    }
    streams_.clear();
    accept_queue_.clear();
    accepted_.notify();
    open_room_.notify();
    pong_.notify();
}

Task<void> Connection::sleep(Clock::duration d) {
    asio::steady_timer timer(executor_);
    if (d == Clock::duration::max())
        timer.expires_at(Clock::time_point::max());
    else
        timer.expires_after(d);
    co_await timer.async_wait(asio::use_awaitable);
}

Task<bool> Connection::await_pong(std::uint64_t round) {
    while (pongs_ < round) {
        if (ended_) co_return false;
        co_await pong_.wait();
    }
    co_return true;
}

}  // namespace kitsunet::p2p::yamux::detail
