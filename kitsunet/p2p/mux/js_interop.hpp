#pragma once
// Test-only: interop of a muxer with its js-libp2p implementation (js_interop_test.cpp, peer
// test/js/muxer_peer.mjs), run by each muxer's interop test binary:
// INSTANTIATE_TEST_SUITE_P(Name, MuxerJsInterop, Values(JsMuxer{...})).
#include <ostream>
#include <string>

#include <gtest/gtest.h>

#include "kitsunet/p2p/net/testing/session_pair.hpp"

namespace kitsunet::p2p::mux::testing {

struct JsMuxer {
    std::string js_name;                   ///< muxer_peer.mjs's name for it: "yamux", "mplex"
    p2p::testing::SessionFactory factory;  ///< makes our session (as the listener)
    std::size_t streams;                   ///< streams we open at once (js-mplex drops a peer that
                                           ///< opens more than 5 a second)
    /// Bytes on each stream js opens; on its last one, and on our first, 16 times as many. (An
    /// echo of more than the 4 MiB an mplex reader may buffer can be reset: no flow control.)
    std::size_t bytes;

    friend std::ostream& operator<<(std::ostream& os, const JsMuxer& m) { return os << m.js_name; }
};

class MuxerJsInterop : public ::testing::TestWithParam<JsMuxer> {};

}  // namespace kitsunet::p2p::mux::testing
