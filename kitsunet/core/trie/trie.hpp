#pragma once
/// An in-memory Merkle Patricia trie: insert, update, delete, get, and the root hash.
/// Node references are cached: root_hash() re-encodes and re-hashes only the nodes on paths
/// changed since the last call. For roots of keys that arrive already sorted, HashBuilder is faster.
/// Memory: the nodes live in an arena owned by the trie (a leaf holds its key and value in one
/// block); memory freed by erase() or by a value changing size is reused by later puts and
/// returned to the system when the trie is destroyed. Keys up to 2^31 bytes.
/// Thread-safety: none; even const calls may not overlap with root_hash() (it fills caches).
#include <cstddef>
#include <optional>
#include <vector>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/trie/arena.hpp"
#include "kitsunet/core/trie/node.hpp"
#include "kitsunet/core/trie/trie_node.hpp"

namespace kitsunet::trie {

class Trie {
  public:
    Trie();
    ~Trie();
    Trie(Trie&&) noexcept;
    Trie& operator=(Trie&&) noexcept;

    /// Sets the value of `key`; an empty `value` deletes the key (the trie has no empty values).
    void put(ByteView key, ByteView value);
    /// Deletes `key`; nothing happens when it is absent.
    void erase(ByteView key);
    /// The value of `key`, or nullopt when absent.
    std::optional<Bytes> get(ByteView key) const;

    /// The root hash (kEmptyRoot when empty). Recomputes only what changed since the last call.
    Hash root_hash();
    bool empty() const noexcept { return size_ == 0; }
    /// Number of keys.
    std::size_t size() const noexcept { return size_; }

    /// The RLP of each node on the path of `key`, root first, leaving out nodes embedded in their
    /// parent (the eth_getProof node list). Empty for the empty trie.
    std::vector<Bytes> proof(ByteView key);

  private:
    detail::NodeArena arena_;  // declared first: destroyed last
    detail::Child root_;
    std::size_t size_{0};
    Bytes encoding_;  // scratch for node encodings
};

/// A trie whose keys are keccak256(key) (the state and storage tries of Ethereum).
class SecureTrie {
  public:
    void put(ByteView key, ByteView value);
    void erase(ByteView key);
    std::optional<Bytes> get(ByteView key) const;
    Hash root_hash() { return trie_.root_hash(); }
    bool empty() const noexcept { return trie_.empty(); }
    std::size_t size() const noexcept { return trie_.size(); }
    /// The proof of keccak256(key) in the underlying trie.
    std::vector<Bytes> proof(ByteView key);

    /// The underlying trie, keyed by hashes.
    Trie& hashed() noexcept { return trie_; }

  private:
    Trie trie_;
};

}  // namespace kitsunet::trie
