// Store: opening, reads, stats. Writes are in store_write.cpp, the check in store_check.cpp.
#include "kitsunet/store/store.hpp"

#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/store/store_impl.hpp"

namespace kitsunet::store {
namespace {

constexpr std::array<std::string_view, kTableCount> kTableNames = {
    "default", "nodes", "codes", "refs", "slices", "groups", "roots", "ages", "headers", "numbers"};

constexpr std::string_view kFormatKey = "format";
constexpr std::string_view kCountersKey = "counters";

rocksdb::ColumnFamilyOptions table_options(const std::shared_ptr<rocksdb::Cache>& cache) {
    rocksdb::BlockBasedTableOptions table;
    table.block_cache = cache;
    // Point lookups of random hashes dominate (is this node stored?): a bloom filter answers
    // most misses without reading a block.
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    rocksdb::ColumnFamilyOptions cf;
    cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
    cf.write_buffer_size = 16u << 20;
    return cf;
}

rocksdb::DBOptions db_options(const Options& options) {
    rocksdb::DBOptions db;
    db.create_if_missing = options.create_if_missing;
    db.create_missing_column_families = options.create_if_missing;
    // After a power loss, recover every batch up to the first damaged one: a consistent prefix.
    db.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;
    // RocksDB's own LOG in the store's folder: warnings and errors only (at INFO, every open
    // writes a thousand lines of options).
    db.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
    db.keep_log_file_num = 2;
    db.max_log_file_size = 1u << 20;
    db.max_background_jobs = 2;
    db.max_file_opening_threads = 1;  // the default (16 per column family) costs more than it saves
    return db;
}

StoreResult<format::Counters> read_counters(const Store::Impl& impl) {
    auto format = impl.get(Table::kDefault, as_bytes(kFormatKey));
    if (!format) return std::unexpected(format.error());
    if (!*format)
        return std::unexpected(
            Error{StoreErrc::kIncompatible, impl.dir.string() + " is not a kitsunet store"});
    const std::string version((*format)->begin(), (*format)->end());
    if (version != format::kFormatVersion)
        return std::unexpected(
            Error{StoreErrc::kIncompatible, impl.dir.string() + " holds format '" + version + "', not '" +
                                                std::string(format::kFormatVersion) + "'"});
    auto value = impl.get(Table::kDefault, as_bytes(kCountersKey));
    if (!value) return std::unexpected(value.error());
    if (!*value) return std::unexpected(corrupt("the store's totals are missing"));
    auto counters = format::decode_counters(**value);
    if (!counters) return std::unexpected(corrupt("the store's totals do not decode", counters.error()));
    return *counters;
}

// A new store gets its format and zero totals, synced, before anything else.
StoreStatus initialize(Store::Impl& impl) {
    auto format = impl.get(Table::kDefault, as_bytes(kFormatKey));
    if (!format) return std::unexpected(format.error());
    if (*format || impl.options.read_only) return {};
    std::unique_ptr<rocksdb::Iterator> any(impl.db->NewIterator({}, impl.cf(Table::kSlices)));
    any->SeekToFirst();
    if (any->Valid()) return {};  // data without a format: read_counters says it is not a store
    rocksdb::WriteBatch batch;
    batch.Put(impl.cf(Table::kDefault), kFormatKey, format::kFormatVersion);
    const Bytes zero = format::encode_counters({});
    batch.Put(impl.cf(Table::kDefault), kCountersKey, as_slice(zero));
    rocksdb::WriteOptions write;
    write.sync = true;
    const auto s = impl.db->Write(write, &batch);
    if (!s.ok()) return std::unexpected(io_error(s, "initializing the store"));
    return {};
}

// Snapshot reads of nodes and codes, for slice::cut.
class SnapshotNodeSource final : public slice::NodeSource {
  public:
    explicit SnapshotNodeSource(const Store::Impl& impl) : impl_(impl), snapshot_(impl.db->GetSnapshot()) {}
    ~SnapshotNodeSource() override { impl_.db->ReleaseSnapshot(snapshot_); }
    SnapshotNodeSource(const SnapshotNodeSource&) = delete;
    SnapshotNodeSource& operator=(const SnapshotNodeSource&) = delete;

    Result<Bytes> node(const Hash& hash) const override {
        auto value = impl_.get(Table::kNodes, hash, snapshot_);
        if (!value || !*value) return std::unexpected(Errc::kMissingNode);
        return std::move(**value);
    }
    std::optional<Bytes> code(const Hash& code_hash) const override {
        auto value = impl_.get(Table::kCodes, code_hash, snapshot_);
        if (!value || !*value) return std::nullopt;
        return std::move(**value);
    }

  private:
    const Store::Impl& impl_;
    const rocksdb::Snapshot* snapshot_;
};

// Reads from one snapshot, released on scope exit.
class ReadView {
  public:
    explicit ReadView(const Store::Impl& impl) : impl_(impl), snapshot_(impl.db->GetSnapshot()) {}
    ~ReadView() { impl_.db->ReleaseSnapshot(snapshot_); }
    ReadView(const ReadView&) = delete;
    ReadView& operator=(const ReadView&) = delete;
    const rocksdb::Snapshot* get() const noexcept { return snapshot_; }

  private:
    const Store::Impl& impl_;
    const rocksdb::Snapshot* snapshot_;
};

std::uint64_t directory_bytes(const std::filesystem::path& dir) {
    std::uint64_t total = 0;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.is_regular_file(ec)) total += entry.file_size(ec);
    return total;
}

StoreResult<std::optional<BlockHeader>> decode_stored_header(std::optional<Bytes> rlp, const Hash& hash) {
    if (!rlp) return std::nullopt;
    auto header = rlp::decode_block_header(*rlp);
    if (!header)
        return std::unexpected(corrupt("header " + to_hex(hash) + " does not decode", header.error().code));
    if (block_hash(*header) != hash)
        return std::unexpected(corrupt("header " + to_hex(hash) + " has another hash", Errc::kInvalidHeader));
    return std::optional<BlockHeader>(std::move(*header));
}

}  // namespace

std::string_view table_name(Table t) noexcept { return kTableNames[static_cast<std::size_t>(t)]; }

std::string_view describe(StoreErrc e) noexcept {
    switch (e) {
        case StoreErrc::kIo:
            return "storage I/O error";
        case StoreErrc::kCorrupt:
            return "stored data is corrupt";
        case StoreErrc::kIncompatible:
            return "not a kitsunet store of this format";
        case StoreErrc::kQuotaExceeded:
            return "storage quota exceeded";
        case StoreErrc::kRefused:
            return "refused: does not verify";
    }
    return "unknown store error";
}

Error io_error(const rocksdb::Status& s, std::string_view what) {
    const StoreErrc code = s.IsCorruption() ? StoreErrc::kCorrupt : StoreErrc::kIo;
    return Error{code, std::string(what) + ": " + s.ToString()};
}

Error corrupt(std::string message, Errc cause) {
    return Error{StoreErrc::kCorrupt, std::move(message), cause};
}

Store::Impl::~Impl() {
    for (auto* handle : handles)
        if (handle != nullptr) db->DestroyColumnFamilyHandle(handle);
    if (db) db->Close();
}

StoreResult<std::optional<Bytes>> Store::Impl::get(Table t, ByteView key,
                                                   const rocksdb::Snapshot* snapshot) const {
    rocksdb::ReadOptions read;
    read.snapshot = snapshot;
    rocksdb::PinnableSlice value;
    const auto s = db->Get(read, cf(t), as_slice(key), &value);
    if (s.IsNotFound()) return std::nullopt;
    if (!s.ok()) return std::unexpected(io_error(s, "reading " + std::string(table_name(t))));
    return std::optional<Bytes>(to_bytes(value));
}

StoreResult<std::vector<std::optional<Bytes>>> Store::Impl::multi_get(
    Table t, const std::vector<Bytes>& keys, const rocksdb::Snapshot* snapshot) const {
    rocksdb::ReadOptions read;
    read.snapshot = snapshot;
    std::vector<rocksdb::Slice> key_slices;
    key_slices.reserve(keys.size());
    for (const auto& k : keys) key_slices.push_back(as_slice(k));
    std::vector<rocksdb::PinnableSlice> values(keys.size());
    std::vector<rocksdb::Status> statuses(keys.size());
    db->MultiGet(read, cf(t), keys.size(), key_slices.data(), values.data(), statuses.data());
    std::vector<std::optional<Bytes>> out(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (statuses[i].IsNotFound()) continue;
        if (!statuses[i].ok())
            return std::unexpected(io_error(statuses[i], "reading " + std::string(table_name(t))));
        out[i] = to_bytes(values[i]);
    }
    return out;
}

StoreResult<std::vector<Bytes>> Store::Impl::keys_with_prefix(Table t, ByteView prefix) const {
    std::vector<Bytes> keys;
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator({}, cf(t)));
    for (it->Seek(as_slice(prefix)); it->Valid() && it->key().starts_with(as_slice(prefix)); it->Next())
        keys.push_back(to_bytes(it->key()));
    if (!it->status().ok())
        return std::unexpected(io_error(it->status(), "scanning " + std::string(table_name(t))));
    return keys;
}

void Store::Impl::publish() {
    const std::lock_guard lock(published_mutex);
    published = counters;
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

const Options& Store::options() const noexcept { return impl_->options; }

StoreResult<std::unique_ptr<Store>> Store::open(const std::filesystem::path& dir, const Options& options) {
    auto impl = std::make_unique<Impl>();
    impl->options = options;
    impl->options.prune_window = std::max<std::uint64_t>(options.prune_window, 1);
    impl->dir = dir;
    const auto cache = rocksdb::NewLRUCache(options.block_cache_bytes);
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
    for (const auto name : kTableNames) families.emplace_back(std::string(name), table_options(cache));
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* db = nullptr;
    const auto s =
        options.read_only
            ? rocksdb::DB::OpenForReadOnly(db_options(options), dir.string(), families, &handles, &db)
            : rocksdb::DB::Open(db_options(options), dir.string(), families, &handles, &db);
    if (!s.ok()) {
        const bool foreign = s.IsInvalidArgument() && s.ToString().find("olumn famil") != std::string::npos;
        if (foreign)
            return std::unexpected(Error{StoreErrc::kIncompatible, dir.string() + ": " + s.ToString()});
        return std::unexpected(io_error(s, "opening " + dir.string()));
    }
    impl->db.reset(db);
    std::ranges::copy(handles, impl->handles.begin());
    if (auto init = initialize(*impl); !init) return std::unexpected(init.error());
    auto counters = read_counters(*impl);
    if (!counters) return std::unexpected(counters.error());
    impl->counters = *counters;
    impl->publish();
    return std::unique_ptr<Store>(new Store(std::move(impl)));
}

StoreResult<std::optional<slice::Slice>> Store::Impl::read_slice(const slice::SliceId& id,
                                                                 const rocksdb::Snapshot* snapshot) const {
    auto value = get(Table::kSlices, format::slice_key(id), snapshot);
    if (!value) return std::unexpected(value.error());
    if (!*value) return std::nullopt;
    auto record = format::decode_record(**value);
    if (!record)
        return std::unexpected(
            corrupt("the record of slice " + id.to_string() + " does not decode", record.error()));

    std::vector<Bytes> keys;  // stem, head (when hashed), nodes: one MultiGet
    for (const auto& h : record->stem) keys.emplace_back(h.bytes.begin(), h.bytes.end());
    if (record->head.is_hash()) keys.emplace_back(record->head.bytes().begin(), record->head.bytes().end());
    for (const auto& h : record->nodes) keys.emplace_back(h.bytes.begin(), h.bytes.end());
    auto nodes = multi_get(Table::kNodes, keys, snapshot);
    if (!nodes) return std::unexpected(nodes.error());
    std::vector<Bytes> code_keys;
    for (const auto& h : record->codes) code_keys.emplace_back(h.bytes.begin(), h.bytes.end());
    auto codes = multi_get(Table::kCodes, code_keys, snapshot);
    if (!codes) return std::unexpected(codes.error());

    const auto missing = [&](const Bytes& key) {
        return corrupt("slice " + id.to_string() + " lacks node or code " + to_hex(key), Errc::kMissingNode);
    };
    slice::Slice out;
    out.id = id;
    std::size_t next = 0;
    const auto take = [&](std::vector<std::optional<Bytes>>& from, std::size_t i) {
        return std::move(*from[i]);
    };
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (!(*nodes)[i]) return std::unexpected(missing(keys[i]));
    for (std::size_t i = 0; i < code_keys.size(); ++i)
        if (!(*codes)[i]) return std::unexpected(missing(code_keys[i]));
    for (std::size_t i = 0; i < record->stem.size(); ++i) out.stem.push_back(take(*nodes, next++));
    if (record->head.is_hash())
        out.head = take(*nodes, next++);
    else
        out.head.assign(record->head.bytes().begin(), record->head.bytes().end());
    for (std::size_t i = 0; i < record->nodes.size(); ++i) out.nodes.push_back(take(*nodes, next++));
    for (std::size_t i = 0; i < record->codes.size(); ++i) out.codes.push_back(take(*codes, i));
    return std::optional<slice::Slice>(std::move(out));
}

StoreResult<std::optional<slice::Slice>> Store::get_slice(const slice::SliceId& id) const {
    if (!slice::validate(id)) return std::nullopt;
    const ReadView view(*impl_);
    return impl_->read_slice(id, view.get());
}

StoreResult<std::optional<slice::VerifiedSlice>> Store::get_verified_slice(const slice::SliceId& id) const {
    auto stored = get_slice(id);
    if (!stored) return std::unexpected(stored.error());
    if (!*stored) return std::nullopt;
    auto verified = slice::verify(std::move(**stored));
    if (!verified)
        return std::unexpected(corrupt("stored slice " + id.to_string() + " no longer verifies: " +
                                           std::string(kitsunet::describe(verified.error())),
                                       verified.error()));
    return std::optional<slice::VerifiedSlice>(std::move(*verified));
}

StoreResult<std::optional<LatestSlice>> Store::latest(const trie::Nibbles& prefix, std::uint8_t depth,
                                                      const std::optional<Hash>& storage_owner) const {
    const slice::SliceId group{trie::kEmptyRoot, prefix, depth, storage_owner};
    if (!slice::validate(group)) return std::nullopt;
    auto value = impl_->get(Table::kGroups, format::group_key(group));
    if (!value) return std::unexpected(value.error());
    if (!*value) return std::nullopt;
    auto entry = format::decode_group(**value);
    if (!entry)
        return std::unexpected(
            corrupt("the group entry of " + group.group() + " does not decode", entry.error()));
    slice::SliceId id = group;
    id.root = entry->root;
    return std::optional<LatestSlice>(LatestSlice{std::move(id), entry->number});
}

StoreResult<std::vector<LatestSlice>> Store::latest_slices() const {
    std::vector<LatestSlice> out;
    std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator({}, impl_->cf(Table::kGroups)));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
        auto entry = format::decode_group(as_view(it->value()));
        if (!entry) return std::unexpected(corrupt("a group entry does not decode", entry.error()));
        auto id = format::decode_group_key(as_view(it->key()), entry->root);
        if (!id) return std::unexpected(corrupt("a group key does not decode", id.error()));
        out.push_back({std::move(*id), entry->number});
    }
    if (!it->status().ok()) return std::unexpected(io_error(it->status(), "scanning groups"));
    return out;
}

StoreResult<std::optional<Bytes>> Store::get_node(const Hash& hash) const {
    return impl_->get(Table::kNodes, hash);
}

StoreResult<std::optional<Bytes>> Store::get_code(const Hash& code_hash) const {
    return impl_->get(Table::kCodes, code_hash);
}

std::unique_ptr<slice::NodeSource> Store::node_source() const {
    return std::make_unique<SnapshotNodeSource>(*impl_);
}

StoreResult<std::optional<BlockHeader>> Store::header_by_hash(const Hash& hash) const {
    auto rlp = impl_->get(Table::kHeaders, hash);
    if (!rlp) return std::unexpected(rlp.error());
    return decode_stored_header(std::move(*rlp), hash);
}

StoreResult<std::optional<BlockHeader>> Store::header_by_number(std::uint64_t number) const {
    const ReadView view(*impl_);
    auto hash = impl_->get(Table::kNumbers, format::encode_number(number), view.get());
    if (!hash) return std::unexpected(hash.error());
    if (!*hash) return std::nullopt;
    if ((*hash)->size() != 32)
        return std::unexpected(
            corrupt("the hash of block " + std::to_string(number) + " is not 32 bytes", Errc::kWrongLength));
    const Hash h = Hash::from(**hash);
    auto rlp = impl_->get(Table::kHeaders, h, view.get());
    if (!rlp) return std::unexpected(rlp.error());
    if (!*rlp)
        return std::unexpected(corrupt("block " + std::to_string(number) + " names a header that is missing",
                                       Errc::kMissingNode));
    return decode_stored_header(std::move(*rlp), h);
}

Stats Store::stats() const {
    format::Counters c;
    {
        const std::lock_guard lock(impl_->published_mutex);
        c = impl_->published;
    }
    return Stats{c.slices,
                 c.nodes,
                 c.codes,
                 c.headers,
                 c.usage,
                 impl_->options.quota_bytes,
                 directory_bytes(impl_->dir)};
}

StoreStatus Store::sync_wal() {
    const auto s = impl_->db->FlushWAL(true);
    if (!s.ok()) return std::unexpected(io_error(s, "syncing the WAL"));
    return {};
}

}  // namespace kitsunet::store
