#pragma once
// Test-only helpers of the Yamux tests: sessions over loopback TCP, raw frames.
#include <memory>

#include "kitsunet/p2p/net/testing/session_pair.hpp"
#include "kitsunet/p2p/net/testing/streams.hpp"
#include "kitsunet/p2p/yamux/frame.hpp"
#include "kitsunet/p2p/yamux/session.hpp"

namespace kitsunet::p2p::yamux::testing {

using namespace p2p::testing;

/// Defaults with short timeouts, so that tests about endings end quickly.
inline Config test_config() {
    Config c;
    c.close_timeout = std::chrono::seconds(2);
    return c;
}

inline SessionFactory factory(Config dialer = test_config(), Config listener = test_config()) {
    return [=](std::unique_ptr<ByteStream> conn, bool is_dialer, const boost::asio::any_io_executor& ex) {
        return std::make_unique<YamuxSession>(std::move(conn), is_dialer ? Role::dialer : Role::listener, ex,
                                              is_dialer ? dialer : listener);
    };
}

inline YamuxSession& yamux(const std::unique_ptr<MuxedSession>& s) { return static_cast<YamuxSession&>(*s); }
inline YamuxStream& yamux(const std::unique_ptr<MuxedStream>& s) { return static_cast<YamuxStream&>(*s); }

/// One encoded frame: header and payload.
inline Bytes frame(FrameType type, std::uint16_t flags, std::uint32_t id, std::uint32_t length,
                   const Bytes& payload = {}) {
    const auto h = encode_header({type, flags, id, length});
    Bytes out(h.begin(), h.end());
    out.insert(out.end(), payload.begin(), payload.end());
    return out;
}

}  // namespace kitsunet::p2p::yamux::testing
