#pragma once
/// The node's persistent store (DESIGN §2 `store`), on RocksDB: trie nodes by hash, slices by id
/// and by group (the latest root of each prefix), block headers by hash and by number.
///
/// Contract:
/// - Verified or refused: put_slice stores only slices that verify (slice::verify); nothing of a
///   refused slice is written.
/// - Whole or not at all: a slice (record, new nodes and codes, reference counts, indexes, totals)
///   is one RocksDB WriteBatch, written to the WAL before put_slice returns. After a crash of the
///   process at any moment, every slice is there whole or absent; nothing is lost. After an OS crash
///   or power loss, the newest writes may be lost (unless Options::sync), never part of one: RocksDB
///   recovers a consistent prefix of the batches (point-in-time WAL recovery).
/// - Nodes and codes are shared between slices and counted: each is stored once, with the number
///   of stored slices that reference it, and deleted with the last of them.
/// - Pruning: prune(head) removes the slices stored with a block number at least
///   `prune_window` below `head`, except the latest slice of each group (what the node still
///   serves until a newer one replaces it). remove_slice drops one slice now.
/// - Quota: `usage` (the size of every key and value the store holds, totals aside) never exceeds
///   Options::quota_bytes: a put that would exceed it is refused with kQuotaExceeded and writes
///   nothing. RocksDB's files may take more or less room on disk than `usage` (compression,
///   compaction); stats() reports both.
/// - Thread-safety: every member function may be called from any thread concurrently. Writes
///   (put_*, remove_slice, prune) are serialized by a mutex; reads never wait for them and see
///   each slice whole (they read from one RocksDB snapshot).
/// Errors come back as values (store::Error); nothing throws across this API.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kitsunet/core/header.hpp"
#include "kitsunet/core/slice/node_source.hpp"
#include "kitsunet/core/slice/verify.hpp"

namespace kitsunet::store {

enum class StoreErrc : std::uint8_t {
    kIo,             ///< RocksDB could not read or write (message says why)
    kCorrupt,        ///< stored bytes do not decode or do not match what refers to them
    kIncompatible,   ///< the directory holds another format (or is not a store)
    kQuotaExceeded,  ///< the write would take the store past its quota
    kRefused,        ///< the slice or header does not verify (`cause` says why)
};

struct Error {
    StoreErrc code;
    std::string message;
    Errc cause{Errc::kInvalidArgument};  ///< for kRefused and kCorrupt: the decoder's or verifier's error
};

/// A short, stable description of an error kind.
std::string_view describe(StoreErrc e) noexcept;

template <class T>
using StoreResult = std::expected<T, Error>;
using StoreStatus = std::expected<void, Error>;

struct Options {
    std::uint64_t quota_bytes{0};     ///< the most `usage` may reach; 0: no quota
    std::uint64_t prune_window{128};  ///< blocks of history kept below the head (at least 1)
    bool sync{false};                 ///< fsync the WAL on every write (else only on sync_wal())
    bool create_if_missing{true};
    bool read_only{false};                     ///< open for reading only (writes fail with kIo)
    std::size_t block_cache_bytes{32u << 20};  ///< RocksDB block cache shared by the tables
};

/// The latest slice of a group (a prefix, depth and trie owner at any root).
struct LatestSlice {
    slice::SliceId id;
    std::uint64_t number{0};  ///< the block number it was stored with
};

struct Stats {
    std::uint64_t slices{0};
    std::uint64_t nodes{0};
    std::uint64_t codes{0};
    std::uint64_t headers{0};
    std::uint64_t usage_bytes{0};  ///< what the quota bounds
    std::uint64_t quota_bytes{0};  ///< 0: none
    std::uint64_t disk_bytes{0};   ///< RocksDB's table and log files
};

/// What prune() did.
struct PruneReport {
    std::uint64_t slices_removed{0};
    std::uint64_t nodes_removed{0};
    std::uint64_t bytes_freed{0};
};

/// What check() found: empty `problems` when the store is consistent.
struct CheckReport {
    std::uint64_t slices{0};
    std::uint64_t nodes{0};
    std::uint64_t headers{0};
    std::vector<std::string> problems;  ///< at most 100, each a sentence naming the entry
};

class Store {
  public:
    /// Opens (or creates) the store in `dir`. Errors: kIo, kIncompatible, kCorrupt.
    static StoreResult<std::unique_ptr<Store>> open(const std::filesystem::path& dir,
                                                    const Options& options = {});
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // ---- slices ----

    /// Verifies `slice` and stores it as of block `number` (the block whose header holds its state
    /// root, or the storage root's account). The group's latest moves to it unless the latest has a
    /// higher number. Storing a slice already stored only raises its root's number.
    /// Errors: kRefused (cause: verify()'s error), kQuotaExceeded, kIo.
    StoreStatus put_slice(slice::Slice slice, std::uint64_t number);
    StoreStatus put_slice(const slice::VerifiedSlice& slice, std::uint64_t number);

    /// The slice `id` exactly as it was put, or nullopt. Errors: kCorrupt, kIo.
    StoreResult<std::optional<slice::Slice>> get_slice(const slice::SliceId& id) const;
    /// get_slice, verified again (what a node answers queries from). Errors: kCorrupt (also when it
    /// no longer verifies), kIo.
    StoreResult<std::optional<slice::VerifiedSlice>> get_verified_slice(const slice::SliceId& id) const;
    /// The latest slice of the group of `prefix`, `depth` and `storage_owner`, or nullopt.
    StoreResult<std::optional<LatestSlice>> latest(const trie::Nibbles& prefix,
                                                   std::uint8_t depth = slice::kFullDepth,
                                                   const std::optional<Hash>& storage_owner = {}) const;
    /// The latest slice of every group, in group key order.
    StoreResult<std::vector<LatestSlice>> latest_slices() const;
    /// Removes the slice `id` (its nodes and codes when no other slice needs them); when it was its
    /// group's latest, the group has none until the next put. False when absent. Errors: kIo, kCorrupt.
    StoreResult<bool> remove_slice(const slice::SliceId& id);

    // ---- nodes and codes ----

    /// The RLP of a node of a stored slice. Errors: kIo.
    StoreResult<std::optional<Bytes>> get_node(const Hash& hash) const;
    /// A contract code carried by a stored slice. Errors: kIo.
    StoreResult<std::optional<Bytes>> get_code(const Hash& code_hash) const;
    /// A source for slice::cut over the nodes and codes stored now (a RocksDB snapshot, released
    /// with the source: do not keep it long, it holds back compaction). Its node() returns
    /// kMissingNode for absent nodes. Thread-safe. Must not outlive the store.
    std::unique_ptr<slice::NodeSource> node_source() const;

    // ---- headers ----

    /// Stores a header by hash and makes it the canonical one at its number (a later header with
    /// the same number replaces it there: a reorg). Synced. Errors: kQuotaExceeded, kIo.
    StoreStatus put_header(const BlockHeader& header);
    StoreResult<std::optional<BlockHeader>> header_by_hash(const Hash& hash) const;
    StoreResult<std::optional<BlockHeader>> header_by_number(std::uint64_t number) const;

    // ---- maintenance ----

    /// Removes what is older than the window below `head` (see the contract). Errors: kIo, kCorrupt.
    StoreResult<PruneReport> prune(std::uint64_t head);
    Stats stats() const;
    /// Reads everything and checks every invariant of the format (reference counts, hashes, indexes,
    /// totals, quota); with `verify_slices`, verifies every slice too. Slow: for tests and repairs.
    StoreResult<CheckReport> check(bool verify_slices = false) const;
    /// Makes every write so far durable (fsync of the WAL). Errors: kIo.
    StoreStatus sync_wal();

    const Options& options() const noexcept;

    struct Impl;  // internal (store_impl.hpp)

  private:
    explicit Store(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace kitsunet::store
