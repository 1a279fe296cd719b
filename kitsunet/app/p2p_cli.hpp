#pragma once
/// What the p2p commands (`kitsunet node`, `kitsunet ping`) share: argument parsing into p2p
/// types and running a coroutine to its end on an io_context. Errors are CommandError (app
/// convention: usage errors exit 2).
#include <string>

#include <boost/asio/io_context.hpp>

#include "kitsunet/p2p/identity/keys.hpp"
#include "kitsunet/p2p/multiformats/multiaddr.hpp"
#include "kitsunet/p2p/net/task.hpp"

namespace kitsunet::app {

/// Parses `text`; a bad address is a usage error (exit 2) naming `what` and the reason.
p2p::Multiaddr parse_multiaddr(const std::string& text, const char* what);

/// The key in `key_file` (kitsunet keygen), or a new identity when it is empty.
p2p::PrivateKey load_or_generate_identity(const std::string& key_file);

/// Runs `task` on `io` until it ends, then stops `io` (whatever is left must not keep us);
/// rethrows the task's exception.
void run_to_end(boost::asio::io_context& io, p2p::Task<void> task);

}  // namespace kitsunet::app
