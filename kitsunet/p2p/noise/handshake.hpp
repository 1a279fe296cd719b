#pragma once
/// The libp2p Noise handshake over a raw connection (libp2p/specs noise): XX with the libp2p
/// payload in messages 2 and 3, each handshake message framed by a 2-byte big-endian length.
/// The initiator checks the responder's peer id against the one it dialed (when it knows it)
/// before it reveals its own identity in message 3. The stream_muxers extension carries the
/// muxers each side offers; when both offer some, the muxer is chosen inline (the first of the
/// initiator's list the responder offers) and the multistream round for it is skipped.
/// Errors (system_error): kHandshakeFailed (a message that does not authenticate, a bad payload
/// or signature, no common muxer), kPeerIdMismatch, kMessageTooLarge, eof, and the stream's own
/// errors. No timeout here: the caller bounds the handshake (slow peers).
/// Thread-safety: NoiseIdentity is immutable after construction (share it across connections on
/// one executor); each handshake runs on its connection's executor.
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kitsunet/p2p/identity/keys.hpp"
#include "kitsunet/p2p/identity/peer_id.hpp"
#include "kitsunet/p2p/net/buffered_stream.hpp"
#include "kitsunet/p2p/net/task.hpp"
#include "kitsunet/p2p/noise/handshake_state.hpp"
#include "kitsunet/p2p/noise/noise_stream.hpp"

namespace kitsunet::p2p::noise {

inline constexpr std::string_view kProtocolId = "/noise";

/// A host's Noise identity: its static X25519 key and its signed handshake payload, made once
/// (no signature per handshake).
class NoiseIdentity {
  public:
    /// `muxers`: the stream muxers offered inline, in preference order (empty: none, negotiate
    /// them with multistream after the handshake).
    NoiseIdentity(const PrivateKey& identity, std::vector<std::string> muxers);

    const DhKeyPair& static_key() const noexcept { return static_key_; }
    ByteView payload() const noexcept { return payload_; }
    std::span<const std::string> muxers() const noexcept { return muxers_; }

  private:
    DhKeyPair static_key_;
    std::vector<std::string> muxers_;
    Bytes payload_;
};

/// The result of a handshake.
struct SecuredConnection {
    std::unique_ptr<NoiseStream> stream;
    PeerId remote_peer;
    PublicKey remote_key;
    /// The muxer chosen inline, or empty: negotiate one with multistream.
    std::string muxer;
};

/// Initiator side. `expected_peer`: the peer we mean to reach, when known.
Task<SecuredConnection> secure_outbound(std::unique_ptr<BufferedStream> connection,
                                        const NoiseIdentity& identity, std::optional<PeerId> expected_peer);

/// Responder side.
Task<SecuredConnection> secure_inbound(std::unique_ptr<BufferedStream> connection,
                                       const NoiseIdentity& identity);

}  // namespace kitsunet::p2p::noise
