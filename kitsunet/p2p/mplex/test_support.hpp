#pragma once
// Test-only helpers of the mplex tests: sessions over loopback TCP, raw frames.
#include <memory>

#include "kitsunet/p2p/mplex/frame.hpp"
#include "kitsunet/p2p/mplex/session.hpp"
#include "kitsunet/p2p/net/testing/session_pair.hpp"
#include "kitsunet/p2p/net/testing/streams.hpp"

namespace kitsunet::p2p::mplex::testing {

using namespace p2p::testing;

inline Config test_config() {
    Config c;
    c.close_timeout = std::chrono::seconds(2);
    return c;
}

inline SessionFactory factory(Config dialer = test_config(), Config listener = test_config()) {
    return [=](std::unique_ptr<ByteStream> conn, bool is_dialer, const boost::asio::any_io_executor& ex) {
        return std::make_unique<MplexSession>(std::move(conn), ex, is_dialer ? dialer : listener);
    };
}

/// One encoded frame: header and body (of `length` bytes: the body given, padded with zeros).
inline Bytes frame(std::uint64_t id, Flag flag, std::uint32_t length, const Bytes& body = {}) {
    std::array<std::uint8_t, kMaxHeaderSize> head{};
    const std::size_t n = encode_header({id, flag, length}, head);
    Bytes out(n + std::max<std::size_t>(length, body.size()));
    std::copy(head.begin(), head.begin() + static_cast<std::ptrdiff_t>(n), out.begin());
    std::copy(body.begin(), body.end(), out.begin() + static_cast<std::ptrdiff_t>(n));
    return out;
}

}  // namespace kitsunet::p2p::mplex::testing
