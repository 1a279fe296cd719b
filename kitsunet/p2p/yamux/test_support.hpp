#pragma once
// Test-only helpers of the Yamux tests: sessions over loopback TCP, raw frames.
#include <algorithm>
#include <memory>
#include <stdexcept>
#include <vector>

#include <boost/system/system_error.hpp>

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
    Bytes out(kHeaderSize + payload.size());  // (sized up front: GCC 12 misjudges insert() here)
    std::copy(h.begin(), h.end(), out.begin());
    std::copy(payload.begin(), payload.end(), out.begin() + kHeaderSize);
    return out;
}

}  // namespace kitsunet::p2p::yamux::testing

namespace kitsunet::p2p::yamux::testing {

/// The frame headers a session sends on `raw` until the connection ends (payloads skipped).
inline Task<std::vector<FrameHeader>> frames_until_end(ByteStream& raw) {
    std::vector<FrameHeader> out;
    try {
        for (;;) {
            const Bytes head = co_await read_exactly(raw, kHeaderSize);
            const auto h = decode_header(head);
            if (!h) throw std::runtime_error("the session sent a malformed header");
            out.push_back(*h);
            if (h->type == FrameType::data && h->length > 0) co_await read_exactly(raw, h->length);
        }
    } catch (const std::exception&) {  // end of stream or reset
    }
    co_return out;
}

}  // namespace kitsunet::p2p::yamux::testing
