#pragma once
/// TCP listening and dialing (the raw layer of the pipeline). Addresses here are Asio endpoints
/// and host names; multiaddr conversion is in tcp_multiaddr.hpp.
/// Errors: system_error (connection refused, timed_out, host not found, ...).
/// Thread-safety: none; one executor.
#include <cstdint>
#include <memory>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "kitsunet/p2p/net/task.hpp"
#include "kitsunet/p2p/net/tcp_stream.hpp"
#include "kitsunet/p2p/net/timeout.hpp"

namespace kitsunet::p2p {

enum class IpFamily : std::uint8_t { kAny, kV4, kV6 };

/// Where to dial: a literal IP address or a DNS name, and a port.
struct TcpTarget {
    std::string host;
    std::uint16_t port{0};
    IpFamily family{IpFamily::kAny};  // restricts DNS answers (/dns4, /dns6)
};

class TcpListener {
  public:
    /// Binds (SO_REUSEADDR) and listens on `endpoint`; port 0 picks a free port.
    TcpListener(const boost::asio::any_io_executor& executor, const boost::asio::ip::tcp::endpoint& endpoint);

    /// The bound address (the real port when 0 was asked).
    boost::asio::ip::tcp::endpoint local_endpoint() const;

    /// The next inbound connection, TCP_NODELAY set. Throws when closed or cancelled, and on
    /// resource errors (e.g. EMFILE: the caller decides whether to back off and retry).
    Task<std::unique_ptr<TcpStream>> accept();

    void close() noexcept;

  private:
    boost::asio::ip::tcp::acceptor acceptor_;
};

/// Resolves `target` and connects to the first address that answers, all within `timeout`.
Task<std::unique_ptr<TcpStream>> tcp_connect(const TcpTarget& target, Duration timeout);

}  // namespace kitsunet::p2p
