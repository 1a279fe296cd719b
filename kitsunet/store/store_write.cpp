// Store: every write (slices, headers, removal, pruning), each through one Transaction.
#include "kitsunet/core/assert.hpp"
#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/rlp.hpp"
#include "kitsunet/store/store_impl.hpp"

namespace kitsunet::store {
namespace {

using format::RefKind;

constexpr std::size_t kRefEntryBytes = 33 + 8;  // refs: kind ‖ hash → count ‖ size
constexpr std::size_t kRootValueBytes = 8;      // roots: root → number
constexpr std::size_t kGroupValueBytes = 40;    // groups: … → root ‖ number
constexpr std::size_t kPruneBatchSlices = 64;   // slices removed per batch while pruning

Table content_table(RefKind kind) { return kind == RefKind::kNode ? Table::kNodes : Table::kCodes; }

std::uint64_t saturating_sub(std::uint64_t a, std::uint64_t b) { return a > b ? a - b : 0; }

// The record of a slice, and each node and code it names, by hash (computed outside the lock).
struct Prepared {
    format::SliceRecord record;
    std::unordered_map<Hash, ByteView, slice::HashHasher> content;
};

Prepared prepare(const slice::Slice& s) {
    Prepared p;
    const auto add = [&p](ByteView bytes) {
        const Hash h = keccak256(bytes);
        p.content.emplace(h, bytes);
        return h;
    };
    for (const auto& node : s.stem) p.record.stem.push_back(add(node));
    p.record.head = trie::NodeRef::to_node(s.head);
    if (p.record.head.is_hash()) add(s.head);
    for (const auto& node : s.nodes) p.record.nodes.push_back(add(node));
    for (const auto& code : s.codes) p.record.codes.push_back(add(code));
    return p;
}

StoreStatus add_record(Transaction& txn, const Prepared& p, ByteView key) {
    const auto nodes = format::referenced_nodes(p.record);
    const auto codes = format::referenced_codes(p.record);
    if (auto s = txn.load_refs(RefKind::kNode, nodes); !s) return s;
    if (auto s = txn.load_refs(RefKind::kCode, codes); !s) return s;
    for (const auto& h : nodes) txn.add_ref(RefKind::kNode, h, p.content.at(h));
    for (const auto& h : codes) txn.add_ref(RefKind::kCode, h, p.content.at(h));
    txn.put_new(Table::kSlices, key, format::encode_record(p.record));
    ++txn.counters().slices;
    return {};
}

StoreStatus remove_record(Transaction& txn, ByteView key, ByteView value) {
    auto record = format::decode_record(value);
    if (!record)
        return std::unexpected(corrupt("a slice record does not decode: " + to_hex(key), record.error()));
    const auto nodes = format::referenced_nodes(*record);
    const auto codes = format::referenced_codes(*record);
    if (auto s = txn.load_refs(RefKind::kNode, nodes); !s) return s;
    if (auto s = txn.load_refs(RefKind::kCode, codes); !s) return s;
    for (const auto& h : nodes)
        if (auto s = txn.drop_ref(RefKind::kNode, h); !s) return s;
    for (const auto& h : codes)
        if (auto s = txn.drop_ref(RefKind::kCode, h); !s) return s;
    txn.erase(Table::kSlices, key, value.size());
    txn.counters().slices = saturating_sub(txn.counters().slices, 1);
    return {};
}

// Whether `key` is in ages; adds it when not.
StoreStatus ensure_aged(Store::Impl& impl, Transaction& txn, const Bytes& key) {
    auto aged = impl.get(Table::kAges, key);
    if (!aged) return std::unexpected(aged.error());
    if (!*aged) txn.put_new(Table::kAges, key, {});
    return {};
}

// Takes `key` out of ages when it is there.
StoreStatus erase_aged(Store::Impl& impl, Transaction& txn, const Bytes& key) {
    auto aged = impl.get(Table::kAges, key);
    if (!aged) return std::unexpected(aged.error());
    if (*aged) txn.erase(Table::kAges, key, 0);
    return {};
}

StoreResult<std::optional<std::uint64_t>> root_number(const Store::Impl& impl, const Hash& root) {
    auto stored = impl.get(Table::kRoots, root);
    if (!stored) return std::unexpected(stored.error());
    if (!*stored) return std::nullopt;
    auto number = format::decode_number(**stored);
    if (!number)
        return std::unexpected(
            corrupt("the number of root " + to_hex(root) + " does not decode", number.error()));
    return std::optional<std::uint64_t>(*number);
}

// Makes `root` known as of block `number` (raising, never lowering, its number) and lists it in
// ages, so that prune looks at it again (it may now hold slices that are not their group's latest).
StoreStatus note_root(Store::Impl& impl, Transaction& txn, const Hash& root, std::uint64_t number) {
    auto old = root_number(impl, root);
    if (!old) return std::unexpected(old.error());
    if (!*old) {
        txn.put_new(Table::kRoots, root, format::encode_number(number));
        txn.put_new(Table::kAges, format::age_key(number, root), {});
        return {};
    }
    if (number <= **old) return ensure_aged(impl, txn, format::age_key(**old, root));
    txn.replace(Table::kRoots, root, format::encode_number(number));
    if (auto s = erase_aged(impl, txn, format::age_key(**old, root)); !s) return s;
    txn.put_new(Table::kAges, format::age_key(number, root), {});
    return {};
}

// Lists a root in ages again (its group's latest moved on, so prune may take its slices).
StoreStatus age_again(Store::Impl& impl, Transaction& txn, const Hash& root) {
    auto number = root_number(impl, root);
    if (!number) return std::unexpected(number.error());
    if (!*number) return {};
    return ensure_aged(impl, txn, format::age_key(**number, root));
}

// The group's latest becomes `id` unless it has a higher number.
StoreStatus update_group(Store::Impl& impl, Transaction& txn, const slice::SliceId& id,
                         std::uint64_t number) {
    const Bytes key = format::group_key(id);
    const Bytes value = format::encode_group({id.root, number});
    auto stored = impl.get(Table::kGroups, key);
    if (!stored) return std::unexpected(stored.error());
    if (!*stored) {
        txn.put_new(Table::kGroups, key, value);
        return {};
    }
    auto entry = format::decode_group(**stored);
    if (!entry)
        return std::unexpected(
            corrupt("the group entry of " + id.group() + " does not decode", entry.error()));
    if (number < entry->number || (entry->root == id.root && number == entry->number)) return {};
    txn.replace(Table::kGroups, key, value);
    if (entry->root != id.root) return age_again(impl, txn, entry->root);
    return {};
}

// Whether a slice other than `except` is stored at `root`.
StoreResult<bool> root_has_other_slice(const Store::Impl& impl, const Hash& root, ByteView except) {
    std::unique_ptr<rocksdb::Iterator> it(impl.db->NewIterator({}, impl.cf(Table::kSlices)));
    for (it->Seek(as_slice(root)); it->Valid() && it->key().starts_with(as_slice(root)); it->Next())
        if (!std::ranges::equal(as_view(it->key()), except)) return true;
    if (!it->status().ok()) return std::unexpected(io_error(it->status(), "scanning slices"));
    return false;
}

Error quota_error(const Store::Impl& impl, std::string_view what) {
    return Error{StoreErrc::kQuotaExceeded, std::string(what) + " would take the store past its quota of " +
                                                std::to_string(impl.options.quota_bytes) + " bytes (" +
                                                std::to_string(impl.counters.usage) + " used)"};
}

}  // namespace

// ---- Transaction ----

StoreStatus Transaction::load_refs(RefKind kind, std::span<const Hash> hashes) {
    auto& refs = kind == RefKind::kNode ? node_refs_ : code_refs_;
    std::vector<Bytes> keys;
    std::vector<Hash> wanted;
    for (const auto& h : hashes) {
        if (refs.contains(h)) continue;
        keys.push_back(format::ref_key(kind, h));
        wanted.push_back(h);
    }
    auto values = impl_.multi_get(Table::kRefs, keys);
    if (!values) return std::unexpected(values.error());
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        PendingRef pending;
        if ((*values)[i]) {
            auto ref = format::decode_ref(*(*values)[i]);
            if (!ref)
                return std::unexpected(
                    corrupt("the count of " + to_hex(wanted[i]) + " does not decode", ref.error()));
            pending.ref = *ref;
            pending.existed = true;
        }
        refs.emplace(wanted[i], std::move(pending));
    }
    return {};
}

void Transaction::add_ref(RefKind kind, const Hash& hash, ByteView content) {
    PendingRef& p = (kind == RefKind::kNode ? node_refs_ : code_refs_).at(hash);
    KITSUNET_ASSERT(p.ref.count < ~std::uint32_t{0});
    if (p.ref.count == 0) {  // it appears
        p.ref.size = static_cast<std::uint32_t>(content.size());
        if (!p.existed) p.content.assign(content.begin(), content.end());
        counters_.usage += kRefEntryBytes + 32 + content.size();
        ++(kind == RefKind::kNode ? counters_.nodes : counters_.codes);
    }
    ++p.ref.count;
}

StoreStatus Transaction::drop_ref(RefKind kind, const Hash& hash) {
    PendingRef& p = (kind == RefKind::kNode ? node_refs_ : code_refs_).at(hash);
    if (p.ref.count == 0)
        return std::unexpected(
            corrupt("a slice names " + to_hex(hash) + ", which no count covers", Errc::kMissingNode));
    if (--p.ref.count == 0) {  // it goes
        counters_.usage = saturating_sub(counters_.usage, kRefEntryBytes + 32 + p.ref.size);
        auto& count = kind == RefKind::kNode ? counters_.nodes : counters_.codes;
        count = saturating_sub(count, 1);
    }
    return {};
}

void Transaction::put_new(Table t, ByteView key, ByteView value) {
    batch_.Put(impl_.cf(t), as_slice(key), as_slice(value));
    counters_.usage += key.size() + value.size();
}

void Transaction::replace(Table t, ByteView key, ByteView value) {
    batch_.Put(impl_.cf(t), as_slice(key), as_slice(value));
}

void Transaction::erase(Table t, ByteView key, std::size_t value_size) {
    batch_.Delete(impl_.cf(t), as_slice(key));
    counters_.usage = saturating_sub(counters_.usage, key.size() + value_size);
}

bool Transaction::exceeds_quota() const noexcept {
    const std::uint64_t quota = impl_.options.quota_bytes;
    return quota != 0 && counters_.usage > impl_.counters.usage && counters_.usage > quota;
}

void Transaction::finish_refs() {
    for (const auto kind : {RefKind::kNode, RefKind::kCode}) {
        for (const auto& [hash, p] : kind == RefKind::kNode ? node_refs_ : code_refs_) {
            const Bytes key = format::ref_key(kind, hash);
            if (p.ref.count == 0) {
                if (!p.existed) continue;
                batch_.Delete(impl_.cf(Table::kRefs), as_slice(key));
                batch_.Delete(impl_.cf(content_table(kind)), as_slice(hash));
            } else {
                batch_.Put(impl_.cf(Table::kRefs), as_slice(key), as_slice(format::encode_ref(p.ref)));
                if (!p.existed)
                    batch_.Put(impl_.cf(content_table(kind)), as_slice(hash), as_slice(p.content));
            }
        }
    }
}

StoreStatus Transaction::commit(bool sync) {
    finish_refs();
    const Bytes counters = format::encode_counters(counters_);
    batch_.Put(impl_.cf(Table::kDefault), "counters", as_slice(counters));
    rocksdb::WriteOptions write;
    write.sync = sync;
    const auto s = impl_.db->Write(write, &batch_);
    if (!s.ok()) return std::unexpected(io_error(s, "writing"));
    impl_.counters = counters_;
    impl_.publish();
    return {};
}

// ---- Store writes ----

StoreStatus Store::put_slice(slice::Slice slice, std::uint64_t number) {
    const std::string name = slice.id.to_string();
    auto verified = slice::verify(std::move(slice));
    if (!verified)
        return std::unexpected(
            Error{StoreErrc::kRefused,
                  "slice " + name + " does not verify: " + std::string(kitsunet::describe(verified.error())),
                  verified.error()});
    return put_slice(*verified, number);
}

StoreStatus Store::put_slice(const slice::VerifiedSlice& verified, std::uint64_t number) {
    const slice::SliceId& id = verified.id();
    const Prepared prepared = prepare(verified.slice());
    const Bytes key = format::slice_key(id);
    Impl& impl = *impl_;
    const std::lock_guard lock(impl.write_mutex);
    Transaction txn(impl);
    auto existing = impl.get(Table::kSlices, key);
    if (!existing) return std::unexpected(existing.error());
    if (!*existing)
        if (auto s = add_record(txn, prepared, key); !s) return s;
    if (auto s = note_root(impl, txn, id.root, number); !s) return s;
    if (auto s = update_group(impl, txn, id, number); !s) return s;
    if (txn.exceeds_quota()) return std::unexpected(quota_error(impl, "slice " + id.to_string()));
    return txn.commit(impl.options.sync);
}

StoreResult<bool> Store::remove_slice(const slice::SliceId& id) {
    if (!slice::validate(id)) return false;
    const Bytes key = format::slice_key(id);
    Impl& impl = *impl_;
    const std::lock_guard lock(impl.write_mutex);
    auto value = impl.get(Table::kSlices, key);
    if (!value) return std::unexpected(value.error());
    if (!*value) return false;
    Transaction txn(impl);
    if (auto s = remove_record(txn, key, **value); !s) return std::unexpected(s.error());
    const Bytes group = format::group_key(id);
    auto entry = impl.get(Table::kGroups, group);
    if (!entry) return std::unexpected(entry.error());
    if (*entry) {
        auto decoded = format::decode_group(**entry);
        if (decoded && decoded->root == id.root) txn.erase(Table::kGroups, group, kGroupValueBytes);
    }
    auto others = root_has_other_slice(impl, id.root, key);
    if (!others) return std::unexpected(others.error());
    if (!*others) {  // the root goes with its last slice
        auto number = root_number(impl, id.root);
        if (!number) return std::unexpected(number.error());
        if (*number) {
            txn.erase(Table::kRoots, id.root, kRootValueBytes);
            if (auto s = erase_aged(impl, txn, format::age_key(**number, id.root)); !s)
                return std::unexpected(s.error());
        }
    }
    if (auto s = txn.commit(impl.options.sync); !s) return std::unexpected(s.error());
    return true;
}

namespace {

// Removes the slices of `root` that are not their group's latest, a batch at a time; then drops the
// root (no slice left) or takes it out of ages (only latest slices left: update_group lists it again
// when they are replaced).
StoreStatus prune_root(Store::Impl& impl, std::uint64_t number, const Hash& root, PruneReport& report) {
    auto keys = impl.keys_with_prefix(Table::kSlices, root);
    if (!keys) return std::unexpected(keys.error());
    std::size_t kept = 0;
    auto txn = std::make_unique<Transaction>(impl);
    std::size_t in_batch = 0;
    for (const auto& key : *keys) {
        auto id = format::decode_slice_key(key);
        if (!id) return std::unexpected(corrupt("a slice key does not decode: " + to_hex(key), id.error()));
        auto entry = impl.get(Table::kGroups, format::group_key(*id));
        if (!entry) return std::unexpected(entry.error());
        if (*entry) {
            auto decoded = format::decode_group(**entry);
            if (decoded && decoded->root == root) {
                ++kept;
                continue;
            }
        }
        auto value = impl.get(Table::kSlices, key);
        if (!value) return std::unexpected(value.error());
        if (!*value) continue;
        if (auto s = remove_record(*txn, key, **value); !s) return s;
        ++report.slices_removed;
        if (++in_batch == kPruneBatchSlices) {
            if (auto s = txn->commit(false); !s) return s;
            txn = std::make_unique<Transaction>(impl);
            in_batch = 0;
        }
    }
    if (kept == 0) txn->erase(Table::kRoots, root, kRootValueBytes);
    txn->erase(Table::kAges, format::age_key(number, root), 0);
    return txn->commit(false);
}

}  // namespace

StoreResult<PruneReport> Store::prune(std::uint64_t head) {
    Impl& impl = *impl_;
    const std::uint64_t window = impl.options.prune_window;
    PruneReport report;
    if (head < window) return report;
    const std::uint64_t newest_pruned = head - window;  // roots stored at this number or below go
    const std::lock_guard lock(impl.write_mutex);
    const format::Counters before = impl.counters;
    std::vector<std::pair<std::uint64_t, Hash>> aged;
    {
        std::unique_ptr<rocksdb::Iterator> it(impl.db->NewIterator({}, impl.cf(Table::kAges)));
        for (it->SeekToFirst(); it->Valid(); it->Next()) {
            auto age = format::decode_age_key(as_view(it->key()));
            if (!age) return std::unexpected(corrupt("an ages key does not decode", age.error()));
            if (age->first > newest_pruned) break;
            aged.push_back(*age);
        }
        if (!it->status().ok()) return std::unexpected(io_error(it->status(), "scanning ages"));
    }
    for (const auto& [number, root] : aged)
        if (auto s = prune_root(impl, number, root, report); !s) return std::unexpected(s.error());
    report.nodes_removed = saturating_sub(before.nodes, impl.counters.nodes);
    report.bytes_freed = saturating_sub(before.usage, impl.counters.usage);
    return report;
}

StoreStatus Store::put_header(const BlockHeader& header) {
    if (!header.well_formed())
        return std::unexpected(
            Error{StoreErrc::kRefused,
                  "header of block " + std::to_string(header.number) + " has the optional fields of no fork",
                  Errc::kInvalidHeader});
    Bytes rlp;
    rlp::encode(rlp, header);
    const Hash hash = keccak256(rlp);
    Impl& impl = *impl_;
    const std::lock_guard lock(impl.write_mutex);
    Transaction txn(impl);
    auto stored = impl.get(Table::kHeaders, hash);
    if (!stored) return std::unexpected(stored.error());
    if (!*stored) {
        txn.put_new(Table::kHeaders, hash, rlp);
        ++txn.counters().headers;
    }
    const Bytes number = format::encode_number(header.number);
    auto canonical = impl.get(Table::kNumbers, number);
    if (!canonical) return std::unexpected(canonical.error());
    if (!*canonical)
        txn.put_new(Table::kNumbers, number, hash);
    else if (!std::ranges::equal(**canonical, hash.view()))
        txn.replace(Table::kNumbers, number, hash);
    if (txn.exceeds_quota()) return std::unexpected(quota_error(impl, "header " + to_hex(hash)));
    return txn.commit(true);  // the chain is the node's anchor of trust: worth an fsync per block
}

}  // namespace kitsunet::store
