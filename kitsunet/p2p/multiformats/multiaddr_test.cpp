// Multiaddr: binary/text vectors (multiformats/go-multiaddr's tests), strictness, component access,
// encapsulation.
#include "kitsunet/p2p/multiformats/multiaddr.hpp"

#include <gtest/gtest.h>

#include <unordered_set>

#include "kitsunet/core/hex.hpp"

namespace kitsunet::p2p {
namespace {

Multiaddr ma(std::string_view text) {
    auto m = Multiaddr::from_string(text);
    EXPECT_TRUE(m) << text << ": " << (m ? "" : describe(m.error()));
    return m ? *m : Multiaddr{};
}

TEST(Multiaddr, TextToBinaryVectors) {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"/ip4/127.0.0.1/udp/1234", "047f000001910204d2"},
        {"/ip4/127.0.0.1/tcp/4321", "047f0000010610e1"},
        {"/ip4/127.0.0.1/udp/1234/ip4/127.0.0.1/tcp/4321", "047f000001910204d2047f0000010610e1"},
        {"/ip6zone/eth0/ip6/::1",
         "2a046574683029"
         "00000000000000000000000000000001"},
        {"/ip4/1.2.3.4/tcp/80/ws", "0401020304060050dd03"},
        {"/dns4/example.com/tcp/443/wss", "360b6578616d706c652e636f6d0601bbde03"},
        {"/ip4/127.0.0.1/udp/1234/quic-v1", "047f000001910204d2cd03"},
        {"/p2p-circuit", "a202"},
        {"/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N",
         "a503221220"
         "9dff3b17d74cf4d38a50d8b6383e92d181a10395a5e73a726dcccbd21bf6f0b9"},
    };
    for (const auto& [text, hex] : cases) {
        const Multiaddr m = ma(text);
        EXPECT_EQ(to_hex(m.bytes()), hex) << text;
        EXPECT_EQ(m.to_string(), text);
        auto back = Multiaddr::from_bytes(*from_hex(hex));
        ASSERT_TRUE(back) << hex;
        EXPECT_EQ(*back, m);
    }
}

TEST(Multiaddr, AcceptsGoodAddresses) {
    // go-multiaddr's "good" list, restricted to the protocols we know.
    for (const std::string_view text : {
             "/ip4/1.2.3.4",
             "/ip4/0.0.0.0",
             "/ip4/192.0.2.0/ipcidr/24",
             "/ip6/::1",
             "/ip6/2601:9:4f81:9700:803e:ca65:66e8:c21",
             "/ip6/2601:9:4f81:9700:803e:ca65:66e8:c21/udp/1234/quic",
             "/ip6/2601:9:4f81:9700:803e:ca65:66e8:c21/udp/1234/quic-v1",
             "/ip6/2001:db8::/ipcidr/32",
             "/ip6zone/x/ip6/fe80::1",
             "/ip6zone/x%y/ip6/fe80::1",
             "/ip6zone/x%y/ip6/::",
             "/udp/0",
             "/tcp/0",
             "/sctp/0",
             "/udp/65535",
             "/tcp/65535",
             "/ipfs/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC",
             "/ipfs/k2k4r8oqamigqdo6o7hsbfwd45y70oyynp98usk7zmyfrzpqxh1pohl7",
             "/p2p/bafzbeigvf25ytwc3akrijfecaotc74udrhcxzh2cx3we5qqnw5vgrei4bm",
             "/p2p/12D3KooWCryG7Mon9orvQxcS1rYZjotPgpwoJNHHKcLLfE4Hf5mV",
             "/p2p/k51qzi5uqu5dhb6l8spkdx7yxafegfkee5by8h7lmjh2ehc2sgg34z7c15vzqs",
             "/p2p/bafzaajaiaejcalj543iwv2d7pkjt7ykvefrkfu7qjfi6sduakhso4lay6abn2d5u",
             "/udp/1234/sctp/1234",
             "/tcp/1234/http",
             "/tcp/1234/tls/http",
             "/tcp/1234/https",
             "/ip4/127.0.0.1/tcp/1234/",
             "/ip4/127.0.0.1/udp/1234/quic-v1/webtransport/certhash/b2uaraocy6yrdblb4sfptaddgimjmmpy",
             "/ip4/127.0.0.1/udp/1234/quic-v1/webtransport/certhash/b2uaraocy6yrdblb4sfptaddgimjmmpy/"
             "certhash/"
             "zQmbWTwYGcmdyK9CYfNBcfs9nhZs17a6FQ4Y8oea278xx41",
             "/ip4/127.0.0.1/p2p/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC/tcp/1234",
             "/ip4/127.0.0.1/tcp/127/tls/ws",
             "/ip4/127.0.0.1/tcp/127/noise",
             "/ip4/127.0.0.1/tcp/127/webrtc-direct",
             "/ip4/127.0.0.1/tcp/127/webrtc",
             "/ip4/127.0.0.1/tcp/443/tls/sni/example.com/http",
             "/",
         }) {
        auto m = Multiaddr::from_string(text);
        ASSERT_TRUE(m) << text << ": " << describe(m.error());
        // Whatever form was read, the canonical text reads back to the same bytes.
        auto again = Multiaddr::from_string(m->to_string());
        ASSERT_TRUE(again) << m->to_string();
        EXPECT_EQ(*again, *m) << text;
    }
}

TEST(Multiaddr, RejectsBadText) {
    const std::pair<std::string_view, CodecError> cases[] = {
        {"", CodecError::kInvalidMultiaddrText},
        {"ip4/1.2.3.4", CodecError::kInvalidMultiaddrText},
        {"/ip4", CodecError::kInvalidMultiaddrText},
        {"/ip4/", CodecError::kInvalidMultiaddrText},
        {"/ip4/::1", CodecError::kInvalidComponentValue},
        {"/ip4/fdpsofodsajfdoisa", CodecError::kInvalidComponentValue},
        {"/ip4/1.2.3.4//tcp/1", CodecError::kInvalidMultiaddrText},
        {"//", CodecError::kInvalidMultiaddrText},
        {"/ip4/::/ipcidr/256", CodecError::kInvalidComponentValue},
        {"/ip6", CodecError::kInvalidMultiaddrText},
        {"/ip6zone", CodecError::kInvalidMultiaddrText},
        {"/ip6zone/", CodecError::kInvalidMultiaddrText},
        {"/ip6zone//ip6/fe80::1", CodecError::kInvalidMultiaddrText},
        {"/udp", CodecError::kInvalidMultiaddrText},
        {"/tcp", CodecError::kInvalidMultiaddrText},
        {"/udp/65536", CodecError::kInvalidComponentValue},
        {"/tcp/65536", CodecError::kInvalidComponentValue},
        {"/tcp/-1", CodecError::kInvalidComponentValue},
        {"/tcp/080", CodecError::kInvalidComponentValue},
        {"/tcp/+80", CodecError::kInvalidComponentValue},
        {"/quic/65536", CodecError::kUnknownProtocol},  // quic takes no value: "65536" is a name
        {"/ip4/127.0.0.1/quic-v1/1234", CodecError::kUnknownProtocol},
        {"/ip4/127.0.0.1/udp/jfodsajfidosajfoidsa", CodecError::kInvalidComponentValue},
        {"/ip4/127.0.0.1/udp", CodecError::kInvalidMultiaddrText},
        {"/ip4/127.0.0.1/ipfs", CodecError::kInvalidMultiaddrText},
        {"/ip4/127.0.0.1/p2p/tcp", CodecError::kInvalidPeerId},
        {"/p2p/QmxoHT6iViN5xAjoz1VZ553cL31U9F94ht3QvWR1FrEbZY",
         CodecError::kInvalidPeerId},  // 33-byte sha256
        {"/p2p/k2k4r8oqamigqdo6o7hsbfwd45y70oyynp98usk7zmyfrzpqxh1pohl-", CodecError::kInvalidPeerId},
        {"/p2p/?unknownmultibase", CodecError::kInvalidPeerId},
        {"/p2p/k2jmtxwoe2phm1hbqp0e7nufqf6umvuu2e9qd7ana7h411a0haqj6i2z", CodecError::kWrongCodec},
        {"/ip4/127.0.0.1/udp/1234/quic-v1/webtransport/certhash", CodecError::kInvalidMultiaddrText},
        {"/ip4/127.0.0.1/udp/1234/quic-v1/webtransport/certhash/b2uaraocy6yrdblb4sfptaddgimjmmp",
         CodecError::kInvalidComponentValue},
        {"/unix/a/b", CodecError::kUnknownProtocol},
        {"/memory/4", CodecError::kUnknownProtocol},
        {"/onion/timaq4ygg2iegci7:1234", CodecError::kUnknownProtocol},
    };
    for (const auto& [text, error] : cases) {
        auto m = Multiaddr::from_string(text);
        ASSERT_FALSE(m) << text;
        EXPECT_EQ(m.error(), error) << text << ": " << describe(m.error());
    }
}

TEST(Multiaddr, RejectsBadBinary) {
    const std::pair<std::string_view, CodecError> cases[] = {
        {"04010203", CodecError::kTruncated},                // ip4 of 3 bytes
        {"0601", CodecError::kTruncated},                    // tcp of 1 byte
        {"3500", CodecError::kInvalidComponentValue},        // empty dns name
        {"35022f61", CodecError::kInvalidComponentValue},    // '/' in a dns name
        {"3502ff61", CodecError::kInvalidComponentValue},    // not UTF-8
        {"3503c0af61", CodecError::kInvalidComponentValue},  // overlong UTF-8
        {"3503eda080", CodecError::kInvalidComponentValue},  // UTF-8 surrogate
        {"35", CodecError::kTruncated},                      // no length
        {"350561", CodecError::kTruncated},                  // length beyond the input
        {"358001", CodecError::kTruncated},                  // length 128, 0 bytes follow
        {"3580006161", CodecError::kVarintNonMinimal},       // non-minimal length
        {"840100", CodecError::kTruncated},                  // sctp (code 0x84, 2 bytes): 1 byte of 2
        {"8400", CodecError::kVarintNonMinimal},             // non-minimal code
        {"00", CodecError::kUnknownProtocol},
        {"ff7f", CodecError::kUnknownProtocol},
        {"a50300", CodecError::kInvalidPeerId},  // p2p: 3 bytes that are no multihash
        {"a503221221c05877cbae039d70a5e600ea02c6f9f2942439285c9e344e26f8d280c850fad6",
         CodecError::kInvalidPeerId},                    // go-multiaddr's bad p2p bytes
        {"d20300", CodecError::kInvalidComponentValue},  // certhash: empty
    };
    for (const auto& [hex, error] : cases) {
        auto m = Multiaddr::from_bytes(*from_hex(hex));
        ASSERT_FALSE(m) << hex;
        EXPECT_EQ(m.error(), error) << hex << ": " << describe(m.error());
    }
    EXPECT_TRUE(Multiaddr::from_bytes({}));  // the empty multiaddr
}

TEST(Multiaddr, CanonicalTextForms) {
    EXPECT_EQ(ma("/ipfs/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC").to_string(),
              "/p2p/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC");
    EXPECT_EQ(ma("/p2p/bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe").to_string(),
              "/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
    EXPECT_EQ(ma("/ip6/2001:DB8:0:0:0:0:0:1/tcp/1").to_string(), "/ip6/2001:db8::1/tcp/1");
    EXPECT_EQ(ma("/ip4/1.2.3.4/tcp/80/").to_string(), "/ip4/1.2.3.4/tcp/80");
    EXPECT_EQ(ma("/certhash/uEiDDq4_xNyDorZBH3TlGazyJdOWSwvo4PUo5YHFMrvDE8g").to_string(),
              "/certhash/uEiDDq4_xNyDorZBH3TlGazyJdOWSwvo4PUo5YHFMrvDE8g");
    EXPECT_EQ(ma("/certhash/b2uaraocy6yrdblb4sfptaddgimjmmpy").to_string(),
              "/certhash/u1QEQOFj2IjCsPJFfMAxmQxLGPw");
    EXPECT_EQ(ma("/").to_string(), "/");
    EXPECT_TRUE(ma("/").empty());
}

TEST(Multiaddr, ComponentAccess) {
    const Multiaddr m =
        ma("/ip4/10.0.0.1/tcp/4001/p2p/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC/p2p-circuit/p2p/"
           "12D3KooWCryG7Mon9orvQxcS1rYZjotPgpwoJNHHKcLLfE4Hf5mV");
    EXPECT_EQ(m.size(), 5u);
    EXPECT_EQ(m.ip4(), (std::array<std::uint8_t, 4>{10, 0, 0, 1}));
    EXPECT_EQ(m.tcp_port(), 4001);
    EXPECT_FALSE(m.udp_port());
    EXPECT_FALSE(m.ip6());
    EXPECT_FALSE(m.dns_name());
    EXPECT_TRUE(m.has(Protocol::kP2pCircuit));
    EXPECT_FALSE(m.has(Protocol::kWs));
    ASSERT_TRUE(m.p2p());  // the last /p2p: the relayed peer, not the relay
    EXPECT_EQ(Multiaddr::from_component(Protocol::kP2p, *m.p2p())->to_string(),
              "/p2p/12D3KooWCryG7Mon9orvQxcS1rYZjotPgpwoJNHHKcLLfE4Hf5mV");
    EXPECT_EQ(m.first(Protocol::kP2p)->to_string(), "/p2p/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC");
    std::vector<Protocol> protocols;
    for (const Component c : m) protocols.push_back(c.protocol);
    EXPECT_EQ(protocols, (std::vector{Protocol::kIp4, Protocol::kTcp, Protocol::kP2p, Protocol::kP2pCircuit,
                                      Protocol::kP2p}));

    const Multiaddr d = ma("/dns6/example.com/udp/53/ip6/::1");
    EXPECT_EQ(d.dns_name(), "example.com");
    EXPECT_EQ(d.udp_port(), 53);
    EXPECT_EQ(d.ip6()->back(), 1);
}

TEST(Multiaddr, FromComponentValidates) {
    EXPECT_EQ(Multiaddr::from_component(Protocol::kTcp, *from_hex("0050"))->to_string(), "/tcp/80");
    EXPECT_EQ(Multiaddr::from_component(Protocol::kWs, {})->to_string(), "/ws");
    EXPECT_EQ(Multiaddr::from_component(Protocol::kTcp, *from_hex("00")).error(),
              CodecError::kInvalidComponentValue);
    EXPECT_EQ(Multiaddr::from_component(Protocol::kDns, as_bytes("a/b")).error(),
              CodecError::kInvalidComponentValue);
    EXPECT_EQ(Multiaddr::from_component(Protocol::kP2p, *from_hex("1220")).error(),
              CodecError::kInvalidPeerId);
    EXPECT_EQ(Multiaddr::from_component(static_cast<Protocol>(0x99), {}).error(),
              CodecError::kUnknownProtocol);
}

TEST(Multiaddr, EncapsulateDecapsulate) {
    const Multiaddr base = ma("/ip4/127.0.0.1/udp/1234");
    const Multiaddr both = base.encapsulate(ma("/udp/5678"));
    EXPECT_EQ(both.to_string(), "/ip4/127.0.0.1/udp/1234/udp/5678");
    EXPECT_EQ(both.decapsulate(ma("/udp/5678")), base);
    EXPECT_TRUE(base.decapsulate(ma("/ip4/127.0.0.1")).empty());
    // go-multiaddr's decapsulation table: the last occurrence, at a component boundary only.
    const std::tuple<std::string_view, std::string_view, std::string_view> cases[] = {
        {"/ip4/1.2.3.4/tcp/1234", "/ip4/1.2.3.4", "/"},
        {"/ip4/1.2.3.4", "/ip4/1.2.3.4/tcp/1234", "/ip4/1.2.3.4"},
        {"/ip4/1.2.3.5/tcp/1234", "/ip4/5.3.2.1", "/ip4/1.2.3.5/tcp/1234"},
        {"/ip4/1.2.3.5/udp/1234/quic-v1", "/udp/1234", "/ip4/1.2.3.5"},
        {"/ip4/1.2.3.6/udp/1234/quic-v1", "/udp/1234/quic-v1", "/ip4/1.2.3.6"},
        {"/ip4/1.2.3.7/tcp/1234", "/ws", "/ip4/1.2.3.7/tcp/1234"},
        {"/dnsaddr/wss.com/tcp/4001", "/ws", "/dnsaddr/wss.com/tcp/4001"},
        {"/dnsaddr/wss.com/tcp/4001/ws", "/wss", "/dnsaddr/wss.com/tcp/4001/ws"},
        {"/dnsaddr/wss.com/ws", "/dnsaddr/wss.com", "/"},
        {"/dnsaddr/wss.com/tcp/4001/wss", "/wss", "/dnsaddr/wss.com/tcp/4001"},
        {"/ip4/1.2.3.4/tcp/1/ip4/1.2.3.4/tcp/2", "/ip4/1.2.3.4", "/ip4/1.2.3.4/tcp/1"},
        // bytes of "/tcp/2" occur inside the dns name, not at a boundary
        {"/dns/a\x06"
         "\x02/tcp/2",
         "/tcp/2", "/dns/a\x06\x02"},
    };
    for (const auto& [left, right, expected] : cases)
        EXPECT_EQ(ma(left).decapsulate(ma(right)).to_string(), expected) << left << " - " << right;
    EXPECT_EQ(base.decapsulate(Multiaddr{}), base);
    EXPECT_EQ(ma("/ip4/1.2.3.4/tcp/1/p2p-circuit/p2p/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC")
                  .decapsulate(Protocol::kP2pCircuit)
                  .to_string(),
              "/ip4/1.2.3.4/tcp/1");
    EXPECT_EQ(base.decapsulate(Protocol::kWs), base);
}

TEST(Multiaddr, OrderingAndHashing) {
    std::unordered_set<Multiaddr> set{ma("/ip4/1.2.3.4/tcp/1"), ma("/ip4/1.2.3.4/tcp/1/"),
                                      ma("/ip4/1.2.3.4/tcp/2")};
    EXPECT_EQ(set.size(), 2u);
    EXPECT_LT(ma("/ip4/1.2.3.4"), ma("/ip4/1.2.3.5"));
}

TEST(ProtocolTable, NamesAndCodes) {
    EXPECT_EQ(protocol_info("quic-v1")->protocol, Protocol::kQuicV1);
    EXPECT_EQ(protocol_info("ipfs")->protocol, Protocol::kP2p);
    EXPECT_EQ(protocol_info(std::uint64_t{0x01a5})->name, "p2p");
    EXPECT_EQ(protocol_info("nope"), nullptr);
    EXPECT_EQ(protocol_info(std::uint64_t{0x1'0000'0004}), nullptr);
}

}  // namespace
}  // namespace kitsunet::p2p
