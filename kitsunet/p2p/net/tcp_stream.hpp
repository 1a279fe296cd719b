#pragma once
/// A TCP connection as a ByteStream (the first layer of the pipeline raw → secure → muxed).
/// Thread-safety: one reader and one writer at a time, on the socket's executor.
#include <boost/asio/ip/tcp.hpp>

#include "kitsunet/p2p/net/byte_stream.hpp"

namespace kitsunet::p2p {

class TcpStream final : public ByteStream {
  public:
    explicit TcpStream(boost::asio::ip::tcp::socket socket) noexcept;

    /// Returns 0 at the peer's orderly end of stream (FIN), and on every read after it; throws on a
    /// reset or another error.
    Task<std::size_t> read_some(std::span<std::uint8_t> buf) override;
    Task<void> write_all(std::span<const std::uint8_t> data) override;
    /// Sends FIN (shutdown of our sending side).
    Task<void> close_write() override;
    /// Closes the socket at once; pending operations fail with operation_aborted.
    void reset() noexcept override;

    boost::asio::ip::tcp::socket& socket() noexcept { return socket_; }

  private:
    boost::asio::ip::tcp::socket socket_;
    bool eof_{false};
};

}  // namespace kitsunet::p2p
