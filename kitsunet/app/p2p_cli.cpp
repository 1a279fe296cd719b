#include "kitsunet/app/p2p_cli.hpp"

#include <exception>

#include <boost/asio/co_spawn.hpp>

#include "kitsunet/app/commands.hpp"
#include "kitsunet/app/key_file.hpp"

namespace kitsunet::app {

p2p::Multiaddr parse_multiaddr(const std::string& text, const char* what) {
    auto addr = p2p::Multiaddr::from_string(text);
    if (!addr)
        throw CommandError{2, std::string("invalid ") + what + " '" + text +
                                  "': " + std::string(p2p::describe(addr.error()))};
    return *addr;
}

p2p::PrivateKey load_or_generate_identity(const std::string& key_file) {
    if (!key_file.empty()) return load_private_key(key_file);
    return p2p::PrivateKey::generate();
}

void run_to_end(boost::asio::io_context& io, p2p::Task<void> task) {
    std::exception_ptr error;
    boost::asio::co_spawn(io, std::move(task), [&](std::exception_ptr e) {
        error = e;
        io.stop();  // whatever is left (nothing, once the host has stopped) must not keep us here
    });
    io.run();
    if (error) std::rethrow_exception(error);
}

}  // namespace kitsunet::app
