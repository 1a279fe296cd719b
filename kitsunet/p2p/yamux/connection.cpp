// Yamux frames from the peer, and the keep-alive loop.
#include "kitsunet/p2p/yamux/connection.hpp"

#include <limits>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/asio/experimental/awaitable_operators.hpp>

namespace kitsunet::p2p::yamux::detail {

using namespace boost::asio::experimental::awaitable_operators;

namespace {
mux::CoreSettings core_settings(const Config& c) {
    return {c.write_batch_limit, c.close_timeout, c.log_name};
}
}  // namespace

Connection::Connection(std::unique_ptr<ByteStream> connection, Role role,
                       const boost::asio::any_io_executor& executor, Config config)
    : SessionCore(std::move(connection), executor, core_settings(config)),
      role_(role),
      config_(std::move(config)),
      next_id_(role == Role::dialer ? 1 : 2),
      budget_{config_.max_window_growth, 0},
      pong_(executor) {}

Task<void> Connection::read_frames() {
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
}

Task<void> Connection::side_loop() {
    for (;;) {
        const std::uint64_t round = pongs_ + 1;
        send_ping();
        if (config_.ping_timeout.count() == 0) {
            co_await await_pong(round);
        } else if ((co_await (await_pong(round) || sleep(config_.ping_timeout))).index() == 1) {
            conn_->reset();
            throw_mux_error(MuxErrc::keepalive_timeout,
                            config_.log_name + ": the peer did not answer a ping in time");
        }
        if (config_.keepalive_interval.count() == 0 || ended()) co_await sleep(Clock::duration::max());
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
            on_consumed(*s);  // nobody reads: keep the peer going until its FIN
        } else {
            co_await receive_into(*s, h.length);
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
                               ? ": the peer reported a protocol error (go-away)"
                               : ": the peer reported an internal error (go-away)";
        conn_->reset();
        throw_mux_error(MuxErrc::go_away, config_.log_name + what);
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
    if (auto s = find_stream(id)) return std::static_pointer_cast<StreamState>(s);
    // Frames may still arrive for a stream that has ended here; ids never used are an error.
    if (inbound ? id <= last_inbound_id_ : id < next_id_) return nullptr;
    violation(fmt::format("frame for stream {}, which was never opened", id));
}

std::shared_ptr<StreamState> Connection::open_inbound(std::uint32_t id) {
    if (local_go_away_ || ended() || stream_count() >= config_.max_streams ||
        inbound_backlog_ >= config_.max_ack_backlog) {
        spdlog::debug("{}: refusing stream {} ({} streams, {} unacknowledged)", config_.log_name, id,
                      stream_count(), inbound_backlog_);
        refuse(id);
        return nullptr;
    }
    auto s = std::make_shared<StreamState>(id, false, executor_, config_.max_stream_window, Clock::now());
    add_stream(s);
    ++inbound_backlog_;
    queue_inbound(s);
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

}  // namespace kitsunet::p2p::yamux::detail
