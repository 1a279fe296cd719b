#include "kitsunet/p2p/net/test_support.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/this_coro.hpp>

#include "kitsunet/p2p/net/tcp_transport.hpp"

namespace kitsunet::p2p::testing {

namespace asio = boost::asio;

Task<TcpPair> tcp_pair() {
    TcpListener listener(co_await asio::this_coro::executor, {asio::ip::make_address("127.0.0.1"), 0});
    const TcpTarget target{"127.0.0.1", listener.local_endpoint().port()};
    auto client = co_await tcp_connect(target, std::chrono::seconds(5));
    auto server = co_await listener.accept();
    co_return TcpPair{std::move(client), std::move(server)};
}

Task<std::string> read_to_end(ByteStream& s) {
    std::string out;
    std::uint8_t buf[4096];
    while (true) {
        const std::size_t n = co_await s.read_some(buf);
        if (n == 0) co_return out;
        out.append(buf, buf + n);
    }
}

}  // namespace kitsunet::p2p::testing
