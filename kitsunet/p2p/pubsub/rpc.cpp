#include "kitsunet/p2p/pubsub/rpc.hpp"

#include <algorithm>

#include "kitsunet/p2p/pubsub/protobuf_wire.hpp"

namespace kitsunet::p2p::pubsub {

namespace {

using pb::Field;
using pb::Reader;
using pb::WireType;
using Status = std::expected<void, RpcError>;

constexpr Status ok() { return {}; }
constexpr std::unexpected<RpcError> fail(RpcError e) { return std::unexpected(e); }

bool is_bytes(const Field& f) { return f.type == WireType::kLengthDelimited; }
bool is_varint(const Field& f) { return f.type == WireType::kVarint; }

Bytes to_bytes(ByteView v) { return {v.begin(), v.end()}; }

/// One decoding pass over an RPC, counting against its limits.
/// Calls on_field(field) for each field of `bytes` in order; the first error (a malformed field
/// or one on_field returns) ends the walk.
template <class OnField>
Status for_each_field(ByteView bytes, OnField&& on_field) {
    Reader r(bytes);
    while (!r.done()) {
        const auto f = r.next();
        if (!f) return fail(RpcError::kMalformed);
        if (auto s = on_field(*f); !s) return s;
    }
    return ok();
}

class Decoder {
  public:
    explicit Decoder(const RpcLimits& limits) noexcept : limits_(limits) {}

    std::expected<Rpc, RpcError> rpc(ByteView bytes) {
        Rpc out;
        const auto s = for_each_field(bytes, [&](const Field& f) -> Status {
            if (!is_bytes(f)) return ok();
            switch (f.number) {
                case 1:
                    return sub_opts(f.bytes, out.subscriptions);
                case 2:
                    return add_message(f.bytes, out.messages);
                case 3:
                    return control(f.bytes, out.control ? *out.control : out.control.emplace());
                default:
                    return ok();
            }
        });
        if (!s) return fail(s.error());
        return out;
    }

    std::expected<Message, RpcError> message(ByteView bytes) {
        Message m;
        const auto s = for_each_field(bytes, [&](const Field& f) -> Status {
            if (f.number == 7 && is_varint(f)) {
                // sint32: protobuf truncates the varint to 32 bits, then undoes the zigzag.
                const auto u = static_cast<std::uint32_t>(f.varint);
                m.hops = static_cast<std::int32_t>((u >> 1) ^ (~(u & 1) + 1));
                return ok();
            }
            if (!is_bytes(f)) return ok();
            switch (f.number) {
                case 1:
                    m.from = to_bytes(f.bytes);
                    break;
                case 2:
                    m.data = to_bytes(f.bytes);
                    break;
                case 3:
                    m.seqno = to_bytes(f.bytes);
                    break;
                case 4:
                    return topic(f.bytes, m.topic);
                case 5:
                    m.signature = to_bytes(f.bytes);
                    break;
                case 6:
                    m.key = to_bytes(f.bytes);
                    break;
                default:
                    break;
            }
            return ok();
        });
        if (!s) return fail(s.error());
        return m;
    }

  private:
    Status topic(ByteView bytes, TopicId& out) const {
        if (bytes.size() > limits_.max_topic_length) return fail(RpcError::kTopicTooLong);
        if (!pb::is_utf8(bytes)) return fail(RpcError::kInvalidUtf8);
        out.assign(bytes.begin(), bytes.end());
        return ok();
    }

    Status sub_opts(ByteView bytes, std::vector<SubOpts>& out) {
        if (out.size() >= limits_.max_subscriptions) return fail(RpcError::kTooManySubscriptions);
        SubOpts sub;
        const auto s = for_each_field(bytes, [&](const Field& f) -> Status {
            if (f.number == 1 && is_varint(f)) sub.subscribe = f.varint != 0;
            if (f.number == 2 && is_bytes(f)) return topic(f.bytes, sub.topic);
            return ok();
        });
        if (!s) return s;
        out.push_back(std::move(sub));
        return ok();
    }

    Status add_message(ByteView bytes, std::vector<MessagePtr>& out) {
        if (out.size() >= limits_.max_messages) return fail(RpcError::kTooManyMessages);
        auto m = message(bytes);
        if (!m) return fail(m.error());
        out.push_back(std::make_shared<const Message>(std::move(*m)));
        return ok();
    }

    Status count_entry() {
        if (++control_entries_ > limits_.max_control_entries) return fail(RpcError::kTooManyControlEntries);
        return ok();
    }

    Status message_id(ByteView bytes, std::vector<MessageId>& out) {
        if (++message_ids_ > limits_.max_message_ids) return fail(RpcError::kTooManyMessageIds);
        if (bytes.size() > limits_.max_message_id_length) return fail(RpcError::kMessageIdTooLong);
        out.emplace_back(bytes.begin(), bytes.end());
        return ok();
    }

    /// IHAVE (topic in field 1, ids in 2), IWANT and IDONTWANT (ids in field 1).
    template <class Entry>
    Status id_list(ByteView bytes, std::vector<Entry>& out) {
        constexpr bool kHasTopic = requires(Entry e) { e.topic; };
        constexpr std::uint32_t kIdsField = kHasTopic ? 2 : 1;
        if (auto s = count_entry(); !s) return s;
        Entry e;
        const auto s = for_each_field(bytes, [&](const Field& f) -> Status {
            if (!is_bytes(f)) return ok();
            if (f.number == kIdsField) return message_id(f.bytes, e.message_ids);
            if constexpr (kHasTopic) {
                if (f.number == 1) return topic(f.bytes, e.topic);
            }
            return ok();
        });
        if (!s) return s;
        out.push_back(std::move(e));
        return ok();
    }

    Status graft(ByteView bytes, std::vector<ControlGraft>& out) {
        if (auto s = count_entry(); !s) return s;
        ControlGraft g;
        const auto s = for_each_field(bytes, [&](const Field& f) -> Status {
            return f.number == 1 && is_bytes(f) ? topic(f.bytes, g.topic) : ok();
        });
        if (!s) return s;
        out.push_back(std::move(g));
        return ok();
    }

    Status peer_info(ByteView bytes, std::vector<PeerInfo>& out) {
        if (++peers_ > limits_.max_px_peers) return fail(RpcError::kTooManyPeers);
        PeerInfo p;
        const auto s = for_each_field(bytes, [&](const Field& f) -> Status {
            if (f.number == 1 && is_bytes(f)) p.peer_id = to_bytes(f.bytes);
            if (f.number == 2 && is_bytes(f)) p.signed_peer_record = to_bytes(f.bytes);
            return ok();
        });
        if (!s) return s;
        out.push_back(std::move(p));
        return ok();
    }

    Status prune(ByteView bytes, std::vector<ControlPrune>& out) {
        if (auto s = count_entry(); !s) return s;
        ControlPrune p;
        const auto s = for_each_field(bytes, [&](const Field& f) -> Status {
            if (f.number == 1 && is_bytes(f)) return topic(f.bytes, p.topic);
            if (f.number == 2 && is_bytes(f)) return peer_info(f.bytes, p.peers);
            if (f.number == 3 && is_varint(f)) p.backoff = f.varint;
            return ok();
        });
        if (!s) return s;
        out.push_back(std::move(p));
        return ok();
    }

    Status control(ByteView bytes, ControlMessage& c) {
        return for_each_field(bytes, [&](const Field& f) -> Status {
            if (!is_bytes(f)) return ok();
            switch (f.number) {
                case 1:
                    return id_list(f.bytes, c.ihave);
                case 2:
                    return id_list(f.bytes, c.iwant);
                case 3:
                    return graft(f.bytes, c.graft);
                case 4:
                    return prune(f.bytes, c.prune);
                case 5:
                    return id_list(f.bytes, c.idontwant);
                default:
                    return ok();
            }
        });
    }

    const RpcLimits& limits_;
    std::size_t control_entries_{0};
    std::size_t message_ids_{0};
    std::size_t peers_{0};
};

// ---- sizes: payload sizes of each message type, then field sizes around them ----

using pb::bytes_field_size;
using pb::varint_field_size;

std::size_t opt_bytes_size(std::uint32_t n, const std::optional<Bytes>& b) {
    return b ? bytes_field_size(n, b->size()) : 0;
}
std::size_t topic_size(std::uint32_t n, const TopicId& t) {
    return t.empty() ? 0 : bytes_field_size(n, t.size());
}
std::size_t ids_size(std::uint32_t n, const std::vector<MessageId>& ids) {
    std::size_t s = 0;
    for (const auto& id : ids) s += bytes_field_size(n, id.size());
    return s;
}

std::size_t payload_size(const SubOpts& s) {
    return (s.subscribe ? varint_field_size(1, 1) : 0) + topic_size(2, s.topic);
}
std::size_t payload_size(const ControlIHave& e) {
    return topic_size(1, e.topic) + ids_size(2, e.message_ids);
}
std::size_t payload_size(const ControlIWant& e) { return ids_size(1, e.message_ids); }
std::size_t payload_size(const ControlIDontWant& e) { return ids_size(1, e.message_ids); }
std::size_t payload_size(const ControlGraft& e) { return topic_size(1, e.topic); }
std::size_t payload_size(const PeerInfo& p) {
    return (p.peer_id.empty() ? 0 : bytes_field_size(1, p.peer_id.size())) +
           opt_bytes_size(2, p.signed_peer_record);
}
std::size_t payload_size(const ControlPrune& e) {
    std::size_t s = topic_size(1, e.topic);
    for (const auto& p : e.peers) s += bytes_field_size(2, payload_size(p));
    if (e.backoff) s += varint_field_size(3, *e.backoff);
    return s;
}
template <class T>
std::size_t repeated_size(std::uint32_t n, const std::vector<T>& items) {
    std::size_t s = 0;
    for (const auto& item : items) s += bytes_field_size(n, payload_size(item));
    return s;
}
std::size_t payload_size(const ControlMessage& c) {
    return repeated_size(1, c.ihave) + repeated_size(2, c.iwant) + repeated_size(3, c.graft) +
           repeated_size(4, c.prune) + repeated_size(5, c.idontwant);
}

// ---- writers ----

void write_topic(pb::Writer& w, std::uint32_t n, const TopicId& t) {
    if (!t.empty()) w.bytes_field(n, t);
}
void write_ids(pb::Writer& w, std::uint32_t n, const std::vector<MessageId>& ids) {
    for (const auto& id : ids) w.bytes_field(n, id);
}
void write(pb::Writer& w, const SubOpts& s) {
    if (s.subscribe) w.varint_field(1, 1);
    write_topic(w, 2, s.topic);
}
void write(pb::Writer& w, const ControlIHave& e) {
    write_topic(w, 1, e.topic);
    write_ids(w, 2, e.message_ids);
}
void write(pb::Writer& w, const ControlIWant& e) { write_ids(w, 1, e.message_ids); }
void write(pb::Writer& w, const ControlIDontWant& e) { write_ids(w, 1, e.message_ids); }
void write(pb::Writer& w, const ControlGraft& e) { write_topic(w, 1, e.topic); }
void write(pb::Writer& w, const PeerInfo& p) {
    if (!p.peer_id.empty()) w.bytes_field(1, p.peer_id);
    if (p.signed_peer_record) w.bytes_field(2, *p.signed_peer_record);
}
void write(pb::Writer& w, const ControlPrune& e);
template <class T>
void write_repeated(pb::Writer& w, std::uint32_t n, const std::vector<T>& items) {
    for (const auto& item : items) {
        w.begin_message(n, payload_size(item));
        write(w, item);
    }
}
void write(pb::Writer& w, const ControlPrune& e) {
    write_topic(w, 1, e.topic);
    write_repeated(w, 2, e.peers);
    if (e.backoff) w.varint_field(3, *e.backoff);
}
void write(pb::Writer& w, const ControlMessage& c) {
    write_repeated(w, 1, c.ihave);
    write_repeated(w, 2, c.iwant);
    write_repeated(w, 3, c.graft);
    write_repeated(w, 4, c.prune);
    write_repeated(w, 5, c.idontwant);
}
void write_signed_part(pb::Writer& w, const Message& m) {
    if (m.from) w.bytes_field(1, *m.from);
    if (m.data) w.bytes_field(2, *m.data);
    if (m.seqno) w.bytes_field(3, *m.seqno);
    write_topic(w, 4, m.topic);
}
void write_message(pb::Writer& w, const Message& m) {
    write_signed_part(w, m);
    if (m.signature) w.bytes_field(5, *m.signature);
    if (m.key) w.bytes_field(6, *m.key);
    if (m.hops) w.varint_field(7, pb::zigzag(*m.hops) & 0xffffffffu);
}

}  // namespace

bool operator==(const Rpc& a, const Rpc& b) {
    return a.subscriptions == b.subscriptions && a.control == b.control &&
           std::ranges::equal(a.messages, b.messages, [](const MessagePtr& x, const MessagePtr& y) {
               return x && y ? *x == *y : x == y;
           });
}

std::string_view describe(RpcError e) noexcept {
    switch (e) {
        case RpcError::kMalformed:
            return "malformed protobuf";
        case RpcError::kInvalidUtf8:
            return "string field is not UTF-8";
        case RpcError::kTooManySubscriptions:
            return "too many subscriptions in one RPC";
        case RpcError::kTooManyMessages:
            return "too many messages in one RPC";
        case RpcError::kTooManyControlEntries:
            return "too many control entries in one RPC";
        case RpcError::kTooManyMessageIds:
            return "too many message ids in one RPC";
        case RpcError::kTooManyPeers:
            return "too many peer-exchange entries in one RPC";
        case RpcError::kTopicTooLong:
            return "topic too long";
        case RpcError::kMessageIdTooLong:
            return "message id too long";
    }
    return "unknown RPC error";
}

std::expected<Rpc, RpcError> decode_rpc(ByteView bytes, const RpcLimits& limits) {
    return Decoder(limits).rpc(bytes);
}

std::expected<Message, RpcError> decode_message(ByteView bytes, const RpcLimits& limits) {
    return Decoder(limits).message(bytes);
}

std::size_t signed_part_size(const Message& m) noexcept {
    return opt_bytes_size(1, m.from) + opt_bytes_size(2, m.data) + opt_bytes_size(3, m.seqno) +
           topic_size(4, m.topic);
}

void encode_signed_part(Bytes& out, const Message& m) {
    pb::Writer w(out);
    write_signed_part(w, m);
}

std::size_t encoded_size(const Message& m) noexcept {
    return signed_part_size(m) + opt_bytes_size(5, m.signature) + opt_bytes_size(6, m.key) +
           (m.hops ? varint_field_size(7, pb::zigzag(*m.hops) & 0xffffffffu) : 0);
}

std::size_t encoded_size(const Rpc& rpc) noexcept {
    std::size_t s = repeated_size(1, rpc.subscriptions);
    for (const auto& m : rpc.messages) s += bytes_field_size(2, encoded_size(*m));
    if (rpc.control) s += bytes_field_size(3, payload_size(*rpc.control));
    return s;
}

void encode(Bytes& out, const Message& m) {
    pb::Writer w(out);
    write_message(w, m);
}

void encode(Bytes& out, const Rpc& rpc) {
    pb::Writer w(out);
    write_repeated(w, 1, rpc.subscriptions);
    for (const auto& m : rpc.messages) {
        w.begin_message(2, encoded_size(*m));
        write_message(w, *m);
    }
    if (rpc.control) {
        w.begin_message(3, payload_size(*rpc.control));
        write(w, *rpc.control);
    }
}

namespace {

/// Packs the items of an RPC greedily into frames of at most `max_size` encoded bytes.
class Splitter {
  public:
    explicit Splitter(std::size_t max_size) : max_size_(max_size), out_(1) {}

    /// Makes room for an item adding `outer` bytes outside the control field and `control`
    /// inside it; false when the item does not fit even in an empty frame.
    bool place(std::size_t outer, std::size_t control) {
        if (outer + (control > 0 ? bytes_field_size(3, control) : 0) > max_size_) return false;
        if (!fits(outer, control)) {
            out_.emplace_back();
            outer_ = control_ = 0;
        }
        outer_ += outer;
        control_ += control;
        return true;
    }
    Rpc& frame() { return out_.back(); }
    ControlMessage& control() { return frame().control ? *frame().control : frame().control.emplace(); }

    template <class T>
    void add_entries(std::vector<T>& entries, std::uint32_t field, std::vector<T> ControlMessage::* member) {
        for (auto& e : entries) {
            if (place(0, bytes_field_size(field, payload_size(e))))
                (control().*member).push_back(std::move(e));
        }
    }

    std::vector<Rpc> take() {
        if (out_.back().empty()) out_.pop_back();
        return std::move(out_);
    }

  private:
    bool fits(std::size_t outer, std::size_t control) const {
        const std::size_t c = control_ + control;
        return outer_ + outer + (c > 0 ? bytes_field_size(3, c) : 0) <= max_size_;
    }

    std::size_t max_size_;
    std::vector<Rpc> out_;
    std::size_t outer_{0};
    std::size_t control_{0};
};

}  // namespace

std::vector<Rpc> split_rpc(Rpc rpc, std::size_t max_size) {
    if (encoded_size(rpc) <= max_size) return {std::move(rpc)};
    Splitter split(max_size);
    for (auto& sub : rpc.subscriptions) {
        if (split.place(bytes_field_size(1, payload_size(sub)), 0))
            split.frame().subscriptions.push_back(std::move(sub));
    }
    for (auto& m : rpc.messages) {
        if (split.place(bytes_field_size(2, encoded_size(*m)), 0))
            split.frame().messages.push_back(std::move(m));
    }
    if (rpc.control) {
        auto& c = *rpc.control;
        split.add_entries(c.ihave, 1, &ControlMessage::ihave);
        split.add_entries(c.iwant, 2, &ControlMessage::iwant);
        split.add_entries(c.graft, 3, &ControlMessage::graft);
        split.add_entries(c.prune, 4, &ControlMessage::prune);
        split.add_entries(c.idontwant, 5, &ControlMessage::idontwant);
    }
    return split.take();
}

Bytes encode(const Rpc& rpc) {
    Bytes out;
    out.reserve(encoded_size(rpc));
    encode(out, rpc);
    return out;
}

}  // namespace kitsunet::p2p::pubsub
