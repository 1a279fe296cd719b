// The RPC codec against its schema: libprotobuf (generated from rpc.proto) is the reference for
// both encoding (byte for byte) and decoding (what it accepts and what it reads).
#include <gtest/gtest.h>

#include <random>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/p2p/pubsub/rpc.hpp"
#include "kitsunet/p2p/pubsub/rpc_reference.hpp"

namespace kitsunet::p2p::pubsub {
namespace {

class RandomRpc {
  public:
    explicit RandomRpc(std::uint64_t seed) : rng_(seed) {}

    Rpc rpc() {
        Rpc r;
        for (auto n = below(4); n-- > 0;) r.subscriptions.push_back({coin(), topic()});
        for (auto n = below(4); n-- > 0;) r.messages.push_back(std::make_shared<const Message>(message()));
        if (coin()) r.control = control();
        return r;
    }

  private:
    std::size_t below(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }
    bool coin() { return below(2) == 1; }
    Bytes bytes(std::size_t max) {
        Bytes b(below(max + 1));
        for (auto& x : b) x = static_cast<std::uint8_t>(below(256));
        return b;
    }
    std::optional<Bytes> maybe_bytes(std::size_t max) {
        return coin() ? std::optional(bytes(max)) : std::nullopt;
    }
    TopicId topic() {
        static constexpr std::string_view kTopics[] = {"", "a", "/kitsunet/1/headers", "τοπικό", "x/🦊"};
        return TopicId(kTopics[below(std::size(kTopics))]);
    }
    MessageId id() {
        const auto b = bytes(48);
        return {b.begin(), b.end()};
    }
    std::vector<MessageId> ids() {
        std::vector<MessageId> v(below(5));
        for (auto& x : v) x = id();
        return v;
    }
    Message message() {
        Message m;
        m.from = maybe_bytes(40);
        m.data = maybe_bytes(300);
        m.seqno = maybe_bytes(8);
        m.topic = topic();
        m.signature = maybe_bytes(64);
        m.key = maybe_bytes(36);
        if (coin()) m.hops = static_cast<std::int32_t>(below(7)) - 1;
        return m;
    }
    ControlMessage control() {
        ControlMessage c;
        for (auto n = below(3); n-- > 0;) c.ihave.push_back({topic(), ids()});
        for (auto n = below(3); n-- > 0;) c.iwant.push_back({ids()});
        for (auto n = below(3); n-- > 0;) c.graft.push_back({topic()});
        for (auto n = below(3); n-- > 0;) {
            ControlPrune p{topic(), {}, {}};
            for (auto k = below(3); k-- > 0;) p.peers.push_back({bytes(38), maybe_bytes(100)});
            if (coin()) p.backoff = below(1000);
            c.prune.push_back(std::move(p));
        }
        for (auto n = below(3); n-- > 0;) c.idontwant.push_back({ids()});
        return c;
    }

    std::mt19937_64 rng_;
};

Bytes proto_bytes(const Rpc& rpc) {
    std::string s;
    EXPECT_TRUE(reference::to_proto(rpc).SerializeToString(&s));
    return {s.begin(), s.end()};
}

TEST(PubsubRpc, EncodesByteForByteAsLibprotobuf) {
    RandomRpc gen(1);
    for (int i = 0; i < 2000; ++i) {
        const Rpc rpc = gen.rpc();
        const Bytes ours = encode(rpc);
        ASSERT_EQ(ours.size(), encoded_size(rpc));
        ASSERT_EQ(ours, proto_bytes(rpc)) << "case " << i;
    }
}

TEST(PubsubRpc, DecodesWhatItEncodes) {
    RandomRpc gen(2);
    for (int i = 0; i < 2000; ++i) {
        const Rpc rpc = gen.rpc();
        const auto back = decode_rpc(encode(rpc));
        ASSERT_TRUE(back) << describe(back.error());
        ASSERT_EQ(*back, rpc) << "case " << i;
    }
}

// Random corruptions of valid encodings: accepted exactly when libprotobuf accepts them, with the
// same content.
TEST(PubsubRpc, AgreesWithLibprotobufOnCorruptedInput) {
    RandomRpc gen(3);
    std::mt19937_64 rng(4);
    int accepted = 0;
    for (int i = 0; i < 20000; ++i) {
        Bytes b = encode(gen.rpc());
        if (b.empty()) continue;
        for (auto n = rng() % 3 + 1; n-- > 0;) {
            const std::size_t at = rng() % b.size();
            switch (rng() % 3) {
                case 0:
                    b[at] = static_cast<std::uint8_t>(rng());
                    break;
                case 1:
                    b.resize(at);
                    break;
                default:
                    b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), static_cast<std::uint8_t>(rng()));
            }
            if (b.empty()) break;
        }
        const auto ours = decode_rpc(b, reference::unbounded_limits());
        const auto theirs = reference::parse(b);
        ASSERT_EQ(ours.has_value(), theirs.has_value()) << "case " << i << ": " << to_hex(b);
        if (ours) {
            ASSERT_EQ(*ours, *theirs) << "case " << i;
            ++accepted;
        }
    }
    EXPECT_GT(accepted, 1000);  // the corruptions exercise both outcomes
}

Bytes hex_bytes(std::string_view h) { return *from_hex(h); }

TEST(PubsubRpc, SkipsUnknownFieldsGroupsAndUnexpectedWireTypes) {
    // subscriptions{subscribe: true, topic: "t"}, then field 9 (varint), field 10 (fixed64),
    // field 11 (group with a nested varint), field 2 sent as a varint (wrong type: skipped).
    const auto rpc =
        decode_rpc(hex_bytes("0a050801120174"
                             "4801"
                             "510102030405060708"
                             "5b08015c"
                             "1005"));
    ASSERT_TRUE(rpc);
    ASSERT_EQ(rpc->subscriptions.size(), 1u);
    EXPECT_TRUE(rpc->subscriptions[0].subscribe);
    EXPECT_EQ(rpc->subscriptions[0].topic, "t");
    EXPECT_TRUE(rpc->messages.empty());
}

TEST(PubsubRpc, RejectsMalformedInput) {
    for (const auto* h : {"0a",                        // truncated length
                          "0a05080112",                // length past the end
                          "08",                        // truncated varint
                          "08ffffffffffffffffffff01",  // 11-byte varint
                          "5b0801",                    // group without its end
                          "5c",                        // end group without a start
                          "0f",                        // wire type 7
                          "00"}) {                     // field number 0
        const auto rpc = decode_rpc(hex_bytes(h));
        ASSERT_FALSE(rpc) << h;
        EXPECT_EQ(rpc.error(), RpcError::kMalformed) << h;
    }
    // A topic that is not UTF-8 (an overlong '/').
    const auto rpc = decode_rpc(hex_bytes("0a041202c0af"));
    ASSERT_FALSE(rpc);
    EXPECT_EQ(rpc.error(), RpcError::kInvalidUtf8);
    // The longest varint protobuf accepts (10 bytes) is fine.
    EXPECT_TRUE(decode_rpc(hex_bytes("08ffffffffffffffffff01")));
}

TEST(PubsubRpc, MergesRepeatedControlAndKeepsTheLastScalar) {
    Rpc a;
    a.control.emplace().graft.push_back({"a"});
    Rpc b;
    b.control.emplace().prune.push_back({"b", {}, 60});
    Bytes both = encode(a);
    const Bytes second = encode(b);
    both.insert(both.end(), second.begin(), second.end());
    const auto rpc = decode_rpc(both);
    ASSERT_TRUE(rpc && rpc->control);
    EXPECT_EQ(rpc->control->graft.size(), 1u);
    ASSERT_EQ(rpc->control->prune.size(), 1u);
    EXPECT_EQ(rpc->control->prune[0].backoff, 60u);
    // Message{seqno: 01, seqno: 02}: the last wins.
    const auto m = decode_message(hex_bytes("1a01011a0102"));
    ASSERT_TRUE(m && m->seqno);
    EXPECT_EQ(*m->seqno, Bytes{2});
}

TEST(PubsubRpc, HopsAreZigzagSint32) {
    Message m;
    m.hops = -1;
    Bytes out;
    encode(out, m);
    EXPECT_EQ(to_hex(out), "3801");
    m.hops = 2;
    out.clear();
    encode(out, m);
    EXPECT_EQ(to_hex(out), "3804");
    EXPECT_EQ(decode_message(hex_bytes("3803"))->hops, -2);
}

void expect_error(const std::expected<Rpc, RpcError>& r, RpcError e) {
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), e) << describe(r.error());
}

TEST(PubsubRpc, EnforcesLimits) {
    RpcLimits limits;
    limits.max_subscriptions = 2;
    limits.max_messages = 1;
    limits.max_control_entries = 2;
    limits.max_message_ids = 3;
    limits.max_px_peers = 1;
    limits.max_topic_length = 4;
    limits.max_message_id_length = 2;

    Rpc subs;
    for (int i = 0; i < 3; ++i) subs.subscriptions.push_back({true, "t"});
    expect_error(decode_rpc(encode(subs), limits), RpcError::kTooManySubscriptions);

    Rpc msgs;
    for (int i = 0; i < 2; ++i) msgs.messages.push_back(std::make_shared<const Message>());
    expect_error(decode_rpc(encode(msgs), limits), RpcError::kTooManyMessages);

    Rpc entries;
    entries.control.emplace().graft = {{"a"}, {"b"}, {"c"}};
    expect_error(decode_rpc(encode(entries), limits), RpcError::kTooManyControlEntries);

    Rpc ids;
    ids.control.emplace().iwant = {{{"1", "2"}}, {{"3", "4"}}};
    expect_error(decode_rpc(encode(ids), limits), RpcError::kTooManyMessageIds);

    Rpc long_id;
    long_id.control.emplace().idontwant = {{{"123"}}};
    expect_error(decode_rpc(encode(long_id), limits), RpcError::kMessageIdTooLong);

    Rpc peers;
    peers.control.emplace().prune = {{"a", {{Bytes{1}, {}}, {Bytes{2}, {}}}, {}}};
    expect_error(decode_rpc(encode(peers), limits), RpcError::kTooManyPeers);

    Rpc long_topic;
    long_topic.subscriptions.push_back({true, "12345"});
    expect_error(decode_rpc(encode(long_topic), limits), RpcError::kTopicTooLong);
}

void append(Rpc& to, const Rpc& from) {
    to.subscriptions.insert(to.subscriptions.end(), from.subscriptions.begin(), from.subscriptions.end());
    to.messages.insert(to.messages.end(), from.messages.begin(), from.messages.end());
    if (!from.control || from.control->empty()) return;
    auto& c = to.control ? *to.control : to.control.emplace();
    const auto& f = *from.control;
    c.ihave.insert(c.ihave.end(), f.ihave.begin(), f.ihave.end());
    c.iwant.insert(c.iwant.end(), f.iwant.begin(), f.iwant.end());
    c.graft.insert(c.graft.end(), f.graft.begin(), f.graft.end());
    c.prune.insert(c.prune.end(), f.prune.begin(), f.prune.end());
    c.idontwant.insert(c.idontwant.end(), f.idontwant.begin(), f.idontwant.end());
}

TEST(PubsubRpc, SplitsIntoFramesWithinTheLimitKeepingEverything) {
    RandomRpc gen(5);
    for (int i = 0; i < 1000; ++i) {
        const Rpc rpc = gen.rpc();
        if (rpc.empty()) continue;
        // Every item of these RPCs encodes in under 600 bytes, so none is dropped.
        const std::size_t limit = 600 + static_cast<std::size_t>(i);
        const auto frames = split_rpc(rpc, limit);
        if (encoded_size(rpc) <= limit) {
            ASSERT_EQ(frames.size(), 1u);
        }
        Rpc joined;
        for (const auto& f : frames) {
            ASSERT_LE(encoded_size(f), limit);
            ASSERT_FALSE(f.empty());
            append(joined, f);
        }
        Rpc expected;
        append(expected, rpc);
        ASSERT_EQ(joined, expected) << "case " << i;
    }
}

TEST(PubsubRpc, SplittingDropsOnlyWhatFitsNoFrame) {
    Rpc rpc;
    auto big = std::make_shared<Message>();
    big->data = Bytes(1000);
    rpc.messages = {big, std::make_shared<const Message>()};
    rpc.subscriptions = {{true, "t"}};
    const auto frames = split_rpc(rpc, 100);
    ASSERT_EQ(frames.size(), 1u);
    EXPECT_EQ(frames[0].subscriptions.size(), 1u);
    EXPECT_EQ(frames[0].messages.size(), 1u);
}

}  // namespace
}  // namespace kitsunet::p2p::pubsub
