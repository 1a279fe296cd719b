#pragma once
/// Verification of slices, and lookups in verified ones (DESIGN §4: verified or refused).
///
/// verify() accepts a slice only when: every node hashes to its reference (embedded ones equal
/// their parent's bytes); the stem links id.root to the head along id.prefix (or proves the prefix
/// empty) with nothing before, after or instead of a stem node; every node is reachable from the
/// head within id.depth levels, each listed once; every node referenced by hash within the depth is
/// present; no node lies beyond the depth; the trie is one of 32-byte keys (every leaf ends at
/// nibble 64, no branch holds a value); every leaf of a state slice is an account and every leaf of
/// a storage slice a canonical non-zero integer of at most 32 bytes; every code hashes to the code
/// hash of an account of the slice, each once.
/// Cost: one keccak-256 per node and per code, plus decoding; memory proportional to the slice.
#include <optional>
#include <vector>

#include "kitsunet/core/account.hpp"
#include "kitsunet/core/slice/hash_index.hpp"
#include "kitsunet/core/slice/slice.hpp"
#include "kitsunet/core/uint256.hpp"

namespace kitsunet::slice {

/// What a verified slice holds.
struct SliceStats {
    std::size_t nodes{0};      ///< stem + head (when hashed) + nodes
    std::size_t bytes{0};      ///< Slice::content_bytes()
    std::size_t leaves{0};     ///< keys under the prefix held within the depth
    std::size_t codes{0};      ///< code blobs carried
    std::size_t max_level{0};  ///< the deepest level holding a node (0: the head only)
    bool complete{true};       ///< whether the slice reaches every leaf (no subtree cut at the depth)
};

/// One key of a slice and its value.
struct SliceLeaf {
    Hash key;
    Bytes value;
};

/// A slice that verify() accepted. Immutable; const member functions are thread-safe.
class VerifiedSlice {
  public:
    const Slice& slice() const noexcept { return slice_; }
    const SliceId& id() const noexcept { return slice_.id; }
    const SliceStats& stats() const noexcept { return stats_; }

    /// The value of `key` (a raw trie key, e.g. keccak256(address)), proven present, or nullopt
    /// proven absent. Errors: kSliceOutside when `key` is not under the prefix; kMissingNode when
    /// the path leaves the slice at its depth (neither presence nor absence is proven).
    Result<std::optional<Bytes>> get(const Hash& key) const;
    /// The account at `key` of a state slice (errors as get(); an account is proven by the slice).
    Result<std::optional<Account>> account(const Hash& key) const;
    /// The storage value at `key` (keccak256(slot)) of a storage slice; absent slots are zero.
    Result<U256> storage(const Hash& key) const;
    /// The code with hash `code_hash` when the slice carries it.
    std::optional<ByteView> code(const Hash& code_hash) const;
    /// The eth_getProof node list of `key` (root first, embedded nodes left out), proving its
    /// presence or absence against id().root. Errors as get().
    Result<std::vector<Bytes>> proof(const Hash& key) const;
    /// The RLP of the node below the head with keccak-256 `hash`, or nullptr.
    const Bytes* find_node(const Hash& hash) const noexcept;
    /// Every key held (within the depth), in ascending order.
    std::vector<SliceLeaf> leaves() const;

    /// Gives the slice back (e.g. to store or send it).
    Slice release() && { return std::move(slice_); }

  private:
    friend Result<VerifiedSlice> verify(Slice slice);
    /// verify(), and also the slice's root must be `expected_root` (e.g. a header's state root).
    /// Errors: as verify(), kSliceWrongRoot.
    Result<VerifiedSlice> verify(Slice slice, const Hash& expected_root);
    VerifiedSlice() = default;

    Result<std::optional<Bytes>> walk_key(const Hash& key, std::vector<Bytes>* proof) const;

    Slice slice_;
    SliceStats stats_;
    std::size_t head_position_{0};  // nibble where the head starts (<= prefix length)
    bool head_hashed_{false};       // referenced by hash (else embedded in the last stem node)
    // slice_.nodes and slice_.codes by hash.
    detail::HashIndex node_index_;
    detail::HashIndex code_index_;
};

/// Verifies `slice` (see the top of this file). Errors name the first reason it fails:
/// kSliceInvalidId, kSliceBadHash, kSliceBadStem, kSliceNotEmpty, kSliceMissingNode,
/// kSliceDuplicate, kSliceExtraNode, kSliceTooDeep, kSliceMalformedTrie, kSliceBadValue,
/// kSliceExtraCode, kInvalidNode, kInvalidHexPrefix.
Result<VerifiedSlice> verify(Slice slice);
/// verify(), and also the slice's root must be `expected_root` (e.g. a header's state root).
/// Errors: as verify(), kSliceWrongRoot.
Result<VerifiedSlice> verify(Slice slice, const Hash& expected_root);

}  // namespace kitsunet::slice
