#include "kitsunet/p2p/net/tcp_stream.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/system/system_error.hpp>

namespace kitsunet::p2p {

namespace asio = boost::asio;

TcpStream::TcpStream(asio::ip::tcp::socket socket) noexcept : socket_(std::move(socket)) {}

Task<std::size_t> TcpStream::read_some(std::span<std::uint8_t> buf) {
    // Asio may wait forever on a read after the end of stream was reported: answer from memory.
    if (eof_) co_return 0;
    auto [ec, n] = co_await socket_.async_read_some(asio::buffer(buf.data(), buf.size()),
                                                    asio::as_tuple(asio::use_awaitable));
    if (ec == asio::error::eof) {
        eof_ = true;
        co_return 0;
    }
    if (ec) throw boost::system::system_error(ec);
    co_return n;
}

Task<void> TcpStream::write_all(std::span<const std::uint8_t> data) {
    co_await asio::async_write(socket_, asio::buffer(data.data(), data.size()), asio::use_awaitable);
}

Task<void> TcpStream::close_write() {
    boost::system::error_code ec;
    socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    if (ec && ec != asio::error::not_connected) throw boost::system::system_error(ec);
    co_return;
}

void TcpStream::reset() noexcept {
    boost::system::error_code ignored;
    socket_.close(ignored);
}

}  // namespace kitsunet::p2p
