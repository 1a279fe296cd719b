#pragma once
/// Private key files: a serialized libp2p PrivateKey protobuf (what go-libp2p and js-libp2p
/// store), written with mode 0600. Reading also accepts the same bytes as hex text (what
/// `kitsunet keygen` prints when it has no --out). Errors are CommandError (exit code 1) with a
/// one-line message that names the file.
#include <string>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/p2p/identity/keys.hpp"

namespace kitsunet::app {

/// Writes `data` to `path` with mode 0600, durably (fsync). Refuses an existing `path` unless
/// `overwrite`; then replaces it atomically (a temporary file beside it, renamed over it).
void write_secret_file(const std::string& path, ByteView data, bool overwrite);

/// Reads a private key from `path` ("-": standard input). Warns on stderr when the file can be
/// read by its group or others.
p2p::PrivateKey load_private_key(const std::string& path);

}  // namespace kitsunet::app
