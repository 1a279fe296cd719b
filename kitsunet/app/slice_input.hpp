#pragma once
/// Slice files for the slice commands: our wire form (RLP, binary) or the original kitsunet's
/// eth_getSlice JSON (told apart by a leading '{'), and delta files (RLP). Nothing unverified leaves
/// here: load_slice verifies, and checks the JSON's leaf claims. Errors throw CommandError (exit 1)
/// with one line naming the file.
#include <optional>
#include <string>

#include "kitsunet/core/slice/delta.hpp"
#include "kitsunet/core/slice/verify.hpp"

namespace kitsunet::app {

/// Reads and verifies the slice in `path` ("-": standard input); also against `root` when given.
slice::VerifiedSlice load_slice(const std::string& path, const std::optional<Hash>& root = std::nullopt);

/// Reads the delta in `path` (structure only: applying it checks the rest).
slice::SliceDelta load_delta(const std::string& path);

/// Writes `data` to `path` ("-": standard output).
void write_output(const std::string& path, ByteView data);

/// What a verified slice holds, one "name: value" line each (id, nodes, bytes, accounts, …).
std::string describe_slice(const slice::VerifiedSlice& verified);

}  // namespace kitsunet::app
