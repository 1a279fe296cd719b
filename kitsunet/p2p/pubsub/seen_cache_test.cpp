#include <gtest/gtest.h>

#include "kitsunet/p2p/pubsub/message_cache.hpp"
#include "kitsunet/p2p/pubsub/seen_cache.hpp"

namespace kitsunet::p2p::pubsub {
namespace {

using namespace std::chrono_literals;
const TimePoint t0 = TimePoint{} + 1h;

TEST(SeenCache, RemembersForItsTtlOnly) {
    SeenCache seen(10s, 100);
    EXPECT_TRUE(seen.insert("a", t0).second);
    EXPECT_FALSE(seen.insert("a", t0 + 1s).second);  // a second insert does not extend the TTL
    EXPECT_TRUE(seen.insert("b", t0 + 5s).second);
    seen.expire(t0 + 10s - 1ns);
    EXPECT_TRUE(seen.contains("a"));
    seen.expire(t0 + 10s);
    EXPECT_FALSE(seen.contains("a"));
    EXPECT_TRUE(seen.contains("b"));
    EXPECT_TRUE(seen.insert("a", t0 + 11s).second);  // expired keys are new again
    seen.expire(t0 + 1h);
    EXPECT_EQ(seen.size(), 0u);
}

TEST(SeenCache, CapacityDropsTheOldestFirst) {
    SeenCache seen(1h, 3);
    for (const char* k : {"a", "b", "c", "d"}) seen.insert(k, t0);
    EXPECT_EQ(seen.size(), 3u);
    EXPECT_FALSE(seen.contains("a"));
    EXPECT_TRUE(seen.contains("d"));
}

TEST(SeenCache, StaysSmallUnderAFloodOfIds) {
    SeenCache seen(1s, 1 << 20);
    for (int i = 0; i < 200000; ++i) seen.insert(std::to_string(i), t0 + std::chrono::microseconds(100 * i));
    // 200,000 ids over 20 s with a 1 s TTL: about 10,000 alive.
    EXPECT_LE(seen.size(), 10001u);
    EXPECT_GE(seen.size(), 9999u);
}

TEST(TimedCache, KeepsAValuePerKey) {
    TimedCache<int> c(1s, 10);
    *c.insert("x", t0, 1).first += 5;
    EXPECT_EQ(*c.find("x"), 6);
    EXPECT_EQ(c.find("y"), nullptr);
}

MessagePtr message(const char* topic) {
    auto m = std::make_shared<Message>();
    m->topic = topic;
    return m;
}

TEST(MessageCache, GossipsTheRecentWindowsAndForgetsTheOld) {
    MessageCache mc(3, 2);
    mc.put("1", message("a"));
    mc.shift();
    mc.put("2", message("a"));
    mc.put("3", message("b"));
    auto ids = mc.gossip_ids();
    EXPECT_EQ(ids["a"], (std::vector<MessageId>{"2", "1"}));
    EXPECT_EQ(ids["b"], (std::vector<MessageId>{"3"}));
    mc.shift();
    EXPECT_EQ(mc.gossip_ids()["a"], (std::vector<MessageId>{"2"}));  // "1" is past the gossip windows
    EXPECT_TRUE(mc.contains("1"));                                   // but still answers IWANT
    mc.shift();
    EXPECT_FALSE(mc.contains("1"));
    EXPECT_EQ(mc.size(), 2u);
}

TEST(MessageCache, CountsIwantsPerPeer) {
    MessageCache mc(3, 3);
    mc.put("1", message("a"));
    const auto peer = *PeerId::from_string("12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA");
    EXPECT_EQ(mc.get_for_peer("1", peer).second, 1u);
    EXPECT_EQ(mc.get_for_peer("1", peer).second, 2u);
    EXPECT_EQ(mc.get_for_peer("2", peer).first, nullptr);
}

}  // namespace
}  // namespace kitsunet::p2p::pubsub
