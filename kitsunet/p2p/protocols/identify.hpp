#pragma once
/// Identify (/ipfs/id/1.0.0) and identify push (/ipfs/id/push/1.0.0), libp2p/specs identify: a
/// peer tells another its public key, listen addresses, protocols, agent and protocol version,
/// and the address it observes the other at. The message is one varint-delimited protobuf; the
/// responder (or the pusher) writes it and closes the stream. Signed peer records are neither
/// sent nor checked (the spec allows it).
/// Decoding is total: malformed fields are refused (a bad multiaddr is skipped, since peers may
/// know transports we do not), and the public key must match the peer id we authenticated.
/// Thread-safety: free functions; the stream ones on the stream's executor.
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/p2p/identity/keys.hpp"
#include "kitsunet/p2p/identity/peer_id.hpp"
#include "kitsunet/p2p/multiformats/multiaddr.hpp"
#include "kitsunet/p2p/net/buffered_stream.hpp"
#include "kitsunet/p2p/net/task.hpp"

namespace kitsunet::p2p::identify {

inline constexpr std::string_view kProtocolId = "/ipfs/id/1.0.0";
inline constexpr std::string_view kPushProtocolId = "/ipfs/id/push/1.0.0";
/// Largest identify message read (js-libp2p's limit is 8 KiB; a push may carry many addresses).
inline constexpr std::size_t kMaxMessageSize = 64 * 1024;
/// Listen addresses and protocols kept from one message (more are dropped, not trusted).
inline constexpr std::size_t kMaxListEntries = 256;

/// What a peer says about itself. Absent fields stay empty (push messages may be partial).
struct IdentifyInfo {
    std::optional<PublicKey> public_key;
    std::vector<Multiaddr> listen_addrs;
    std::vector<std::string> protocols;
    std::optional<Multiaddr> observed_addr;
    std::string agent_version;
    std::string protocol_version;
    bool has_protocols{false};     ///< the message carried a protocol list (push: replace ours)
    bool has_listen_addrs{false};  ///< the message carried listen addresses
};

enum class IdentifyError : std::uint8_t {
    kMalformed,    ///< not an Identify protobuf
    kBadKey,       ///< publicKey does not parse
    kKeyMismatch,  ///< publicKey is not the key of the peer we are talking to
};

std::string_view describe(IdentifyError e) noexcept;

Bytes encode(const IdentifyInfo& info);
/// Parses a message from `peer`; its key, when present, must be `peer`'s.
std::expected<IdentifyInfo, IdentifyError> decode(ByteView bytes, const PeerId& peer);

/// Responder / pusher: writes `info` and closes the stream for writing.
Task<void> send(ByteStream& stream, const IdentifyInfo& info);
/// Requester / push receiver: reads one message from `peer` (throws system_error on a protocol
/// error: kBadMessage with the reason, kMessageTooLarge, eof).
Task<IdentifyInfo> receive(BufferedStream& stream, const PeerId& peer);

}  // namespace kitsunet::p2p::identify
