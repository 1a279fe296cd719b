// A Yamux session fed arbitrary bytes by its peer (see mux_fuzz_support.hpp).
#include <cstdint>

#include "kitsunet/p2p/yamux/session.hpp"
#include "mux_fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kitsunet::p2p::yamux;
    auto input = kitsunet::fuzz::split_input(data, size);
    if (!input) return 0;
    boost::asio::io_context io;
    Config config;
    config.keepalive_interval = std::chrono::milliseconds(0);
    config.ping_timeout = std::chrono::milliseconds(0);
    config.close_timeout = std::chrono::milliseconds(1);
    YamuxSession session(std::move(input->peer), input->how & 1 ? Role::dialer : Role::listener,
                         io.get_executor(), config);
    kitsunet::fuzz::drive(io, session, input->how);
    return 0;
}
