#pragma once
/// The connection upgrade pipeline (libp2p/specs connections): raw TCP → multistream-select
/// "/noise" → Noise XX → a stream muxer, chosen inside the Noise handshake when both sides
/// offer muxers there, else by a second multistream-select → a MuxedSession.
/// Errors (system_error): those of each layer (P2pErrc codes with the reason as what()).
/// No timeout inside: the host bounds the whole upgrade.
/// Thread-safety: an Upgrader is immutable after construction; upgrades run on the
/// connection's executor.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kitsunet/p2p/host/config.hpp"
#include "kitsunet/p2p/host/muxers.hpp"
#include "kitsunet/p2p/identity/peer_id.hpp"
#include "kitsunet/p2p/net/muxer.hpp"
#include "kitsunet/p2p/net/tcp_stream.hpp"
#include "kitsunet/p2p/noise/handshake.hpp"

namespace kitsunet::p2p {

struct UpgradedConnection {
    std::unique_ptr<MuxedSession> session;
    PeerId peer;
    PublicKey public_key;
    Multiaddr remote_addr;
    Multiaddr local_addr;
};

class Upgrader {
  public:
    explicit Upgrader(const HostConfig& config);

    Task<UpgradedConnection> outbound(std::unique_ptr<TcpStream> raw, std::optional<PeerId> expected) const;
    Task<UpgradedConnection> inbound(std::unique_ptr<TcpStream> raw) const;

    const std::vector<std::string>& muxer_ids() const noexcept { return muxer_ids_; }

  private:
    Task<UpgradedConnection> upgrade(std::unique_ptr<TcpStream> raw, bool dialer,
                                     std::optional<PeerId> expected) const;
    std::unique_ptr<MuxedSession> make_session(const std::string& muxer, std::unique_ptr<ByteStream> secured,
                                               bool dialer, const PeerId& peer,
                                               const boost::asio::any_io_executor& executor) const;

    std::vector<Muxer> muxers_;
    std::vector<std::string> muxer_ids_;
    noise::NoiseIdentity noise_;
};

}  // namespace kitsunet::p2p
