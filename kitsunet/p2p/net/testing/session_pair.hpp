#pragma once
/// Test support: two sessions of one muxer (Yamux, mplex) over a real loopback TCP connection,
/// both run()ning in the background on one io_context (test-only).
#include <functional>
#include <memory>

#include <boost/asio/io_context.hpp>

#include "kitsunet/p2p/net/muxer.hpp"
#include "kitsunet/p2p/net/testing/loopback.hpp"

namespace kitsunet::p2p::testing {

/// Makes a session over `connection`; `dialer` tells which end it is.
using SessionFactory = std::function<std::unique_ptr<MuxedSession>(
    std::unique_ptr<ByteStream> connection, bool dialer, const boost::asio::any_io_executor& executor)>;

struct SessionPair {
    /// Connects, makes both sessions and starts their run().
    explicit SessionPair(const SessionFactory& make);
    /// Drives `io` until both run()s have ended (resetting them after a while).
    ~SessionPair();

    /// Runs `scenario` (the sessions keep running meanwhile). Throws what it throws, or TaskTimeout.
    void run(Task<void> scenario, std::chrono::steady_clock::duration timeout = std::chrono::seconds(30));
    /// close() on both, then waits for both run()s to end.
    void close_both();

    boost::asio::io_context io;
    std::unique_ptr<MuxedSession> dialer;
    std::unique_ptr<MuxedSession> listener;
    Outcome dialer_run;
    Outcome listener_run;
};

/// A session (the listener) whose peer is a raw TCP socket the test writes frames to by hand.
struct RawPeer {
    explicit RawPeer(const SessionFactory& make);
    /// Resets the raw socket and waits for run() to end.
    ~RawPeer();

    boost::asio::io_context io;
    std::unique_ptr<TcpStream> raw;
    std::unique_ptr<MuxedSession> session;
    Outcome run;
};

}  // namespace kitsunet::p2p::testing
