// Yamux against js-libp2p's (@chainsafe/libp2p-yamux): the shared interop test, mux/js_interop_test.cpp.
#include "kitsunet/p2p/mux/js_interop.hpp"
#include "kitsunet/p2p/yamux/test_support.hpp"

namespace kitsunet::p2p::yamux {
namespace {

using mux::testing::JsMuxer;
using mux::testing::MuxerJsInterop;

INSTANTIATE_TEST_SUITE_P(Yamux, MuxerJsInterop,
                         ::testing::Values(JsMuxer{"yamux", testing::factory(), 8, 1 << 20}),
                         [](const auto& param_info) { return param_info.param.js_name; });

}  // namespace
}  // namespace kitsunet::p2p::yamux
