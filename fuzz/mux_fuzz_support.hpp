#pragma once
// Support of the muxer session fuzz targets: a ByteStream whose peer is the fuzz input.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <span>

#include "kitsunet/p2p/net/byte_stream.hpp"

namespace kitsunet::fuzz {

/// Reads hand out `input` in chunks of `chunk` bytes, then end of stream; writes are counted and
/// dropped (the peer reads everything at once).
class InputStream final : public p2p::ByteStream {
  public:
    InputStream(std::span<const std::uint8_t> input, std::size_t chunk) : input_(input), chunk_(chunk) {}

    p2p::Task<std::size_t> read_some(std::span<std::uint8_t> buf) override {
        const std::size_t n = std::min({buf.size(), chunk_, input_.size()});
        std::memcpy(buf.data(), input_.data(), n);
        input_ = input_.subspan(n);
        co_return n;
    }
    p2p::Task<void> write_all(std::span<const std::uint8_t> data) override {
        written_ += data.size();
        co_return;
    }
    p2p::Task<void> close_write() override { co_return; }
    void reset() noexcept override { input_ = {}; }

  private:
    std::span<const std::uint8_t> input_;
    std::size_t chunk_;
    std::size_t written_{0};
};

}  // namespace kitsunet::fuzz
