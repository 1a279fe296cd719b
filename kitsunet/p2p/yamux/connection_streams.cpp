// Yamux as the application drives it: opening streams, writes under flow control, window
// updates, half-close and reset frames, pings and go-away.
#include <algorithm>
#include <limits>

#include <spdlog/spdlog.h>

#include "kitsunet/p2p/yamux/connection.hpp"

namespace kitsunet::p2p::yamux::detail {

namespace {
StreamState& yamux_state(mux::StreamState& s) noexcept { return static_cast<StreamState&>(s); }
}  // namespace

Task<std::shared_ptr<StreamState>> Connection::open() {
    for (;;) {
        if (ended() || local_go_away_) throw_ended();
        if (remote_go_away_) throw_mux_error(MuxErrc::go_away, config_.log_name + ": the peer sent go-away");
        if (stream_count() < config_.max_streams && outbound_backlog_ < config_.max_ack_backlog) break;
        co_await open_room_.wait();
    }
    if (next_id_ > std::numeric_limits<std::uint32_t>::max())
        throw_mux_error(MuxErrc::session_closed, config_.log_name + ": stream ids exhausted");
    const auto id = static_cast<std::uint32_t>(next_id_);
    next_id_ += 2;
    auto s = std::make_shared<StreamState>(id, true, executor_, config_.max_stream_window, Clock::now());
    add_stream(s);
    ++outbound_backlog_;
    send_control(FrameType::window_update, flag::syn, id, 0);
    co_return s;
}

Task<void> Connection::write(mux::StreamState& base, std::span<const std::uint8_t> data) {
    auto& s = yamux_state(base);
    for (;;) {
        check_writable(s);
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
        const FrameHeader h{FrameType::data, ack_flag(s), s.yamux_id(), static_cast<std::uint32_t>(n)};
        writer_.append(encode_header(h), data.first(n));
        s.send_window -= static_cast<std::uint32_t>(n);
        data = data.subspan(n);
    }
}

Task<Clock::duration> Connection::ping() {
    if (ended()) throw_ended();
    const std::uint64_t round = pongs_ + 1;
    send_ping();
    if (!co_await await_pong(round)) throw_ended();
    co_return rtt_;
}

void Connection::go_away() noexcept {
    if (local_go_away_ || ended()) return;
    local_go_away_ = true;
    send_control(FrameType::go_away, 0, 0, static_cast<std::uint32_t>(GoAwayCode::normal));
}

void Connection::send_fin(mux::StreamState& base) noexcept {
    auto& s = yamux_state(base);
    send_control(FrameType::window_update, static_cast<std::uint16_t>(ack_flag(s) | flag::fin), s.yamux_id(),
                 0);
}

void Connection::send_reset(mux::StreamState& base) noexcept {
    auto& s = yamux_state(base);
    send_control(FrameType::window_update, static_cast<std::uint16_t>(ack_flag(s) | flag::rst), s.yamux_id(),
                 0);
}

void Connection::on_consumed(mux::StreamState& base) noexcept {
    auto& s = yamux_state(base);
    if (s.reset || s.removed || s.remote_fin || ended()) return;
    const std::uint32_t delta = s.recv.take_update(s.inbox.size(), Clock::now(), rtt_, budget_);
    if (delta > 0) send_control(FrameType::window_update, ack_flag(s), s.yamux_id(), delta);
}

void Connection::on_removed(mux::StreamState& base) noexcept {
    auto& s = yamux_state(base);
    settle_backlog(s);
    s.recv.release(budget_);
}

void Connection::on_protocol_error() noexcept {
    send_control(FrameType::go_away, 0, 0, static_cast<std::uint32_t>(GoAwayCode::protocol_error));
}

void Connection::on_close() noexcept { go_away(); }

void Connection::send_control(FrameType type, std::uint16_t flags, std::uint32_t stream_id,
                              std::uint32_t length) noexcept {
    writer_.append(encode_header({type, flags, stream_id, length}));
}

std::uint16_t Connection::ack_flag(StreamState& s) noexcept {
    if (s.outbound || s.acked) return 0;
    settle_backlog(s);
    return flag::ack;
}

void Connection::refuse(std::uint32_t id) {
    // A peer that opens streams without reading our refusals is flooding us.
    if (writer_.queued() > 4 * config_.write_batch_limit)
        violation("the peer keeps opening streams over the limits without reading");
    send_control(FrameType::window_update, flag::rst, id, 0);
}

void Connection::send_ping() noexcept {
    if (ended() || ping_in_flight_) return;  // one at a time: callers share it
    ping_in_flight_ = next_ping_id_++;
    ping_sent_ = Clock::now();
    send_control(FrameType::ping, flag::syn, 0, *ping_in_flight_);
}

Task<bool> Connection::await_pong(std::uint64_t round) {
    while (pongs_ < round) {
        if (ended()) co_return false;
        co_await pong_.wait();
    }
    co_return true;
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

}  // namespace kitsunet::p2p::yamux::detail
