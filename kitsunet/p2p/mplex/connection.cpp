#include "kitsunet/p2p/mplex/connection.hpp"

#include <algorithm>
#include <string>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace kitsunet::p2p::mplex::detail {

namespace {
mux::CoreSettings core_settings(const Config& c) {
    return {c.write_batch_limit, c.close_timeout, c.log_name};
}
}  // namespace

Connection::Connection(std::unique_ptr<ByteStream> connection, const boost::asio::any_io_executor& executor,
                       Config config)
    : SessionCore(std::move(connection), executor, core_settings(config)), config_(std::move(config)) {}

Task<std::shared_ptr<mux::StreamState>> Connection::open() {
    for (;;) {
        if (ended()) throw_ended();
        if (stream_count() < config_.max_streams) break;
        co_await open_room_.wait();
    }
    const std::uint64_t id = next_id_++;
    auto s = std::make_shared<mux::StreamState>(id, key(id, true), true, executor_);
    add_stream(s);
    const std::string name = std::to_string(id);  // the name other implementations give, too
    send({id, Flag::new_stream, static_cast<std::uint32_t>(name.size())},
         {reinterpret_cast<const std::uint8_t*>(name.data()), name.size()});
    co_return s;
}

Task<void> Connection::write(mux::StreamState& s, std::span<const std::uint8_t> data) {
    for (;;) {
        check_writable(s);
        if (data.empty()) co_return;
        const std::size_t n = std::min<std::size_t>(data.size(), config_.max_frame_payload);
        if (writer_.queued() > 0 && writer_.queued() + kMaxHeaderSize + n > config_.write_batch_limit) {
            co_await writer_.wait_room(kMaxHeaderSize + n);
            continue;  // the stream may have changed meanwhile
        }
        send({s.id, flag_for(Kind::message, s.outbound), static_cast<std::uint32_t>(n)}, data.first(n));
        data = data.subspan(n);
    }
}

Task<void> Connection::read_frames() {
    for (;;) {
        bool end = false;
        const DecodedHeader d = co_await next_header(end);
        if (end) co_return;
        reader_.consume(d.size);
        const FrameHeader& h = d.header;
        switch (kind_of(h.flag)) {
            case Kind::new_stream:
                co_await on_new_stream(h);
                break;
            case Kind::message:
                co_await on_message(h);
                break;
            case Kind::close:
            case Kind::reset: {
                const auto s = stream_for(h);
                co_await reader_.skip(h.length);  // (the spec sends none; tolerated)
                if (!s) break;
                if (kind_of(h.flag) == Kind::reset)
                    mark_reset(*s, MuxErrc::stream_reset);
                else
                    on_remote_close(*s);
                break;
            }
        }
    }
}

Task<DecodedHeader> Connection::next_header(bool& end) {
    for (;;) {
        const auto buffered = reader_.buffered();
        const auto d = decode_header(buffered, config_.max_message_size);
        if (d) co_return *d;
        if (d.error() != HeaderError::kIncomplete) violation(std::string(describe(d.error())));
        // An incomplete header is shorter than kMaxHeaderSize: there is room for one more byte.
        if (!co_await reader_.fill(buffered.size() + 1)) {
            end = true;  // a clean end between frames
            co_return DecodedHeader{};
        }
    }
}

Task<void> Connection::on_new_stream(const FrameHeader& h) {
    co_await reader_.skip(h.length);  // the stream's name: for interfaces only (spec)
    const std::uint64_t k = key(h.stream_id, false);
    if (find_stream(k)) violation(fmt::format("NewStream for open stream {}", h.stream_id));
    if (ended() || stream_count() >= config_.max_streams || accept_backlog() >= config_.max_accept_backlog) {
        spdlog::debug("{}: refusing stream {} ({} streams, {} waiting)", config_.log_name, h.stream_id,
                      stream_count(), accept_backlog());
        if (writer_.queued() > 4 * config_.write_batch_limit)
            violation("the peer keeps opening streams over the limits without reading");
        send({h.stream_id, Flag::reset_receiver, 0});
        co_return;
    }
    auto s = std::make_shared<mux::StreamState>(h.stream_id, k, false, executor_);
    add_stream(s);
    queue_inbound(std::move(s));
}

Task<void> Connection::on_message(const FrameHeader& h) {
    const auto s = stream_for(h);
    if (!s || s->reset || s->detached) co_return co_await reader_.skip(h.length);
    if (s->remote_fin) violation(fmt::format("message after close on stream {}", h.stream_id));
    if (overflows(*s, h.length)) {
        spdlog::info("{}: resetting stream {}: its reader fell behind ({} bytes unread)", config_.log_name,
                     h.stream_id, s->inbox.size());
        send_reset(*s);
        mark_reset(*s, MuxErrc::read_buffer_overflow);
        co_return co_await reader_.skip(h.length);
    }
    co_await receive_into(*s, h.length);
}

void Connection::on_remote_close(mux::StreamState& s) noexcept {
    if (s.remote_fin || s.reset) return;
    s.remote_fin = true;
    s.readable.notify();
    if (s.local_fin) remove(s);
}

std::shared_ptr<mux::StreamState> Connection::stream_for(const FrameHeader& h) {
    const bool ours = !from_initiator(h.flag);
    if (auto s = find_stream(key(h.stream_id, ours))) return s;
    // Frames may still come for a stream that has ended here; our ids never used are an error.
    if (ours && h.stream_id >= next_id_)
        violation(fmt::format("frame for our stream {}, which was never opened", h.stream_id));
    return nullptr;
}

bool Connection::overflows(const mux::StreamState& s, std::uint32_t length) const noexcept {
    return s.inbox.size() + length > config_.max_stream_buffer ||
           buffered_bytes() + length > config_.max_session_buffer;
}

void Connection::send_fin(mux::StreamState& s) noexcept {
    send({s.id, flag_for(Kind::close, s.outbound), 0});
}

void Connection::send_reset(mux::StreamState& s) noexcept {
    send({s.id, flag_for(Kind::reset, s.outbound), 0});
}

void Connection::send(const FrameHeader& h, std::span<const std::uint8_t> body) noexcept {
    std::array<std::uint8_t, kMaxHeaderSize> head;
    const std::size_t n = encode_header(h, head);
    writer_.append(std::span(head).first(n), body);
}

}  // namespace kitsunet::p2p::mplex::detail
