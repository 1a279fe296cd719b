// bench/run identity [--ops N] [--trials T]: ns per operation of the identity/multiformats hot
// paths (multiaddr text/binary parsing, peer id text, Ed25519 sign/verify) for kitsunet and for
// js-libp2p (bench/identity_js.mjs), alternating within every trial; medians and ratios.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "kitsunet/p2p/identity/peer_id.hpp"

namespace kitsunet::bench {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view kPeerIdText = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq";
const std::string kAddrText = "/ip4/127.0.0.1/tcp/4001/p2p/" + std::string(kPeerIdText);

std::size_t sink = 0;  // results feed it, so the work cannot be optimised away

template <class F>
double ns_per_op(std::size_t ops, F&& f) {
    for (std::size_t i = 0; i < std::min<std::size_t>(ops, 1000); ++i) sink += f();  // warm-up
    const auto t0 = Clock::now();
    for (std::size_t i = 0; i < ops; ++i) sink += f();
    return std::chrono::duration<double, std::nano>(Clock::now() - t0).count() / static_cast<double>(ops);
}

using Figures = std::map<std::string, double>;

Figures run_ours(std::size_t ops) {
    using namespace p2p;
    const Multiaddr addr = *Multiaddr::from_string(kAddrText);
    const Bytes addr_bytes(addr.bytes().begin(), addr.bytes().end());
    const PeerId id = *PeerId::from_string(kPeerIdText);
    const PrivateKey key = PrivateKey::generate();
    const Bytes message(256, 7);
    const Bytes signature = key.sign(message);
    return {
        {"multiaddr_from_text",
         ns_per_op(ops, [&] { return Multiaddr::from_string(kAddrText)->bytes().size(); })},
        {"multiaddr_from_bytes",
         ns_per_op(ops, [&] { return Multiaddr::from_bytes(addr_bytes)->to_string().size(); })},
        {"peer_id_from_text",
         ns_per_op(ops, [&] { return PeerId::from_string(kPeerIdText)->bytes().size(); })},
        {"peer_id_to_text", ns_per_op(ops, [&] { return id.to_string().size(); })},
        {"ed25519_sign", ns_per_op(ops / 20, [&] { return key.sign(message).size(); })},
        {"ed25519_verify",
         ns_per_op(ops / 20,
                   [&] { return static_cast<std::size_t>(key.public_key().verify(message, signature)); })},
    };
}

std::optional<Figures> run_js(std::size_t ops) {
    const std::filesystem::path js = std::filesystem::path(KITSUNET_SOURCE_DIR) / "test/js";
    if (!std::filesystem::is_directory(js / "node_modules")) {
        std::fprintf(stderr, "bench identity: %s/node_modules missing: (cd test/js && npm install)\n",
                     js.c_str());
        return std::nullopt;
    }
    const std::string cmd = "cd '" + js.string() +
                            "' && node --import ./polyfill.mjs ../../bench/identity_js.mjs " +
                            std::to_string(ops) + " '" + kAddrText + "' '" + std::string(kPeerIdText) + "'";
    FILE* pipe = popen(cmd.c_str(), "r");
    if (pipe == nullptr) return std::nullopt;
    std::string out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
    if (pclose(pipe) != 0) {
        std::fprintf(stderr, "bench identity: identity_js.mjs failed: %s\n", out.c_str());
        return std::nullopt;
    }
    Figures f;
    const boost::json::value parsed = boost::json::parse(out);
    for (const auto& [name, value] : parsed.as_object()) f[name] = value.to_number<double>();
    return f;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace
}  // namespace kitsunet::bench

int main(int argc, char** argv) {
    using namespace kitsunet::bench;
    std::size_t ops = 200000;
    int trials = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--ops") ops = static_cast<std::size_t>(std::atol(argv[i + 1]));
        if (flag == "--trials") trials = std::atoi(argv[i + 1]);
    }
    std::map<std::string, std::vector<double>> ours, js;
    for (int t = 0; t < trials; ++t) {
        for (const auto& [name, ns] : run_ours(ops)) ours[name].push_back(ns);
        if (auto f = run_js(ops / 10))  // js is slower: fewer operations give the same trial time
            for (const auto& [name, ns] : *f) js[name].push_back(ns);
    }
    std::printf("%-22s %12s %14s %8s\n", "operation (ns/op)", "kitsunet", "js-libp2p", "ratio");
    std::string ratios;
    for (const auto& [name, values] : ours) {
        const double a = median(values);
        const double b = js[name].empty() ? 0 : median(js[name]);
        std::printf("%-22s %12.0f %14.0f %7.1fx\n", name.c_str(), a, b, b / a);
        ratios += " " + name + "=" + std::to_string(b / a).substr(0, 5) + "x";
    }
    std::printf("ratios js-libp2p/kitsunet (higher is faster here; %d trials):%s\n", trials, ratios.c_str());
    return kitsunet::bench::sink == 0 ? 1 : 0;
}
