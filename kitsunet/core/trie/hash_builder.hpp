#pragma once
/// A streaming trie root builder for keys added in strictly ascending order: it keeps only the
/// nodes on the path of the last key and hashes each subtree as soon as a later key proves it
/// complete, so memory stays proportional to the key length, not the number of keys.
/// Gives the same roots as Trie. Thread-safety: none (one builder per thread).
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/trie/node.hpp"

namespace kitsunet::trie {

struct BuilderNode;  // internal to hash_builder.cpp
enum class BuilderKind : std::uint8_t;

class HashBuilder {
  public:
    /// Receives every node the builder hashes (RLP of 32 bytes or more, and the root whatever its
    /// size): its nibble path from the root, its hash and its RLP. Views are valid during the call.
    using NodeSink = std::function<void(ByteView path, const Hash& hash, ByteView rlp)>;

    HashBuilder();
    ~HashBuilder();
    HashBuilder(HashBuilder&&) noexcept;
    HashBuilder& operator=(HashBuilder&&) noexcept;

    /// Reports hashed nodes to `sink` from now on.
    void set_node_sink(NodeSink sink) { sink_ = std::move(sink); }

    /// Adds a key. Preconditions (checked, abort on violation): `key` is strictly greater
    /// (bytewise) than every key added before, and root() has not been called. An empty `value`
    /// is skipped (a trie has no empty values).
    void add(ByteView key, ByteView value);

    /// The root hash of everything added (kEmptyRoot when nothing was). Ends the build: later
    /// calls return the same hash; add() is no longer allowed.
    Hash root();

  private:
    using NodePtr = std::unique_ptr<BuilderNode>;

    void insert(NodePtr& slot, std::size_t depth, ByteView value);
    void split(NodePtr& slot, std::size_t depth, ByteView value, std::size_t common);
    NodeRef seal(NodePtr node);
    NodePtr make(BuilderKind kind);
    void recycle(NodePtr node);

    NodePtr root_;
    std::vector<NodePtr> pool_;  // finished nodes, reused to spare allocations
    Nibbles key_;                // the nibbles of the key being added
    Bytes last_key_;             // the previous key, for the ordering check
    bool has_last_{false};
    bool finished_{false};
    Hash root_hash_{};
    Nibbles path_;    // position of the node being sealed
    Bytes encoding_;  // RLP of the node being sealed
    NodeSink sink_;
};

}  // namespace kitsunet::trie
