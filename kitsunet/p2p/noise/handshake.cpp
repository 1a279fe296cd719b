#include "kitsunet/p2p/noise/handshake.hpp"

#include <boost/asio/error.hpp>

#include "kitsunet/p2p/net/errors.hpp"
#include "kitsunet/p2p/noise/payload.hpp"

namespace kitsunet::p2p::noise {

namespace {

Task<Bytes> read_frame(BufferedStream& s) {
    co_await s.fill_to(2);
    const std::size_t length = std::size_t{s.buffered()[0]} << 8 | s.buffered()[1];
    co_await s.fill_to(2 + length);
    Bytes message(s.buffered().begin() + 2, s.buffered().begin() + 2 + static_cast<std::ptrdiff_t>(length));
    s.consume(2 + length);
    co_return message;
}

Task<void> write_frame(ByteStream& s, ByteView message) {
    if (message.size() > kMaxMessageSize)
        throw protocol_error(P2pErrc::kMessageTooLarge, "noise: handshake message over 65535 bytes");
    Bytes frame(2 + message.size());
    frame[0] = static_cast<std::uint8_t>(message.size() >> 8);
    frame[1] = static_cast<std::uint8_t>(message.size());
    std::copy(message.begin(), message.end(), frame.begin() + 2);
    co_await s.write_all(frame);
}

Task<Bytes> read_message(BufferedStream& s, XXHandshake& hs) {
    const Bytes message = co_await read_frame(s);
    auto payload = hs.read_message(message);
    if (!payload)
        throw protocol_error(P2pErrc::kHandshakeFailed, "noise: " + std::string(describe(payload.error())));
    co_return std::move(*payload);
}

HandshakePayload check_payload(ByteView bytes, const DhPublicKey& remote_static) {
    auto payload = decode_payload(bytes, remote_static);
    if (!payload)
        throw protocol_error(P2pErrc::kHandshakeFailed, "noise: " + std::string(describe(payload.error())));
    return std::move(*payload);
}

std::string inline_muxer(std::span<const std::string> initiator, std::span<const std::string> responder) {
    if (initiator.empty() || responder.empty()) return {};
    auto muxer = choose_muxer(initiator, responder);
    if (muxer.empty()) throw protocol_error(P2pErrc::kHandshakeFailed, "noise: no stream muxer in common");
    return muxer;
}

SecuredConnection finish(std::unique_ptr<BufferedStream> connection, XXHandshake& hs, HandshakePayload remote,
                         std::string muxer) {
    auto [send, receive] = hs.split();
    auto peer = PeerId::from_public_key(remote.identity_key);
    return {std::make_unique<NoiseStream>(std::move(connection), std::move(send), std::move(receive)), peer,
            std::move(remote.identity_key), std::move(muxer)};
}

}  // namespace

NoiseIdentity::NoiseIdentity(const PrivateKey& identity, std::vector<std::string> muxers)
    : static_key_(DhKeyPair::generate()),
      muxers_(std::move(muxers)),
      payload_(encode_payload(identity, static_key_.public_key, muxers_)) {}

Task<SecuredConnection> secure_outbound(std::unique_ptr<BufferedStream> connection,
                                        const NoiseIdentity& identity, std::optional<PeerId> expected_peer) {
    XXHandshake hs(Role::kInitiator, identity.static_key());
    const Bytes m1 = hs.write_message({});
    co_await write_frame(*connection, m1);
    const Bytes m2_payload = co_await read_message(*connection, hs);
    auto remote = check_payload(m2_payload, hs.remote_static());
    if (expected_peer && !expected_peer->matches(remote.identity_key))
        throw protocol_error(P2pErrc::kPeerIdMismatch,
                             "noise: dialed " + expected_peer->to_string() + ", reached " +
                                 PeerId::from_public_key(remote.identity_key).to_string());
    auto muxer = inline_muxer(identity.muxers(), remote.stream_muxers);
    const Bytes m3 = hs.write_message(identity.payload());
    co_await write_frame(*connection, m3);
    co_return finish(std::move(connection), hs, std::move(remote), std::move(muxer));
}

Task<SecuredConnection> secure_inbound(std::unique_ptr<BufferedStream> connection,
                                       const NoiseIdentity& identity) {
    XXHandshake hs(Role::kResponder, identity.static_key());
    co_await read_message(*connection, hs);  // message 1's payload is empty for libp2p; ignored
    const Bytes m2 = hs.write_message(identity.payload());
    co_await write_frame(*connection, m2);
    const Bytes m3_payload = co_await read_message(*connection, hs);
    auto remote = check_payload(m3_payload, hs.remote_static());
    auto muxer = inline_muxer(remote.stream_muxers, identity.muxers());
    co_return finish(std::move(connection), hs, std::move(remote), std::move(muxer));
}

}  // namespace kitsunet::p2p::noise
