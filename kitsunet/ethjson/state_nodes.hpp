#pragma once
/// A state file's tries as nodes by hash (the source slices are cut from): the state trie, every
/// account's storage trie, and contract code. Thread-safe (no shared state).
#include "kitsunet/core/slice/node_source.hpp"
#include "kitsunet/ethjson/state_file.hpp"

namespace kitsunet::ethjson {

/// Adds the nodes of `file`'s state trie, of each account's storage trie and its code to `nodes`;
/// returns the state root.
Hash add_state_nodes(const StateFile& file, slice::NodeMap& nodes);

}  // namespace kitsunet::ethjson
