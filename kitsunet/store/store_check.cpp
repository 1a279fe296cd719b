// Store::check: reads every table from one snapshot and checks the invariants of format.hpp.
#include <functional>
#include <map>
#include <set>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/rlp.hpp"
#include "kitsunet/store/store_impl.hpp"

namespace kitsunet::store {
namespace {

using format::RefKind;
using RefId = std::pair<RefKind, Hash>;

constexpr std::size_t kMaxProblems = 100;

// Keys as strings for ordered containers (g++ 12 warns wrongly on comparing byte vectors there).
std::string key_text(ByteView key) { return {key.begin(), key.end()}; }

std::string describe_counters(const format::Counters& c) {
    return "usage " + std::to_string(c.usage) + ", " + std::to_string(c.slices) + " slices, " +
           std::to_string(c.nodes) + " nodes, " + std::to_string(c.codes) + " codes, " +
           std::to_string(c.headers) + " headers";
}

class Checker {
  public:
    Checker(const Store::Impl& impl, bool verify_slices)
        : impl_(impl), verify_(verify_slices), snapshot_(impl.db->GetSnapshot()) {}
    ~Checker() { impl_.db->ReleaseSnapshot(snapshot_); }
    Checker(const Checker&) = delete;
    Checker& operator=(const Checker&) = delete;

    StoreResult<CheckReport> run() {
        using Step = StoreStatus (Checker::*)();
        for (const Step step :
             {&Checker::scan_groups, &Checker::scan_slices, &Checker::scan_refs, &Checker::scan_nodes,
              &Checker::scan_codes, &Checker::scan_roots, &Checker::scan_ages, &Checker::scan_headers,
              &Checker::scan_numbers, &Checker::check_totals})
            if (auto s = (this->*step)(); !s) return std::unexpected(s.error());
        report_.slices = found_.slices;
        report_.nodes = found_.nodes;
        report_.headers = found_.headers;
        return std::move(report_);
    }

  private:
    using Visit = std::function<void(ByteView key, ByteView value)>;

    StoreStatus scan(Table t, const Visit& visit) {
        rocksdb::ReadOptions read;
        read.snapshot = snapshot_;
        std::unique_ptr<rocksdb::Iterator> it(impl_.db->NewIterator(read, impl_.cf(t)));
        for (it->SeekToFirst(); it->Valid(); it->Next()) {
            found_.usage += it->key().size() + it->value().size();
            visit(as_view(it->key()), as_view(it->value()));
        }
        if (!it->status().ok())
            return std::unexpected(io_error(it->status(), "scanning " + std::string(table_name(t))));
        return {};
    }

    void problem(std::string text) {
        if (report_.problems.size() < kMaxProblems) report_.problems.push_back(std::move(text));
    }

    StoreStatus scan_groups() {
        return scan(Table::kGroups, [this](ByteView key, ByteView value) {
            const auto entry = format::decode_group(value);
            const auto id =
                entry ? format::decode_group_key(key, entry->root) : std::unexpected(entry.error());
            if (!id) return problem("group entry " + to_hex(key) + " does not decode");
            latest_.emplace(key_text(key), entry->root);
            group_targets_.push_back(key_text(format::slice_key(*id)));
        });
    }

    StoreStatus scan_slices() {
        return scan(Table::kSlices, [this](ByteView key, ByteView value) {
            ++found_.slices;
            const auto id = format::decode_slice_key(key);
            const auto record = format::decode_record(value);
            if (!id || !record) return problem("slice " + to_hex(key) + " does not decode");
            slice_keys_.insert(key_text(key));
            slice_roots_.insert(id->root);
            for (const auto& h : format::referenced_nodes(*record)) ++expected_refs_[{RefKind::kNode, h}];
            for (const auto& h : format::referenced_codes(*record)) ++expected_refs_[{RefKind::kCode, h}];
            const auto latest = latest_.find(key_text(format::group_key(*id)));
            if (latest == latest_.end() || latest->second != id->root) superseded_roots_.insert(id->root);
            if (verify_) verify_slice(*id);
        });
    }

    void verify_slice(const slice::SliceId& id) {
        auto stored = impl_.read_slice(id, snapshot_);
        if (!stored || !*stored) return problem("slice " + id.to_string() + " cannot be read back");
        if (auto v = slice::verify(std::move(**stored)); !v)
            problem("slice " + id.to_string() +
                    " does not verify: " + std::string(kitsunet::describe(v.error())));
    }

    StoreStatus scan_refs() {
        auto s = scan(Table::kRefs, [this](ByteView key, ByteView value) {
            const auto ref_id = format::decode_ref_key(key);
            const auto ref = format::decode_ref(value);
            if (!ref_id || !ref) return problem("count " + to_hex(key) + " does not decode");
            const auto expected = expected_refs_.find(*ref_id);
            const std::uint32_t want = expected == expected_refs_.end() ? 0 : expected->second;
            if (ref->count != want)
                problem("count of " + to_hex(ref_id->second) + " is " + std::to_string(ref->count) +
                        ", slices name it " + std::to_string(want) + " times");
            if (expected != expected_refs_.end()) expected_refs_.erase(expected);
            sizes_.emplace(*ref_id, ref->size);
        });
        for (const auto& [ref, count] : expected_refs_)
            problem("slices name " + to_hex(ref.second) + ", which has no count");
        return s;
    }

    StoreStatus scan_content(Table t, RefKind kind, std::uint64_t& count) {
        auto s = scan(t, [this, kind, &count](ByteView key, ByteView value) {
            ++count;
            const Hash hash = Hash::from(key);
            if (key.size() != 32 || keccak256(value) != hash)
                problem(to_hex(key) + " does not hash to its key");
            const auto size = sizes_.find({kind, hash});
            if (size == sizes_.end()) return problem(to_hex(key) + " is stored but not counted");
            if (size->second != value.size()) problem(to_hex(key) + " is counted with another size");
            sizes_.erase(size);
        });
        for (const auto& [ref, size] : sizes_)
            if (ref.first == kind) problem("count of " + to_hex(ref.second) + " has nothing stored");
        return s;
    }
    StoreStatus scan_nodes() { return scan_content(Table::kNodes, RefKind::kNode, found_.nodes); }
    StoreStatus scan_codes() { return scan_content(Table::kCodes, RefKind::kCode, found_.codes); }

    StoreStatus scan_roots() {
        auto s = scan(Table::kRoots, [this](ByteView key, ByteView value) {
            const auto number = format::decode_number(value);
            if (key.size() != 32 || !number) return problem("root " + to_hex(key) + " does not decode");
            root_numbers_.emplace(Hash::from(key), *number);
            if (!slice_roots_.contains(Hash::from(key)))
                problem("root " + to_hex(key) + " is listed without slices");
        });
        for (const auto& root : slice_roots_)
            if (!root_numbers_.contains(root))
                problem("root " + to_hex(root) + " has slices but is not listed");
        for (const auto& target : group_targets_)
            if (!slice_keys_.contains(target))
                problem("a group names slice " + to_hex(as_bytes(target)) + ", which is absent");
        return s;
    }

    StoreStatus scan_ages() {
        std::set<Hash> aged;
        auto s = scan(Table::kAges, [this, &aged](ByteView key, ByteView) {
            const auto age = format::decode_age_key(key);
            if (!age) return problem("ages key " + to_hex(key) + " does not decode");
            const auto number = root_numbers_.find(age->second);
            if (number == root_numbers_.end() || number->second != age->first)
                problem("ages lists root " + to_hex(age->second) + " at " + std::to_string(age->first) +
                        ", not its number");
            aged.insert(age->second);
        });
        for (const auto& root : superseded_roots_)
            if (!aged.contains(root))
                problem("root " + to_hex(root) + " holds superseded slices that prune would skip");
        return s;
    }

    StoreStatus scan_headers() {
        return scan(Table::kHeaders, [this](ByteView key, ByteView value) {
            ++found_.headers;
            const auto header = rlp::decode_block_header(value);
            if (!header || key.size() != 32 || block_hash(*header) != Hash::from(key))
                return problem("header " + to_hex(key) + " does not decode to its hash");
            header_numbers_.emplace(Hash::from(key), header->number);
        });
    }

    StoreStatus scan_numbers() {
        return scan(Table::kNumbers, [this](ByteView key, ByteView value) {
            const auto number = format::decode_number(key);
            const auto header =
                value.size() == 32 ? header_numbers_.find(Hash::from(value)) : header_numbers_.end();
            if (!number || header == header_numbers_.end() || header->second != *number)
                problem("block number " + to_hex(key) + " names no header of that number");
        });
    }

    StoreStatus check_totals() {
        auto value = impl_.get(Table::kDefault, as_bytes("counters"), snapshot_);
        if (!value) return std::unexpected(value.error());
        const auto stored = *value ? format::decode_counters(**value) : std::unexpected(Errc::kMissingNode);
        if (!stored)
            problem("the totals do not decode");
        else if (*stored != found_)
            problem("the totals say " + describe_counters(*stored) + "; the tables hold " +
                    describe_counters(found_));
        const std::uint64_t quota = impl_.options.quota_bytes;
        if (quota != 0 && found_.usage > quota)
            problem("usage " + std::to_string(found_.usage) + " exceeds the quota of " +
                    std::to_string(quota));
        return {};
    }

    const Store::Impl& impl_;
    bool verify_;
    const rocksdb::Snapshot* snapshot_;
    CheckReport report_;
    format::Counters found_;
    std::map<std::string, Hash> latest_;  // group key → latest root
    std::vector<std::string> group_targets_;
    std::set<std::string> slice_keys_;
    std::set<Hash> slice_roots_;
    std::set<Hash> superseded_roots_;
    std::map<RefId, std::uint32_t> expected_refs_;
    std::map<RefId, std::uint32_t> sizes_;
    std::map<Hash, std::uint64_t> root_numbers_;
    std::map<Hash, std::uint64_t> header_numbers_;
};

}  // namespace

StoreResult<CheckReport> Store::check(bool verify_slices) const {
    return Checker(*impl_, verify_slices).run();
}

}  // namespace kitsunet::store
