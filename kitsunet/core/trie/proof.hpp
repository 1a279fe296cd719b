#pragma once
/// Merkle proofs in the eth_getProof form: the RLP of every node on a key's path, root first,
/// without the nodes embedded in their parents.
#include <optional>
#include <span>
#include <vector>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/error.hpp"
#include "kitsunet/core/trie/trie.hpp"

namespace kitsunet::trie {

/// The proof of `key` in `trie` (of its presence, or of its absence). Empty for the empty trie.
std::vector<Bytes> create_proof(Trie& trie, ByteView key);
/// The proof of keccak256(key) in a secure trie.
std::vector<Bytes> create_proof(SecureTrie& trie, ByteView key);

/// Checks `proof` against `root` for `key` (the raw trie key: hash it first for secure tries).
/// An embedded node may also appear in `proof` at its place in the path (as @ethereumjs/mpt
/// lists them); it is then skipped, being already authenticated by its parent.
/// Returns the value when the proof shows `key` present, nullopt when it shows `key` absent (a
/// leaf or extension whose path diverges from the key, an empty branch slot, a branch without a
/// value, or the empty root with an empty proof).
/// Errors: kBadProof when a node does not hash to its reference or nodes are left over,
/// kMissingNode when the proof ends before the path does, kInvalidNode / kInvalidHexPrefix when a
/// node does not decode. Pure and thread-safe; never trusts a length in `proof`.
Result<std::optional<Bytes>> verify_proof(const Hash& root, ByteView key, std::span<const Bytes> proof);

}  // namespace kitsunet::trie
