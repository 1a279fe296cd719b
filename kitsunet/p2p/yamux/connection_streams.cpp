// The stream side of Yamux: opening and accepting streams, reads, writes, half-close, reset,
// window updates, pings and close() as the application calls them.
#include <algorithm>
#include <limits>

#include <spdlog/spdlog.h>
#include <boost/system/system_error.hpp>

#include "kitsunet/p2p/yamux/connection.hpp"

namespace kitsunet::p2p::yamux::detail {

Task<std::shared_ptr<StreamState>> Connection::open() {
    for (;;) {
        if (ended_ || local_go_away_) throw_ended();
        if (remote_go_away_)
            throw_mux_error(MuxErrc::go_away, "yamux: the peer sent go-away; no new streams");
        if (streams_.size() < config_.max_streams && outbound_backlog_ < config_.max_ack_backlog) break;
        co_await open_room_.wait();
    }
    if (next_id_ > std::numeric_limits<std::uint32_t>::max())
        throw_mux_error(MuxErrc::session_closed, "yamux: stream ids exhausted");
    const auto id = static_cast<std::uint32_t>(next_id_);
    next_id_ += 2;
    auto s = std::make_shared<StreamState>(id, true, executor_, config_.max_stream_window, Clock::now());
    streams_.emplace(id, s);
    ++outbound_backlog_;
    send_control(FrameType::window_update, flag::syn, id, 0);
    co_return s;
}

Task<std::shared_ptr<StreamState>> Connection::accept() {
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

Task<void> Connection::close() {
    if (ended_) co_return;
    go_away();
    end_session({}, "closed");
    try {
        co_await writer_.flush();
    } catch (const boost::system::system_error&) {
        // The connection failed first; run() reports it.
    }
}

void Connection::go_away() noexcept {
    if (local_go_away_ || ended_) return;
    local_go_away_ = true;
    send_control(FrameType::go_away, 0, 0, static_cast<std::uint32_t>(GoAwayCode::normal));
}

Task<Clock::duration> Connection::ping() {
    if (ended_) throw_ended();
    const std::uint64_t round = pongs_ + 1;
    if (!ping_in_flight_) {
        ping_in_flight_ = next_ping_id_++;
        ping_sent_ = Clock::now();
        send_control(FrameType::ping, flag::syn, 0, *ping_in_flight_);
    }
    if (!co_await await_pong(round)) throw_ended();
    co_return rtt_;
}

Task<std::size_t> Connection::read(StreamState& s, std::span<std::uint8_t> buf) {
    for (;;) {
        if (s.reset) throw_mux_error(s.reset_code, "yamux: stream reset");
        if (!s.inbox.empty()) break;
        if (s.remote_fin) co_return 0;
        if (ended_) throw_ended();
        co_await s.readable.wait();
    }
    const std::size_t n = s.inbox.read(buf);
    send_window_update(s);
    co_return n;
}

Task<void> Connection::write(StreamState& s, std::span<const std::uint8_t> data) {
    for (;;) {
        if (s.reset) throw_mux_error(s.reset_code, "yamux: stream reset");
        if (s.local_fin) throw_mux_error(MuxErrc::write_closed, "yamux: write after close_write");
        if (ended_) throw_ended();
        if (data.empty()) co_return;
        if (s.send_window == 0) {
            co_await s.writable.wait();
            continue;
        }
        const std::size_t n = std::min<std::size_t>({data.size(), s.send_window, config_.max_frame_payload});
        if (writer_.queued() > 0 && writer_.queued() + kHeaderSize + n > config_.write_batch_limit) {
            co_await writer_.wait_room(kHeaderSize + n);
            continue;  // the stream may have changed meanwhile
        }
        const FrameHeader h{FrameType::data, ack_flag(s), s.id, static_cast<std::uint32_t>(n)};
        writer_.append(encode_header(h), data.first(n));
        s.send_window -= static_cast<std::uint32_t>(n);
        data = data.subspan(n);
    }
}

Task<void> Connection::close_write(StreamState& s) {
    if (s.reset) throw_mux_error(s.reset_code, "yamux: stream reset");
    if (s.local_fin) co_return;
    if (ended_) throw_ended();
    s.local_fin = true;
    send_control(FrameType::window_update, static_cast<std::uint16_t>(ack_flag(s) | flag::fin), s.id, 0);
    if (s.remote_fin) remove(s);
    co_return;
}

void Connection::reset(StreamState& s) noexcept {
    if (s.reset || s.removed) return;
    send_control(FrameType::window_update, static_cast<std::uint16_t>(ack_flag(s) | flag::rst), s.id, 0);
    mark_reset(s, MuxErrc::stream_reset);
}

void Connection::release(StreamState& s) noexcept {
    if (s.reset || s.removed) return;
    if (!s.local_fin) return reset(s);
    // We finished writing; the peer may still be sending: drain it without buffering.
    s.detached = true;
    drop_inbox(s);
    send_window_update(s);
}

void Connection::send_control(FrameType type, std::uint16_t flags, std::uint32_t stream_id,
                              std::uint32_t length) noexcept {
    writer_.append(encode_header({type, flags, stream_id, length}));
}

std::uint16_t Connection::ack_flag(StreamState& s) noexcept {
    if (s.outbound || s.acked) return 0;
    settle_backlog(s);
    return flag::ack;
}

void Connection::send_window_update(StreamState& s) noexcept {
    if (s.reset || s.removed || s.remote_fin || ended_) return;
    const std::uint32_t delta = s.recv.take_update(s.inbox.size(), Clock::now(), rtt_, budget_);
    if (delta > 0) send_control(FrameType::window_update, ack_flag(s), s.id, delta);
}

void Connection::refuse(std::uint32_t id) {
    // A peer that opens streams without reading our refusals is flooding us.
    if (writer_.queued() > 4 * config_.write_batch_limit)
        violation("the peer keeps opening streams over the limits without reading");
    send_control(FrameType::window_update, flag::rst, id, 0);
}

bool Connection::is_inbound_id(std::uint32_t id) const noexcept {
    return (id % 2 == 1) == (role_ == Role::listener);
}

void Connection::settle_backlog(StreamState& s) noexcept {
    if (s.acked) return;
    s.acked = true;
    if (s.outbound) {
        --outbound_backlog_;
        open_room_.notify();
    } else {
        --inbound_backlog_;
    }
}

void Connection::remove(StreamState& s) noexcept {
    // Callers hold their own shared_ptr to `s` (the read loop, a stream handle): erasing the
    // map's one does not destroy it under them.
    if (s.removed) return;
    s.removed = true;
    settle_backlog(s);
    s.recv.release(budget_);
    streams_.erase(s.id);
    open_room_.notify();
}

void Connection::mark_reset(StreamState& s, MuxErrc code) noexcept {
    s.reset = true;
    s.reset_code = code;
    drop_inbox(s);
    s.readable.notify();
    s.writable.notify();
    remove(s);
}

void Connection::drop_inbox(StreamState& s) noexcept {
    // While the read loop fills the queue from the socket, the buffer must stay; it drops the
    // content itself when that read ends.
    if (!s.receiving) s.inbox.clear();
}

void Connection::throw_ended() const {
    throw_mux_error(MuxErrc::session_closed, "yamux: session ended: " + end_reason_);
}

}  // namespace kitsunet::p2p::yamux::detail
