#include "kitsunet/p2p/net/testing/session_pair.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>

namespace kitsunet::p2p::testing {

using namespace boost::asio::experimental::awaitable_operators;

SessionPair::SessionPair(const SessionFactory& make) {
    auto tcp = make_tcp_pair(io);
    dialer = make(std::move(tcp.dialer), true, io.get_executor());
    listener = make(std::move(tcp.listener), false, io.get_executor());
    spawn(io, dialer->run(), dialer_run);
    spawn(io, listener->run(), listener_run);
}

SessionPair::~SessionPair() {
    try {
        if (!dialer_run.done || !listener_run.done) close_both();
    } catch (...) {  // a test failure already says what went wrong; the io_context cleans up
    }
}

void SessionPair::run(Task<void> scenario, std::chrono::steady_clock::duration timeout) {
    run_task(io, std::move(scenario), timeout);
}

void SessionPair::close_both() {
    auto close = [this]() -> Task<void> { co_await (dialer->close() && listener->close()); };
    run_task(io, close());
    run_until(io, [this] { return dialer_run.done && listener_run.done; }, std::chrono::seconds(20));
}

RawPeer::RawPeer(const SessionFactory& make) {
    auto tcp = make_tcp_pair(io);
    raw = std::move(tcp.dialer);
    session = make(std::move(tcp.listener), false, io.get_executor());
    spawn(io, session->run(), run);
}

RawPeer::~RawPeer() {
    raw->reset();
    try {
        run_until(io, [this] { return run.done; }, std::chrono::seconds(10));
    } catch (...) {  // a test failure already says what went wrong
    }
}

}  // namespace kitsunet::p2p::testing
