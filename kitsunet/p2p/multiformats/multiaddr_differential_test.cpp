// Differential test against @multiformats/multiaddr 13 (test/js/identity_oracle.mjs): random
// multiaddrs of every protocol both know read to the same bytes from text and to the same text
// from bytes in both implementations; non-canonical text forms read to the same bytes.
#include <gtest/gtest.h>

#include <random>

#include <boost/json.hpp>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/p2p/multiformats/multiaddr.hpp"
#include "kitsunet/p2p/multiformats/multibase.hpp"
#include "kitsunet/p2p/multiformats/multihash.hpp"
#include "kitsunet/p2p/multiformats/peer_id_format.hpp"
#include "kitsunet/testing/js_oracle.hpp"

namespace kitsunet::p2p {
namespace {

namespace json = boost::json;

class RandomMultiaddrs {
  public:
    explicit RandomMultiaddrs(std::uint64_t seed) : rng_(seed) {}

    /// 1..6 random components.
    Multiaddr next() {
        Multiaddr m;
        const std::size_t n = 1 + rng_() % 6;
        for (std::size_t i = 0; i < n; ++i) m = m.encapsulate(component());
        return m;
    }

    /// The same address in a text form that is not ours: ip6 uncompressed in uppercase, peer ids
    /// as CIDs, /ipfs for /p2p.
    std::string variant_text(const Multiaddr& m) {
        std::string out;
        for (const Component c : m) {
            if (c.protocol == Protocol::kIp6) {
                out += "/ip6/";
                for (std::size_t i = 0; i < 16; i += 2) {
                    static constexpr char kDigits[] = "0123456789ABCDEF";
                    if (i != 0) out += ':';
                    for (const std::uint8_t b : {c.value[i], c.value[i + 1]}) {
                        out += kDigits[b >> 4];
                        out += kDigits[b & 15];
                    }
                }
            } else if (c.protocol == Protocol::kP2p) {
                out += (rng_() % 2 ? "/ipfs/" : "/p2p/") + peer_id_to_cid_text(c.value);
            } else {
                out += c.to_string();
            }
        }
        return out;
    }

  private:
    Bytes random_bytes(std::size_t n) {
        Bytes b(n);
        for (auto& x : b) x = static_cast<std::uint8_t>(rng_());
        return b;
    }

    Bytes ip6() {
        Bytes b = random_bytes(16);
        // Runs of zero groups, so that "::" compression is exercised.
        const std::size_t start = rng_() % 8;
        const std::size_t length = rng_() % (9 - start);
        for (std::size_t g = start; g < start + length; ++g) b[2 * g] = b[2 * g + 1] = 0;
        if (rng_() % 4 == 0) b[2 * (rng_() % 8)] = 0;
        return b;
    }

    std::string host_name() {
        static constexpr std::string_view kChars = "abcdefghijklmnopqrstuvwxyz0123456789-._~%";
        std::string s;
        const std::size_t n = 1 + rng_() % 30;
        for (std::size_t i = 0; i < n; ++i) s += kChars[rng_() % kChars.size()];
        if (rng_() % 5 == 0) s += "\xc3\xa9\xe2\x82\xac";  // é€: UTF-8 names are allowed
        return s;
    }

    Bytes peer_id() {
        if (rng_() % 2) return encode_multihash(0x12, random_bytes(32));
        Bytes key{0x08, 0x01, 0x12, 0x20};
        const Bytes pub = random_bytes(32);
        key.insert(key.end(), pub.begin(), pub.end());
        return encode_multihash(0x00, key);
    }

    Multiaddr of(Protocol p, ByteView value) { return Multiaddr::from_component(p, value).value(); }

    Multiaddr component() {
        const std::uint64_t pick = rng_() % 24;
        switch (pick) {
            case 0:
                return of(Protocol::kIp4, random_bytes(4));
            case 1:
                return of(Protocol::kIp6, ip6());
            case 2:
                return of(Protocol::kTcp, random_bytes(2));
            case 3:
                return of(Protocol::kUdp, random_bytes(2));
            case 4:
                return of(Protocol::kDns, as_bytes(host_name()));
            case 5:
                return of(Protocol::kDns4, as_bytes(host_name()));
            case 6:
                return of(Protocol::kDns6, as_bytes(host_name()));
            case 7:
                return of(Protocol::kDnsAddr, as_bytes(host_name()));
            case 8:
                return of(Protocol::kSni, as_bytes(host_name()));
            case 9:
                return of(Protocol::kP2p, peer_id());
            case 10:
                return of(Protocol::kCertHash, encode_multihash(0x12, random_bytes(32)));
            case 11:
                return of(Protocol::kIp6Zone, as_bytes(host_name()));
            case 12:
                return of(Protocol::kIpCidr, random_bytes(1));
            case 13:
                return of(Protocol::kSctp, random_bytes(2));
            case 14:
                return of(Protocol::kDccp, random_bytes(2));
            default:
                break;
        }
        static constexpr Protocol kValueless[] = {
            Protocol::kWs,   Protocol::kWss,    Protocol::kTls,          Protocol::kP2pCircuit,
            Protocol::kQuic, Protocol::kQuicV1, Protocol::kWebTransport, Protocol::kNoise,
            Protocol::kHttp, Protocol::kHttps,  Protocol::kWebRtc,       Protocol::kWebRtcDirect};
        return of(kValueless[rng_() % std::size(kValueless)], {});
    }

    std::mt19937_64 rng_;
};

TEST(MultiaddrDifferential, RandomAddressesBothWays) {
    RandomMultiaddrs random(41);
    std::vector<Multiaddr> addrs;
    std::vector<std::string> variants;
    json::array texts, bytes;
    for (int i = 0; i < 1500; ++i) {
        addrs.push_back(random.next());
        variants.push_back(random.variant_text(addrs.back()));
        texts.emplace_back(addrs.back().to_string());
        bytes.emplace_back(to_hex(addrs.back().bytes()));
    }
    for (const auto& v : variants) texts.emplace_back(v);
    const json::value result = testing::run_js_oracle(
        "identity_oracle.mjs", json::object{{"multiaddrText", texts}, {"multiaddrBytes", bytes}});
    for (std::size_t i = 0; i < addrs.size(); ++i) {
        const std::string ours = addrs[i].to_string();
        const json::value& from_text = result.at("multiaddrText").at(i);
        const json::value& from_bytes = result.at("multiaddrBytes").at(i);
        const json::value& from_variant = result.at("multiaddrText").at(addrs.size() + i);
        ASSERT_TRUE(from_text.as_object().contains("bytes")) << ours << ": " << json::serialize(from_text);
        EXPECT_EQ(std::string_view(from_text.at("bytes").as_string()), to_hex(addrs[i].bytes())) << ours;
        EXPECT_EQ(std::string_view(from_text.at("text").as_string()), ours);
        ASSERT_TRUE(from_bytes.as_object().contains("text")) << ours << ": " << json::serialize(from_bytes);
        EXPECT_EQ(std::string_view(from_bytes.at("text").as_string()), ours);
        ASSERT_TRUE(from_variant.as_object().contains("bytes"))
            << variants[i] << ": " << json::serialize(from_variant);
        EXPECT_EQ(std::string_view(from_variant.at("bytes").as_string()), to_hex(addrs[i].bytes()))
            << variants[i];
        auto ours_from_variant = Multiaddr::from_string(variants[i]);
        ASSERT_TRUE(ours_from_variant) << variants[i];
        EXPECT_EQ(*ours_from_variant, addrs[i]) << variants[i];
    }
}

}  // namespace
}  // namespace kitsunet::p2p
