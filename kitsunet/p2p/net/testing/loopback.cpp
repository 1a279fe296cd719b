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

void run_until(asio::io_context& io, const std::function<bool()>& done,
               std::chrono::steady_clock::duration timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    io.restart();
    while (!done()) {
        if (std::chrono::steady_clock::now() >= deadline)
            throw TaskTimeout("run_task: the task did not finish in time");
        if (io.run_one_until(deadline) == 0 && io.stopped() && !done())
            throw TaskTimeout("run_task: the task can never finish (nothing left to run)");
    }
}

void spawn(asio::io_context& io, Task<void> task, Outcome& outcome) {
    asio::co_spawn(io, std::move(task), [&outcome](std::exception_ptr e) {
        outcome.done = true;
        outcome.error = e;
    });
}

}  // namespace kitsunet::p2p::testing
