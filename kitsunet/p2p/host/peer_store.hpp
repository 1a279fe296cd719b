#pragma once
/// What the host knows of other peers: addresses, public key, protocols, agent. Fed by dials,
/// handshakes and identify; bounded (the least recently updated peers are forgotten first, and
/// each peer keeps a bounded number of addresses and protocols).
/// Thread-safety: none (the host's executor).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "kitsunet/p2p/identity/keys.hpp"
#include "kitsunet/p2p/identity/peer_id.hpp"
#include "kitsunet/p2p/multiformats/multiaddr.hpp"
#include "kitsunet/p2p/protocols/identify.hpp"

namespace kitsunet::p2p {

struct PeerInfo {
    /// Dialable addresses, without /p2p, most recently learnt first.
    std::vector<Multiaddr> addrs;
    std::optional<PublicKey> public_key;
    std::vector<std::string> protocols;
    std::string agent_version;
    std::string protocol_version;
    /// The address the peer last told us it sees us at.
    std::optional<Multiaddr> observed_addr;
    /// An identify exchange with the peer has completed (successfully or not).
    bool identify_done{false};
    bool identified{false};
};

class PeerStore {
  public:
    static constexpr std::size_t kMaxAddrsPerPeer = 16;
    static constexpr std::size_t kMaxProtocolsPerPeer = 128;

    explicit PeerStore(std::size_t max_peers = 10'000) : max_peers_(max_peers) {}

    /// Adds addresses (a /p2p suffix is dropped), most recent first.
    void add_addrs(const PeerId& peer, std::span<const Multiaddr> addrs);
    void set_public_key(const PeerId& peer, const PublicKey& key);
    /// Applies an identify (or push) message: present lists replace the old ones.
    void apply_identify(const PeerId& peer, const identify::IdentifyInfo& info);
    /// Records that an identify exchange ended without a usable answer.
    void identify_failed(const PeerId& peer);

    const PeerInfo* find(const PeerId& peer) const;
    std::size_t size() const noexcept { return peers_.size(); }

  private:
    PeerInfo& touch(const PeerId& peer);

    struct Entry {
        PeerInfo info;
        std::uint64_t updated{0};
    };
    std::unordered_map<PeerId, Entry> peers_;
    std::size_t max_peers_;
    std::uint64_t clock_{0};
};

}  // namespace kitsunet::p2p
