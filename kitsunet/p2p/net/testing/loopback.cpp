#include "kitsunet/p2p/net/testing/loopback.hpp"

#include <boost/asio/ip/tcp.hpp>

namespace kitsunet::p2p::testing {

namespace asio = boost::asio;
using asio::ip::tcp;

TcpPair make_tcp_pair(asio::io_context& io) {
    tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
    tcp::socket dialer(io);
    dialer.connect(acceptor.local_endpoint());  // the kernel completes it from the listen backlog
    tcp::socket listener = acceptor.accept();
    dialer.set_option(tcp::no_delay(true));
    listener.set_option(tcp::no_delay(true));
    return {std::make_unique<TcpStream>(std::move(dialer)), std::make_unique<TcpStream>(std::move(listener))};
}

namespace detail {

void run_until(asio::io_context& io, const bool& done, std::chrono::steady_clock::duration timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    io.restart();
    while (!done) {
        if (std::chrono::steady_clock::now() >= deadline)
            throw TaskTimeout("run_task: the task did not finish in time");
        if (io.run_one_until(deadline) == 0 && io.stopped() && !done)
            throw TaskTimeout("run_task: the task can never finish (nothing left to run)");
    }
}

}  // namespace detail

}  // namespace kitsunet::p2p::testing
