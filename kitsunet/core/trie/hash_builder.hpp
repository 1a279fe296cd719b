#pragma once
/// A streaming trie root builder for keys added in strictly ascending order: it keeps only the
/// open branches on the path of the last key (each as the RLP of its children sealed so far) and
/// hashes each subtree as soon as a later key proves it complete, so memory stays proportional to
/// the key length, not the number of keys; once warm it allocates nothing per key.
/// Gives the same roots as Trie. Thread-safety: none (one builder per thread).
#include <cstdint>
#include <functional>
#include <vector>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/trie/node.hpp"

namespace kitsunet::trie {

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
    struct Level;  // an open branch on the path of the pending key (hash_builder.cpp)

    bool ascends(ByteView key, std::size_t common) const noexcept;
    void keep_pending(ByteView key, ByteView value);
    void hang_below(std::size_t common);
    NodeRef fold(std::ptrdiff_t floor);
    std::size_t start_above(std::ptrdiff_t floor) const noexcept;
    NodeRef seal_leaf(std::size_t start);
    NodeRef seal_branch(Level& level, std::size_t start);
    NodeRef seal(ByteView rlp, std::size_t path_length);
    ByteView path_of_pending(std::size_t length);
    void put_child(Level& level, const NodeRef& child) noexcept;
    Level& open_level(std::size_t depth);

    std::vector<Level> levels_;  // levels_[0, open_) are the open branches, shallowest first
    std::size_t open_{0};
    Bytes key_;  // the pending key: the last one with a value, its leaf not sealed yet
    bool has_key_{false};
    Bytes leaf_;  // the pending leaf's value item at [leaf_at_, leaf_end_), room for the rest before
    std::size_t leaf_at_{0};
    std::size_t leaf_end_{0};
    Bytes skipped_key_;  // a key after key_ that had an empty value, for the ordering check
    bool skipped_{false};
    bool finished_{false};
    Hash root_hash_{};
    Nibbles path_;  // key_ unpacked, for the sink, when path_ready_
    bool path_ready_{false};
    Bytes encoding_;  // scratch for branches with values and extensions
    NodeSink sink_;
};

}  // namespace kitsunet::trie
