#pragma once
// Test-only: the behaviour every MuxedSession must show (conformance_test.cpp), run against each
// muxer by its own test binary: INSTANTIATE_TEST_SUITE_P(Name, MuxerConformance, Values(muxer)).
#include <ostream>
#include <string>

#include <gtest/gtest.h>

#include "kitsunet/p2p/net/testing/session_pair.hpp"
#include "kitsunet/p2p/net/testing/streams.hpp"

namespace kitsunet::p2p::mux::testing {

struct MuxerUnderTest {
    std::string name;
    p2p::testing::SessionFactory factory;
    /// Bytes the listener must take for a protocol violation when they arrive between frames.
    p2p::testing::Bytes violation;

    friend std::ostream& operator<<(std::ostream& os, const MuxerUnderTest& m) { return os << m.name; }
};

class MuxerConformance : public ::testing::TestWithParam<MuxerUnderTest> {};

}  // namespace kitsunet::p2p::mux::testing
