#include "kitsunet/p2p/protocols/ping.hpp"

#include <sodium.h>

#include <array>

#include <boost/asio/error.hpp>

#include "kitsunet/p2p/net/errors.hpp"

namespace kitsunet::p2p::ping {

namespace {

using Payload = std::array<std::uint8_t, kPingSize>;

// Reads exactly one payload; false when the stream ends cleanly before its first byte.
Task<bool> read_payload(ByteStream& stream, Payload& out) {
    std::size_t got = 0;
    while (got < out.size()) {
        const std::size_t n = co_await stream.read_some(std::span(out).subspan(got));
        if (n == 0) {
            if (got == 0) co_return false;
            throw boost::system::system_error(boost::asio::error::eof, "ping: stream ended inside a ping");
        }
        got += n;
    }
    co_return true;
}

}  // namespace

Task<std::chrono::steady_clock::duration> ping_once(ByteStream& stream) {
    Payload sent, echoed;
    randombytes_buf(sent.data(), sent.size());
    const auto start = std::chrono::steady_clock::now();
    co_await stream.write_all(sent);
    const bool got = co_await read_payload(stream, echoed);
    if (!got) throw boost::system::system_error(boost::asio::error::eof, "ping: peer closed the stream");
    if (echoed != sent) throw protocol_error(P2pErrc::kBadMessage, "ping: the echo differs from the ping");
    co_return std::chrono::steady_clock::now() - start;
}

Task<void> serve(ByteStream& stream) {
    Payload payload;
    while (true) {
        const bool got = co_await read_payload(stream, payload);
        if (!got) break;
        co_await stream.write_all(payload);
    }
    co_await stream.close_write();
}

}  // namespace kitsunet::p2p::ping
