#pragma once
/// Test support: a ByteStream that hands out at most one byte per read_some (to exercise
/// parsers on fragmented input); writes pass through. Test-only.
#include <memory>

#include "kitsunet/p2p/net/byte_stream.hpp"

namespace kitsunet::p2p::testing {

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
