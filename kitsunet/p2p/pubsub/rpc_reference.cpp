#include "kitsunet/p2p/pubsub/rpc_reference.hpp"

#include <limits>
#include <string>

namespace kitsunet::p2p::pubsub::reference {

namespace {

std::string str(const Bytes& b) { return {b.begin(), b.end()}; }
Bytes bytes(const std::string& s) { return {s.begin(), s.end()}; }

void to_proto(const Message& m, pb::Message& out) {
    if (m.from) out.set_from(str(*m.from));
    if (m.data) out.set_data(str(*m.data));
    if (m.seqno) out.set_seqno(str(*m.seqno));
    out.set_topic(m.topic);
    if (m.signature) out.set_signature(str(*m.signature));
    if (m.key) out.set_key(str(*m.key));
    if (m.hops) out.set_hops(*m.hops);
}

Message from_proto(const pb::Message& m) {
    Message out;
    if (m.has_from()) out.from = bytes(m.from());
    if (m.has_data()) out.data = bytes(m.data());
    if (m.has_seqno()) out.seqno = bytes(m.seqno());
    out.topic = m.topic();
    if (m.has_signature()) out.signature = bytes(m.signature());
    if (m.has_key()) out.key = bytes(m.key());
    if (m.has_hops()) out.hops = m.hops();
    return out;
}

template <class Ids>
std::vector<MessageId> ids(const Ids& in) {
    return {in.begin(), in.end()};
}

ControlMessage from_proto(const pb::ControlMessage& c) {
    ControlMessage out;
    for (const auto& e : c.ihave()) out.ihave.push_back({e.topicid(), ids(e.messageids())});
    for (const auto& e : c.iwant()) out.iwant.push_back({ids(e.messageids())});
    for (const auto& e : c.graft()) out.graft.push_back({e.topicid()});
    for (const auto& e : c.prune()) {
        ControlPrune p{e.topicid(), {}, {}};
        for (const auto& peer : e.peers()) {
            PeerInfo info{bytes(peer.peerid()), {}};
            if (peer.has_signedpeerrecord()) info.signed_peer_record = bytes(peer.signedpeerrecord());
            p.peers.push_back(std::move(info));
        }
        if (e.has_backoff()) p.backoff = e.backoff();
        out.prune.push_back(std::move(p));
    }
    for (const auto& e : c.idontwant()) out.idontwant.push_back({ids(e.messageids())});
    return out;
}

void to_proto(const ControlMessage& c, pb::ControlMessage& out) {
    for (const auto& e : c.ihave) {
        auto* p = out.add_ihave();
        if (!e.topic.empty()) p->set_topicid(e.topic);
        for (const auto& id : e.message_ids) p->add_messageids(id);
    }
    for (const auto& e : c.iwant) {
        auto* p = out.add_iwant();
        for (const auto& id : e.message_ids) p->add_messageids(id);
    }
    for (const auto& e : c.graft) {
        auto* p = out.add_graft();
        if (!e.topic.empty()) p->set_topicid(e.topic);
    }
    for (const auto& e : c.prune) {
        auto* p = out.add_prune();
        if (!e.topic.empty()) p->set_topicid(e.topic);
        for (const auto& peer : e.peers) {
            auto* info = p->add_peers();
            if (!peer.peer_id.empty()) info->set_peerid(str(peer.peer_id));
            if (peer.signed_peer_record) info->set_signedpeerrecord(str(*peer.signed_peer_record));
        }
        if (e.backoff) p->set_backoff(*e.backoff);
    }
    for (const auto& e : c.idontwant) {
        auto* p = out.add_idontwant();
        for (const auto& id : e.message_ids) p->add_messageids(id);
    }
}

}  // namespace

pb::RPC to_proto(const Rpc& rpc) {
    pb::RPC out;
    for (const auto& s : rpc.subscriptions) {
        auto* p = out.add_subscriptions();
        if (s.subscribe) p->set_subscribe(true);
        if (!s.topic.empty()) p->set_topicid(s.topic);
    }
    for (const auto& m : rpc.messages) to_proto(*m, *out.add_publish());
    if (rpc.control) to_proto(*rpc.control, *out.mutable_control());
    return out;
}

Rpc from_proto(const pb::RPC& rpc) {
    Rpc out;
    for (const auto& s : rpc.subscriptions()) out.subscriptions.push_back({s.subscribe(), s.topicid()});
    for (const auto& m : rpc.publish())
        out.messages.push_back(std::make_shared<const Message>(from_proto(m)));
    if (rpc.has_control()) out.control = from_proto(rpc.control());
    return out;
}

std::optional<Rpc> parse(ByteView bytes) {
    // libprotobuf logs every non-UTF-8 string it refuses; the callers only want the verdict.
    static const bool kQuiet = (google::protobuf::SetLogHandler(nullptr), true);
    (void)kQuiet;
    pb::RPC rpc;
    if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) return std::nullopt;
    if (!rpc.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) return std::nullopt;
    return from_proto(rpc);
}

RpcLimits unbounded_limits() {
    constexpr auto kMax = std::numeric_limits<std::size_t>::max();
    return {kMax, kMax, kMax, kMax, kMax, kMax, kMax};
}

}  // namespace kitsunet::p2p::pubsub::reference
