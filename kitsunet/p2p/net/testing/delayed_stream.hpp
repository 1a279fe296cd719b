#pragma once
/// Test support: a ByteStream that hands out what arrives on the stream it wraps `delay` later,
/// like a long link (netem on loopback): a pump reads ahead continuously and timestamps each
/// chunk, so the delay adds latency without limiting bandwidth. Writes pass straight through;
/// wrap both ends to delay both directions. The pump keeps the shared state alive until the
/// wrapped stream ends (the destructor resets it). Test-only; one executor.
#include <chrono>
#include <memory>

#include <boost/asio/any_io_executor.hpp>

#include "kitsunet/p2p/net/byte_stream.hpp"

namespace kitsunet::p2p::testing {

class DelayedStream final : public ByteStream {
  public:
    DelayedStream(std::unique_ptr<ByteStream> inner, const boost::asio::any_io_executor& executor,
                  std::chrono::steady_clock::duration delay);
    ~DelayedStream() override;

    Task<std::size_t> read_some(std::span<std::uint8_t> buf) override;
    Task<void> write_all(std::span<const std::uint8_t> data) override;
    Task<void> close_write() override;
    void reset() noexcept override;

    struct State;

  private:
    std::shared_ptr<State> state_;
};

}  // namespace kitsunet::p2p::testing
