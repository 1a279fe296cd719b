#pragma once
/// Internal to p2p/mplex: the mplex half of a session (frames, per-initiator stream ids, buffer
/// bounds) on the shared mux::SessionCore. Held by shared_ptr by MplexSession and its streams.
/// Thread-safety: none; one executor.
#include <cstdint>
#include <memory>
#include <span>

#include "kitsunet/p2p/mplex/config.hpp"
#include "kitsunet/p2p/mplex/frame.hpp"
#include "kitsunet/p2p/mux/session_core.hpp"

namespace kitsunet::p2p::mplex::detail {

class Connection final : public mux::SessionCore {
  public:
    Connection(std::unique_ptr<ByteStream> connection, const boost::asio::any_io_executor& executor,
               Config config);

    Task<std::shared_ptr<mux::StreamState>> open();
    Task<void> write(mux::StreamState& s, std::span<const std::uint8_t> data) override;

  private:
    // mux::SessionCore
    Task<void> read_frames() override;
    void send_fin(mux::StreamState& s) noexcept override;
    void send_reset(mux::StreamState& s) noexcept override;

    Task<DecodedHeader> next_header(bool& end);
    Task<void> on_new_stream(const FrameHeader& h);
    Task<void> on_message(const FrameHeader& h);
    void on_remote_close(mux::StreamState& s) noexcept;
    std::shared_ptr<mux::StreamState> stream_for(const FrameHeader& h);
    bool overflows(const mux::StreamState& s, std::uint32_t length) const noexcept;
    void send(const FrameHeader& h, std::span<const std::uint8_t> body = {}) noexcept;

    /// Streams of both initiators share one map: the key tells them apart.
    static std::uint64_t key(std::uint64_t id, bool ours) noexcept { return id << 1 | (ours ? 1u : 0u); }

    Config config_;
    std::uint64_t next_id_{0};
};

}  // namespace kitsunet::p2p::mplex::detail
