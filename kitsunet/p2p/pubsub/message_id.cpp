#include "kitsunet/p2p/pubsub/message_id.hpp"

#include "kitsunet/p2p/multiformats/multihash.hpp"

namespace kitsunet::p2p::pubsub {

namespace {

MessageId join(ByteView a, ByteView b) {
    MessageId id;
    id.reserve(a.size() + b.size());
    id.append(a.begin(), a.end());
    id.append(b.begin(), b.end());
    return id;
}

}  // namespace

std::optional<MessageId> public_key_seqno_id(const Message& m) {
    if (!m.from || !m.seqno) return std::nullopt;
    const auto mh = parse_multihash(*m.from);
    if (mh && mh->code == static_cast<std::uint64_t>(MultihashCode::kIdentity))
        return join(mh->digest, *m.seqno);
    if (m.key) return join(*m.key, *m.seqno);
    return std::nullopt;
}

std::optional<MessageId> from_seqno_id(const Message& m) {
    if (!m.from || !m.seqno) return std::nullopt;
    return join(*m.from, *m.seqno);
}

}  // namespace kitsunet::p2p::pubsub
