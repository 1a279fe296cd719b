// mplex against js-libp2p's (@libp2p/mplex): the shared interop test, mux/js_interop_test.cpp.
#include "kitsunet/p2p/mux/js_interop.hpp"
#include "kitsunet/p2p/mplex/test_support.hpp"

namespace kitsunet::p2p::mplex {
namespace {

using mux::testing::JsMuxer;
using mux::testing::MuxerJsInterop;

INSTANTIATE_TEST_SUITE_P(Mplex, MuxerJsInterop,
                         ::testing::Values(JsMuxer{"mplex", testing::factory(), 4, 128 * 1024}),
                         [](const auto& param_info) { return param_info.param.js_name; });

}  // namespace
}  // namespace kitsunet::p2p::mplex
