#pragma once
/// Internal to the store: the RocksDB handles behind Store, and Transaction, the one way the store
/// writes (a WriteBatch that keeps reference counts, usage and totals right). Only the store's .cpp
/// files include it: RocksDB's headers stay out of the public API.
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <array>
#include <mutex>
#include <unordered_map>

#include "kitsunet/core/slice/node_source.hpp"
#include "kitsunet/store/format.hpp"
#include "kitsunet/store/store.hpp"

namespace kitsunet::store {

/// The column families, in the order they are opened (format.hpp describes each).
enum class Table : std::uint8_t {
    kDefault,
    kNodes,
    kCodes,
    kRefs,
    kSlices,
    kGroups,
    kRoots,
    kAges,
    kHeaders,
    kNumbers
};
inline constexpr std::size_t kTableCount = 10;
std::string_view table_name(Table t) noexcept;

inline rocksdb::Slice as_slice(ByteView b) noexcept {
    return {reinterpret_cast<const char*>(b.data()), b.size()};
}
inline ByteView as_view(const rocksdb::Slice& s) noexcept {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
inline Bytes to_bytes(const rocksdb::Slice& s) {
    const ByteView v = as_view(s);
    return {v.begin(), v.end()};
}

Error io_error(const rocksdb::Status& s, std::string_view what);
Error corrupt(std::string message, Errc cause = Errc::kInvalidArgument);

struct Store::Impl {
    Options options;
    std::filesystem::path dir;
    std::unique_ptr<rocksdb::DB> db;
    std::array<rocksdb::ColumnFamilyHandle*, kTableCount> handles{};

    std::mutex write_mutex;     // one writer at a time (reference counts are read-modify-write)
    format::Counters counters;  // guarded by write_mutex: what the last committed batch wrote
    mutable std::mutex published_mutex;
    format::Counters published;  // a copy for stats(), updated after each commit

    ~Impl();
    rocksdb::ColumnFamilyHandle* cf(Table t) const noexcept { return handles[static_cast<std::size_t>(t)]; }

    /// Reads one value; nullopt when absent. Errors: kIo.
    StoreResult<std::optional<Bytes>> get(Table t, ByteView key,
                                          const rocksdb::Snapshot* snapshot = nullptr) const;
    /// Reads many values of one table at once; nullopt for each absent one. Errors: kIo.
    StoreResult<std::vector<std::optional<Bytes>>> multi_get(
        Table t, const std::vector<Bytes>& keys, const rocksdb::Snapshot* snapshot = nullptr) const;
    /// Every key of `t` that starts with `prefix`, in order.
    StoreResult<std::vector<Bytes>> keys_with_prefix(Table t, ByteView prefix) const;

    /// The slice `id` as of `snapshot`. Errors: kCorrupt, kIo.
    StoreResult<std::optional<slice::Slice>> read_slice(const slice::SliceId& id,
                                                        const rocksdb::Snapshot* snapshot) const;

    void publish();  // copies counters to published; call with write_mutex held, after a commit
};

/// One atomic change of the store. Precondition: the caller holds Impl::write_mutex for the
/// transaction's whole life. Reads see the store as of the last commit plus this transaction's own
/// reference count changes; commit() writes everything, totals included, as one WriteBatch.
class Transaction {
  public:
    explicit Transaction(Store::Impl& impl) : impl_(impl), counters_(impl.counters) {}

    /// Loads the reference counts of `hashes` (one MultiGet) before add_ref/drop_ref use them.
    StoreStatus load_refs(format::RefKind kind, std::span<const Hash> hashes);
    /// One more slice references `hash`; stores `content` when it is the first. Precondition: loaded.
    void add_ref(format::RefKind kind, const Hash& hash, ByteView content);
    /// One slice fewer references `hash`; deletes it with the last. Precondition: loaded.
    /// Errors: kCorrupt when nothing references it.
    StoreStatus drop_ref(format::RefKind kind, const Hash& hash);

    /// Writes a new entry (counted in usage).
    void put_new(Table t, ByteView key, ByteView value);
    /// Overwrites an entry with a value of the same size (usage unchanged).
    void replace(Table t, ByteView key, ByteView value);
    /// Deletes an entry whose key and value sizes are `key.size()` and `value_size`.
    void erase(Table t, ByteView key, std::size_t value_size);

    format::Counters& counters() noexcept { return counters_; }
    /// Whether committing would take usage past the quota (a transaction that frees never does).
    bool exceeds_quota() const noexcept;

    /// Writes the batch and the new totals. Errors: kIo.
    StoreStatus commit(bool sync);

  private:
    struct PendingRef {
        format::RefCount ref;
        bool existed{false};
        Bytes content;  // when added by this transaction
    };
    void finish_refs();

    Store::Impl& impl_;
    format::Counters counters_;
    rocksdb::WriteBatch batch_;
    std::unordered_map<Hash, PendingRef, slice::HashHasher> node_refs_;
    std::unordered_map<Hash, PendingRef, slice::HashHasher> code_refs_;
};

}  // namespace kitsunet::store
