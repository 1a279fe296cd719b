// bench_pubsub_node: one of our pubsub nodes for bench/run pubsub, driven by JSON lines on stdin
// exactly like test/js/pubsub_peer.mjs (same commands, same events, same benchmark payloads), so
// that the harness runs both implementations the same way.
//   bench_pubsub_node [--router gossipsub|floodsub|multicast]
// Commands: dial {addr}, subscribe {topic}, bench-publish {topic, tag, rate, size, count},
// collect {tag}, info {topic}, quit. Payloads: "KSB1", tag u8, seq u32 BE, send time f64 BE
// (CLOCK_MONOTONIC ns), padding; received ones are recorded as (seq, latency µs) per tag.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>

#include <unistd.h>

#include <bit>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <deque>
#include <map>
#include <string>

#include "kitsunet/p2p/net/task_group.hpp"
#include "kitsunet/p2p/net/timeout.hpp"
#include "kitsunet/p2p/pubsub/service.hpp"

namespace kitsunet::bench {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;
using p2p::Task;
using p2p::pubsub::PubSub;

double monotonic_ns() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

void out(const json::object& o) {
    const auto line = json::serialize(o);
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

Bytes payload(std::uint8_t tag, std::uint32_t seq, std::size_t size) {
    Bytes b(std::max<std::size_t>(size, 17), 0);
    std::memcpy(b.data(), "KSB1", 4);
    b[4] = tag;
    for (int i = 0; i < 4; ++i)
        b[5 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(seq >> (24 - 8 * i));
    const auto t = std::bit_cast<std::uint64_t>(monotonic_ns());
    for (int i = 0; i < 8; ++i)
        b[9 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(t >> (56 - 8 * i));
    return b;
}

class Node {
  public:
    Node(asio::io_context& io, p2p::pubsub::PubSubConfig config)
        : io_(io),
          host_(io.get_executor(), host_config()),
          pubsub_(host_, std::move(config)),
          tasks_(io.get_executor()) {}

    Task<void> run() {
        host_.listen();
        pubsub_.start();
        json::array addrs;
        for (const auto& a : host_.listen_addrs())
            addrs.push_back(json::value(p2p::with_peer_id(a, host_.id()).to_string()));
        out({{"event", "ready"}, {"peerId", host_.id().to_string()}, {"addrs", addrs}});
        asio::posix::stream_descriptor in(io_, ::dup(STDIN_FILENO));
        asio::streambuf buf;
        for (;;) {
            std::size_t n = 0;
            try {
                n = co_await asio::async_read_until(in, buf, '\n', asio::use_awaitable);
            } catch (const std::exception&) {
                break;  // stdin closed: the harness is gone
            }
            std::string line(asio::buffers_begin(buf.data()),
                             asio::buffers_begin(buf.data()) + static_cast<std::ptrdiff_t>(n));
            buf.consume(n);
            json::object c;
            try {
                c = json::parse(line).as_object();
            } catch (const std::exception&) {
                continue;
            }
            if (c.at("cmd").as_string() == "quit") break;
            handle(c);
        }
        co_await pubsub_.stop();
        tasks_.cancel();
        co_await tasks_.join();
        subscriptions_.clear();
        co_await host_.stop();
    }

  private:
    static p2p::HostConfig host_config() {
        p2p::HostConfig c;
        c.listen = {*p2p::Multiaddr::from_string("/ip4/127.0.0.1/tcp/0")};
        c.muxers = {"/yamux/1.0.0"};
        return c;
    }

    void handle(const json::object& c) {
        const auto cmd = c.at("cmd").as_string();
        if (cmd == "dial") {
            tasks_.spawn(dial(std::string(c.at("addr").as_string())), "dial");
        } else if (cmd == "subscribe") {
            subscriptions_.push_back(pubsub_.subscribe(std::string(c.at("topic").as_string())));
            tasks_.spawn(collect(subscriptions_.back()), "collect");
            out({{"event", "subscribed"}});
        } else if (cmd == "bench-publish") {
            tasks_.spawn(publish(std::string(c.at("topic").as_string()),
                                 static_cast<std::uint8_t>(c.at("tag").to_number<int>()),
                                 c.at("rate").to_number<double>(), c.at("size").to_number<std::size_t>(),
                                 c.at("count").to_number<std::uint32_t>()),
                         "publish");
        } else if (cmd == "collect") {
            const auto tag = static_cast<std::uint8_t>(c.at("tag").to_number<int>());
            json::array data;
            for (const auto v : latencies_[tag]) data.push_back(v);
            latencies_.erase(tag);
            out({{"event", "collected"}, {"tag", tag}, {"data", data}});
        } else if (cmd == "info") {
            const std::string topic(c.at("topic").as_string());
            const auto& stats = pubsub_.router().stats();
            std::size_t mesh = 0;
            if (auto* gs = dynamic_cast<p2p::pubsub::GossipsubRouter*>(&pubsub_.router()))
                mesh = gs->mesh_peers(topic).size();
            out({{"event", "info"},
                 {"peers", pubsub_.router().peer_count()},
                 {"subscribers", pubsub_.router().topic_peers(topic).size()},
                 {"mesh", mesh},
                 {"received", stats.received},
                 {"duplicates", stats.duplicates},
                 {"dropped_frames", pubsub_.dropped_frames()}});
        }
    }

    Task<void> dial(std::string addr) {
        try {
            co_await host_.dial(*p2p::Multiaddr::from_string(addr));
            out({{"event", "dialed"}, {"ok", true}});
        } catch (const std::exception& e) {
            out({{"event", "dialed"}, {"ok", false}, {"error", e.what()}});
        }
    }

    Task<void> collect(p2p::pubsub::Subscription& sub) {
        while (auto d = co_await sub.next()) {
            const auto& data = d->message->data;
            if (!data || data->size() < 17 || std::memcmp(data->data(), "KSB1", 4) != 0) continue;
            std::uint32_t seq = 0;
            std::uint64_t t = 0;
            for (int i = 0; i < 4; ++i) seq = (seq << 8) | (*data)[5 + static_cast<std::size_t>(i)];
            for (int i = 0; i < 8; ++i) t = (t << 8) | (*data)[9 + static_cast<std::size_t>(i)];
            const double latency_us = (monotonic_ns() - std::bit_cast<double>(t)) / 1e3;
            auto& v = latencies_[(*data)[4]];
            v.push_back(seq);
            v.push_back(static_cast<std::uint32_t>(std::max(0.0, latency_us)));
        }
    }

    Task<void> publish(std::string topic, std::uint8_t tag, double rate, std::size_t size,
                       std::uint32_t count) {
        const double t0 = monotonic_ns();
        std::uint32_t sent = 0;
        std::uint32_t failed = 0;
        while (sent < count) {
            const auto due = std::min<std::uint32_t>(
                count, static_cast<std::uint32_t>((monotonic_ns() - t0) / 1e9 * rate) + 1);
            for (; sent < due; ++sent) {
                if (!pubsub_.publish(topic, payload(tag, sent, size))) ++failed;
            }
            const double wait_ns = t0 + sent / rate * 1e9 - monotonic_ns();
            if (wait_ns > 0)
                co_await p2p::sleep_for(std::chrono::nanoseconds(static_cast<std::int64_t>(wait_ns)));
        }
        const double seconds = (monotonic_ns() - t0) / 1e9;
        out({{"event", "bench-published"},
             {"tag", tag},
             {"sent", sent},
             {"failed", failed},
             {"rate", sent / seconds}});
    }

    asio::io_context& io_;
    p2p::Host host_;
    PubSub pubsub_;
    p2p::TaskGroup tasks_;
    std::deque<p2p::pubsub::Subscription> subscriptions_;
    std::map<std::uint8_t, std::vector<std::uint32_t>> latencies_;
};

}  // namespace
}  // namespace kitsunet::bench

int main(int argc, char** argv) {
    using namespace kitsunet;
    spdlog::set_default_logger(spdlog::stderr_color_mt("node"));  // stdout is the JSON channel
    spdlog::set_level(spdlog::level::warn);
    p2p::pubsub::keep_large_buffers_on_heap();  // as kitsunet pubsub and kitsunet node do
    p2p::pubsub::PubSubConfig config;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::string(argv[i]) == "--router") {
            const auto kind = p2p::pubsub::parse_router_kind(argv[i + 1]);
            if (!kind) {
                std::fprintf(stderr, "bench_pubsub_node: unknown router %s\n", argv[i + 1]);
                return 2;
            }
            config.router = *kind;
        }
    }
    boost::asio::io_context io;
    bench::Node node(io, config);
    std::exception_ptr failure;
    boost::asio::co_spawn(io, node.run(), [&](std::exception_ptr e) { failure = e; });
    io.run();
    if (failure) {
        try {
            std::rethrow_exception(failure);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "bench_pubsub_node: %s\n", e.what());
            return 1;
        }
    }
    return 0;
}
