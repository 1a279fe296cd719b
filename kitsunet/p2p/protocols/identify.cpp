#include "kitsunet/p2p/protocols/identify.hpp"

#include "kitsunet/p2p/net/delimited.hpp"
#include "kitsunet/p2p/net/errors.hpp"
#include "kitsunet/p2p/protocols/identify.pb.h"

namespace kitsunet::p2p::identify {

namespace {

std::string as_string(ByteView b) { return {reinterpret_cast<const char*>(b.data()), b.size()}; }

}  // namespace

std::string_view describe(IdentifyError e) noexcept {
    switch (e) {
        case IdentifyError::kMalformed:
            return "malformed identify message";
        case IdentifyError::kBadKey:
            return "identify carries an invalid public key";
        case IdentifyError::kKeyMismatch:
            return "identify public key is not the peer's";
    }
    return "unknown identify error";
}

Bytes encode(const IdentifyInfo& info) {
    protocols::pb::Identify msg;
    if (info.public_key) msg.set_publickey(as_string(info.public_key->to_protobuf()));
    for (const auto& a : info.listen_addrs) msg.add_listenaddrs(as_string(a.bytes()));
    for (const auto& p : info.protocols) msg.add_protocols(p);
    if (info.observed_addr) msg.set_observedaddr(as_string(info.observed_addr->bytes()));
    if (!info.agent_version.empty()) msg.set_agentversion(info.agent_version);
    if (!info.protocol_version.empty()) msg.set_protocolversion(info.protocol_version);
    const std::string out = msg.SerializeAsString();
    return Bytes(out.begin(), out.end());
}

std::expected<IdentifyInfo, IdentifyError> decode(ByteView bytes, const PeerId& peer) {
    protocols::pb::Identify msg;
    if (bytes.size() > kMaxMessageSize || !msg.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
        return std::unexpected(IdentifyError::kMalformed);
    IdentifyInfo info;
    if (msg.has_publickey()) {
        auto key = PublicKey::from_protobuf(as_bytes(msg.publickey()));
        if (!key) return std::unexpected(IdentifyError::kBadKey);
        if (!peer.matches(*key)) return std::unexpected(IdentifyError::kKeyMismatch);
        info.public_key = std::move(*key);
    }
    for (const auto& a : msg.listenaddrs()) {
        if (info.listen_addrs.size() == kMaxListEntries) break;
        if (auto addr = Multiaddr::from_bytes(as_bytes(a))) info.listen_addrs.push_back(std::move(*addr));
    }
    for (const auto& p : msg.protocols()) {
        if (info.protocols.size() == kMaxListEntries) break;
        info.protocols.push_back(p);
    }
    if (msg.has_observedaddr())
        if (auto addr = Multiaddr::from_bytes(as_bytes(msg.observedaddr())))
            info.observed_addr = std::move(*addr);
    info.agent_version = msg.agentversion();
    info.protocol_version = msg.protocolversion();
    info.has_protocols = msg.protocols_size() > 0;
    info.has_listen_addrs = msg.listenaddrs_size() > 0;
    return info;
}

Task<void> send(ByteStream& stream, const IdentifyInfo& info) {
    const Bytes message = encode(info);
    co_await write_delimited(stream, message);
    co_await stream.close_write();
}

Task<IdentifyInfo> receive(BufferedStream& stream, const PeerId& peer) {
    const auto message = co_await read_delimited(stream, kMaxMessageSize);
    if (!message) throw protocol_error(P2pErrc::kBadMessage, "identify: stream ended without a message");
    auto info = decode(*message, peer);
    if (!info) throw protocol_error(P2pErrc::kBadMessage, "identify: " + std::string(describe(info.error())));
    co_return std::move(*info);
}

}  // namespace kitsunet::p2p::identify
