// FrameWriter and FrameReader over a real loopback TCP connection.
#include <numeric>
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/system/system_error.hpp>

#include "kitsunet/p2p/net/frame_reader.hpp"
#include "kitsunet/p2p/net/frame_writer.hpp"
#include "kitsunet/p2p/net/mux_error.hpp"
#include "kitsunet/p2p/net/testing/loopback.hpp"

namespace kitsunet::p2p {
namespace {

using namespace boost::asio::experimental::awaitable_operators;
using testing::make_tcp_pair;
using testing::run_task;

std::vector<std::uint8_t> pattern(std::size_t n, std::uint8_t seed) {
    std::vector<std::uint8_t> v(n);
    std::iota(v.begin(), v.end(), seed);
    return v;
}

TEST(FrameWriter, ProducersInterleaveWholeFramesAndFlushWaitsForTheWire) {
    boost::asio::io_context io;
    auto pair = make_tcp_pair(io);
    FrameWriter writer(*pair.dialer, io.get_executor(), 4096);
    // Each producer writes 200 frames of [id, 250 bytes]; frames must arrive whole, in order per producer.
    auto producer = [&](std::uint8_t id) -> Task<void> {
        for (int i = 0; i < 200; ++i) {
            const std::uint8_t head[1] = {id};
            const auto body = pattern(250, static_cast<std::uint8_t>(i));
            co_await writer.wait_room(251);
            EXPECT_LE(writer.queued() + 251, 4096u + 251);
            writer.append(head, body);
        }
    };
    auto consumer = [&]() -> Task<void> {
        FrameReader reader(*pair.listener, 1024);
        int seen[3] = {0, 0, 0};
        while (seen[0] + seen[1] + seen[2] < 600) {
            EXPECT_TRUE(co_await reader.fill(251));
            const auto frame = reader.buffered().first(251);
            const std::uint8_t id = frame[0];
            EXPECT_LT(id, 3);
            EXPECT_EQ(std::vector<std::uint8_t>(frame.begin() + 1, frame.end()),
                      pattern(250, static_cast<std::uint8_t>(seen[id]++)));
            reader.consume(251);
        }
        EXPECT_FALSE(co_await reader.fill(1));  // the writer's FIN: a clean end between frames
    };
    auto produce_all = [&]() -> Task<void> {
        co_await (producer(0) && producer(1) && producer(2));
        co_await writer.flush();
        writer.stop(make_error_code(MuxErrc::session_closed));
        co_await pair.dialer->close_write();
    };
    run_task(io, (writer.run() && produce_all()) && consumer());
    EXPECT_THROW(run_task(io, writer.wait_room(1)), boost::system::system_error);
}

TEST(FrameReader, ReadsLargePayloadsStraightIntoTheQueueAndSkips) {
    boost::asio::io_context io;
    auto pair = make_tcp_pair(io);
    const auto big = pattern(1 << 20, 5);
    auto send = [&]() -> Task<void> {
        co_await pair.dialer->write_all(big);
        co_await pair.dialer->write_all(pattern(100, 0));
        co_await pair.dialer->close_write();
    };
    auto receive = [&]() -> Task<void> {
        FrameReader reader(*pair.listener);
        ByteQueue queue;
        co_await reader.skip(10);
        co_await reader.read_into(queue, big.size() - 10);
        std::vector<std::uint8_t> got(queue.size());
        queue.read(got);
        EXPECT_TRUE(std::equal(got.begin(), got.end(), big.begin() + 10));
        co_await reader.skip(50);
        EXPECT_TRUE(co_await reader.fill(50));
        EXPECT_EQ(reader.buffered()[0], 50);
        reader.consume(50);
        EXPECT_FALSE(co_await reader.fill(1));
    };
    run_task(io, send() && receive());
}

TEST(FrameReader, EndOfStreamInsideAFrameIsAProtocolError) {
    boost::asio::io_context io;
    auto pair = make_tcp_pair(io);
    auto send = [&]() -> Task<void> {
        co_await pair.dialer->write_all(pattern(5, 0));
        co_await pair.dialer->close_write();
    };
    auto receive = [&]() -> Task<void> {
        FrameReader reader(*pair.listener);
        try {
            co_await reader.fill(12);
            ADD_FAILURE() << "fill() returned at a truncated frame";
        } catch (const boost::system::system_error& e) {
            EXPECT_EQ(e.code(), MuxErrc::protocol_error);
        }
    };
    run_task(io, send() && receive());
}

}  // namespace
}  // namespace kitsunet::p2p
