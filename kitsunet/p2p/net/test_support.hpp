#pragma once
/// Test support for p2p layers, on real loopback sockets: a connected TCP pair, reading a stream
/// to its end, and a stream adaptor that hands out one byte per read (to exercise parsers on
/// fragmented input). Test-only (library kitsunet::p2p_test_support).
#include <memory>
#include <string>

#include "kitsunet/p2p/net/byte_stream.hpp"
#include "kitsunet/p2p/net/task.hpp"
#include "kitsunet/p2p/net/tcp_stream.hpp"

namespace kitsunet::p2p::testing {

struct TcpPair {
    std::unique_ptr<TcpStream> client;
    std::unique_ptr<TcpStream> server;
};

/// Two ends of one TCP connection on 127.0.0.1.
Task<TcpPair> tcp_pair();

/// Everything `s` yields until its end of stream.
Task<std::string> read_to_end(ByteStream& s);

/// Reads at most one byte per read_some from the inner stream; writes pass through.
class TrickleStream final : public ByteStream {
  public:
    explicit TrickleStream(std::unique_ptr<ByteStream> inner) : inner_(std::move(inner)) {}
    Task<std::size_t> read_some(std::span<std::uint8_t> buf) override {
        return inner_->read_some(buf.first(1));
    }
    Task<void> write_all(std::span<const std::uint8_t> data) override { return inner_->write_all(data); }
    Task<void> close_write() override { return inner_->close_write(); }
    void reset() noexcept override { inner_->reset(); }

  private:
    std::unique_ptr<ByteStream> inner_;
};

}  // namespace kitsunet::p2p::testing
