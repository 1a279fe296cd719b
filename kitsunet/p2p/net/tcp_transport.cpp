#include "kitsunet/p2p/net/tcp_transport.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace kitsunet::p2p {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

std::unique_ptr<TcpStream> wrap(tcp::socket socket) {
    socket.set_option(tcp::no_delay(true));
    return std::make_unique<TcpStream>(std::move(socket));
}

bool family_matches(const tcp::endpoint& e, IpFamily family) {
    return family == IpFamily::kAny || (family == IpFamily::kV4) == e.address().is_v4();
}

Task<std::unique_ptr<TcpStream>> connect_any(const TcpTarget& target) {
    const auto executor = co_await asio::this_coro::executor;
    std::vector<tcp::endpoint> endpoints;
    boost::system::error_code ec;
    const auto literal = asio::ip::make_address(target.host, ec);
    if (!ec) {
        endpoints.emplace_back(literal, target.port);
    } else {
        tcp::resolver resolver(executor);
        const auto results =
            co_await resolver.async_resolve(target.host, std::to_string(target.port), asio::use_awaitable);
        for (const auto& r : results)
            if (family_matches(r.endpoint(), target.family)) endpoints.push_back(r.endpoint());
        if (endpoints.empty()) throw boost::system::system_error(asio::error::host_not_found);
    }
    tcp::socket socket(executor);
    co_await asio::async_connect(socket, endpoints, asio::use_awaitable);
    co_return wrap(std::move(socket));
}

}  // namespace

TcpListener::TcpListener(const asio::any_io_executor& executor, const tcp::endpoint& endpoint)
    : acceptor_(executor) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(tcp::acceptor::reuse_address(true));
    if (endpoint.address().is_v6()) acceptor_.set_option(asio::ip::v6_only(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
}

tcp::endpoint TcpListener::local_endpoint() const { return acceptor_.local_endpoint(); }

Task<std::unique_ptr<TcpStream>> TcpListener::accept() {
    co_return wrap(co_await acceptor_.async_accept(asio::use_awaitable));
}

void TcpListener::close() noexcept {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
}

Task<std::unique_ptr<TcpStream>> tcp_connect(const TcpTarget& target, Duration timeout) {
    co_return co_await with_timeout(connect_any(target), timeout);
}

}  // namespace kitsunet::p2p
