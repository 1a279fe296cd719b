// Yamux through the muxer conformance suite (mux/conformance_test.cpp), plus its stream ids.
#include <gtest/gtest.h>

#include "kitsunet/p2p/mux/conformance.hpp"
#include "kitsunet/p2p/yamux/test_support.hpp"

namespace kitsunet::p2p::yamux {
namespace {

using namespace testing;
using mux::testing::MuxerConformance;

Bytes version_one_frame() {
    Bytes bad = frame(FrameType::data, 0, 1, 0);
    bad[0] = 1;
    return bad;
}

INSTANTIATE_TEST_SUITE_P(Yamux, MuxerConformance,
                         ::testing::Values(mux::testing::MuxerUnderTest{"yamux", factory(),
                                                                        version_one_frame()}),
                         [](const auto& param_info) { return param_info.param.name; });

TEST(YamuxSession, TheDialerOpensOddIdsAndTheListenerEvenOnes) {
    SessionPair p(factory());
    EXPECT_EQ(p.dialer->protocol(), "/yamux/1.0.0");
    auto scenario = [&]() -> Task<void> {
        for (std::uint64_t i = 0; i < 3; ++i) {
            auto a = co_await p.dialer->open_stream();
            auto b = co_await p.listener->open_stream();
            EXPECT_EQ(a->id(), 2 * i + 1);
            EXPECT_EQ(b->id(), 2 * i + 2);
            co_await a->write_all(Bytes(1, 1));
            co_await b->write_all(Bytes(1, 2));
            EXPECT_EQ((co_await p.listener->accept_stream())->id(), a->id());
            EXPECT_EQ((co_await p.dialer->accept_stream())->id(), b->id());
        }
    };
    p.run(scenario());
}

}  // namespace
}  // namespace kitsunet::p2p::yamux
