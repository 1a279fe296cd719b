// An mplex session fed arbitrary bytes by its peer (see mux_fuzz_support.hpp).
#include <cstdint>

#include "kitsunet/p2p/mplex/session.hpp"
#include "mux_fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kitsunet::p2p::mplex;
    auto input = kitsunet::fuzz::split_input(data, size);
    if (!input) return 0;
    boost::asio::io_context io;
    Config config;
    config.close_timeout = std::chrono::milliseconds(1);
    config.max_stream_buffer = 1000 + input->how * 1000u;  // small enough to be reached
    MplexSession session(std::move(input->peer), io.get_executor(), config);
    kitsunet::fuzz::drive(io, session, input->how);
    return 0;
}
