#pragma once
/// Where slices are cut from: trie nodes by hash, and contract code by code hash. The cutter only
/// needs this lookup, so the same code cuts from memory (NodeMap) and from a store (RocksDB, in
/// the store module). NodeMap is the in-memory source, filled from HashBuilder's node sink.
#include <optional>
#include <span>
#include <unordered_map>
#include <utility>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/error.hpp"
#include "kitsunet/core/trie/hash_builder.hpp"

namespace kitsunet::slice {

/// Read access to trie nodes and code. Implementations decide their own thread-safety; the
/// cutter calls them from one thread.
class NodeSource {
  public:
    virtual ~NodeSource() = default;
    /// The RLP of the node whose keccak-256 is `hash`. Errors: kMissingNode when the source lacks
    /// it; an implementation may return other errors (they reach the cutter's caller unchanged).
    virtual Result<Bytes> node(const Hash& hash) const = 0;
    /// The code whose keccak-256 is `code_hash`, or nullopt when the source has none.
    virtual std::optional<Bytes> code(const Hash& code_hash) const;
};

/// A hasher for keccak-256 hashes of trusted data (their first bytes are uniform enough).
struct HashHasher {
    std::size_t operator()(const Hash& h) const noexcept;
};

/// Trie nodes and code held in memory. Not thread-safe for writes; concurrent reads are fine.
class NodeMap final : public NodeSource {
  public:
    Result<Bytes> node(const Hash& hash) const override;
    std::optional<Bytes> code(const Hash& code_hash) const override;

    /// Adds a node under keccak256(rlp) (a node that exists already is kept).
    void put_node(ByteView rlp);
    /// Adds a node under a hash its producer already computed. Precondition: hash == keccak256(rlp).
    void put_node(const Hash& hash, ByteView rlp);
    /// Adds code under keccak256(code) (empty code is never stored).
    void put_code(ByteView code);

    /// A sink for HashBuilder::set_node_sink that stores every node it hashes.
    trie::HashBuilder::NodeSink sink();

    std::size_t node_count() const noexcept { return nodes_.size(); }
    std::size_t code_count() const noexcept { return codes_.size(); }

  private:
    std::unordered_map<Hash, Bytes, HashHasher> nodes_;
    std::unordered_map<Hash, Bytes, HashHasher> codes_;
};

/// Builds the trie of `entries` (keys strictly ascending, values non-empty) into `map` and returns
/// its root. Precondition (checked): keys ascend strictly.
Hash add_trie(NodeMap& map, std::span<const std::pair<Hash, Bytes>> entries);

}  // namespace kitsunet::slice
