#include "kitsunet/store/format.hpp"

#include <algorithm>

#include "kitsunet/core/rlp.hpp"

namespace kitsunet::store::format {
namespace {

constexpr std::uint8_t kStateGroup = 0;
constexpr std::uint8_t kStorageGroup = 1;

void append(Bytes& to, ByteView bytes) { to.insert(to.end(), bytes.begin(), bytes.end()); }

void append_u64(Bytes& to, std::uint64_t n) {
    for (int shift = 56; shift >= 0; shift -= 8) to.push_back(static_cast<std::uint8_t>(n >> shift));
}

std::uint64_t read_u64(ByteView b) noexcept {
    std::uint64_t n = 0;
    for (std::size_t i = 0; i < 8; ++i) n = (n << 8) | b[i];
    return n;
}

void append_u32_le(Bytes& to, std::uint32_t n) {
    for (int shift = 0; shift < 32; shift += 8) to.push_back(static_cast<std::uint8_t>(n >> shift));
}

std::uint32_t read_u32_le(ByteView b) noexcept {
    std::uint32_t n = 0;
    for (std::size_t i = 4; i-- > 0;) n = (n << 8) | b[i];
    return n;
}

void encode_hashes(Bytes& to, const std::vector<Hash>& hashes) {
    Bytes joined;
    joined.reserve(32 * hashes.size());
    for (const auto& h : hashes) append(joined, h);
    rlp::encode(to, joined);
}

Result<std::vector<Hash>> decode_hashes(ByteView& from) noexcept {
    auto joined = rlp::decode_string(from);
    if (!joined) return std::unexpected(joined.error());
    if (joined->size() % 32 != 0) return std::unexpected(Errc::kWrongLength);
    std::vector<Hash> hashes;
    hashes.reserve(joined->size() / 32);
    for (std::size_t i = 0; i < joined->size(); i += 32) hashes.push_back(Hash::from(joined->subspan(i, 32)));
    return hashes;
}

// The payload of one list item spanning all of `value`.
Result<ByteView> whole_list(ByteView value) noexcept {
    auto payload = rlp::decode_list(value);
    if (!payload) return payload;
    if (auto done = rlp::ensure_consumed(value); !done) return std::unexpected(done.error());
    return payload;
}

std::vector<Hash> distinct(std::vector<Hash> hashes) {
    std::ranges::sort(hashes);
    const auto [first, last] = std::ranges::unique(hashes);
    hashes.erase(first, last);
    return hashes;
}

}  // namespace

std::vector<Hash> referenced_nodes(const SliceRecord& record) {
    std::vector<Hash> all = record.stem;
    if (record.head.is_hash()) all.push_back(record.head.hash());
    all.insert(all.end(), record.nodes.begin(), record.nodes.end());
    return distinct(std::move(all));
}

std::vector<Hash> referenced_codes(const SliceRecord& record) { return distinct(record.codes); }

Bytes group_key(const slice::SliceId& id) {
    Bytes key;
    key.reserve(2 + 32 + 2 + id.prefix.size() / 2 + 1);
    key.push_back(id.storage_owner ? kStorageGroup : kStateGroup);
    if (id.storage_owner) append(key, *id.storage_owner);
    key.push_back(id.depth);
    key.push_back(static_cast<std::uint8_t>(id.prefix.size()));
    for (std::size_t i = 0; i < id.prefix.size(); i += 2) {
        const std::uint8_t low = i + 1 < id.prefix.size() ? id.prefix[i + 1] : 0;
        key.push_back(static_cast<std::uint8_t>((id.prefix[i] << 4) | low));
    }
    return key;
}

Bytes slice_key(const slice::SliceId& id) {
    Bytes key(id.root.bytes.begin(), id.root.bytes.end());
    append(key, group_key(id));
    return key;
}

Result<slice::SliceId> decode_group_key(ByteView key, const Hash& root) noexcept {
    slice::SliceId id;
    id.root = root;
    if (key.empty() || key[0] > kStorageGroup) return std::unexpected(Errc::kSliceInvalidId);
    const bool storage = key[0] == kStorageGroup;
    key = key.subspan(1);
    if (storage) {
        if (key.size() < 32) return std::unexpected(Errc::kWrongLength);
        id.storage_owner = Hash::from(key.first(32));
        key = key.subspan(32);
    }
    if (key.size() < 2) return std::unexpected(Errc::kWrongLength);
    id.depth = key[0];
    const std::size_t count = key[1];
    key = key.subspan(2);
    if (key.size() != (count + 1) / 2) return std::unexpected(Errc::kWrongLength);
    for (std::size_t i = 0; i < count; ++i)
        id.prefix.push_back(static_cast<std::uint8_t>(i % 2 == 0 ? key[i / 2] >> 4 : key[i / 2] & 0x0f));
    if (count % 2 == 1 && (key.back() & 0x0f) != 0) return std::unexpected(Errc::kSliceInvalidId);
    if (!slice::validate(id)) return std::unexpected(Errc::kSliceInvalidId);
    return id;
}

Result<slice::SliceId> decode_slice_key(ByteView key) noexcept {
    if (key.size() < 32) return std::unexpected(Errc::kWrongLength);
    return decode_group_key(key.subspan(32), Hash::from(key.first(32)));
}

Bytes encode_record(const SliceRecord& record) {
    Bytes payload;
    encode_hashes(payload, record.stem);
    record.head.encode(payload);
    encode_hashes(payload, record.nodes);
    encode_hashes(payload, record.codes);
    return rlp::wrap_list(payload);
}

Result<SliceRecord> decode_record(ByteView value) {
    auto payload = whole_list(value);
    if (!payload) return std::unexpected(payload.error());
    SliceRecord record;
    auto stem = decode_hashes(*payload);
    if (!stem) return std::unexpected(stem.error());
    auto head = trie::NodeRef::decode(*payload);
    if (!head) return std::unexpected(head.error());
    auto nodes = decode_hashes(*payload);
    if (!nodes) return std::unexpected(nodes.error());
    auto codes = decode_hashes(*payload);
    if (!codes) return std::unexpected(codes.error());
    if (!payload->empty()) return std::unexpected(Errc::kListLengthMismatch);
    return SliceRecord{std::move(*stem), *head, std::move(*nodes), std::move(*codes)};
}

Bytes ref_key(RefKind kind, const Hash& hash) {
    Bytes key(33);
    key[0] = static_cast<std::uint8_t>(kind);
    std::ranges::copy(hash.bytes, key.begin() + 1);
    return key;
}

Result<std::pair<RefKind, Hash>> decode_ref_key(ByteView key) noexcept {
    if (key.size() != 33) return std::unexpected(Errc::kWrongLength);
    if (key[0] > static_cast<std::uint8_t>(RefKind::kCode)) return std::unexpected(Errc::kInvalidArgument);
    return std::pair{static_cast<RefKind>(key[0]), Hash::from(key.subspan(1))};
}

Bytes encode_ref(RefCount ref) {
    Bytes value;
    append_u32_le(value, ref.count);
    append_u32_le(value, ref.size);
    return value;
}

Result<RefCount> decode_ref(ByteView value) noexcept {
    if (value.size() != 8) return std::unexpected(Errc::kWrongLength);
    return RefCount{read_u32_le(value.first(4)), read_u32_le(value.subspan(4))};
}

Bytes encode_group(const GroupEntry& entry) {
    Bytes value(entry.root.bytes.begin(), entry.root.bytes.end());
    append_u64(value, entry.number);
    return value;
}

Result<GroupEntry> decode_group(ByteView value) noexcept {
    if (value.size() != 40) return std::unexpected(Errc::kWrongLength);
    return GroupEntry{Hash::from(value.first(32)), read_u64(value.subspan(32))};
}

Bytes encode_number(std::uint64_t number) {
    Bytes out;
    append_u64(out, number);
    return out;
}

Result<std::uint64_t> decode_number(ByteView bytes) noexcept {
    if (bytes.size() != 8) return std::unexpected(Errc::kWrongLength);
    return read_u64(bytes);
}

Bytes age_key(std::uint64_t number, const Hash& root) {
    Bytes key = encode_number(number);
    append(key, root);
    return key;
}

Result<std::pair<std::uint64_t, Hash>> decode_age_key(ByteView key) noexcept {
    if (key.size() != 40) return std::unexpected(Errc::kWrongLength);
    return std::pair{read_u64(key.first(8)), Hash::from(key.subspan(8))};
}

Bytes encode_counters(const Counters& c) {
    Bytes payload;
    for (const std::uint64_t n : {c.usage, c.slices, c.nodes, c.codes, c.headers}) rlp::encode(payload, n);
    return rlp::wrap_list(payload);
}

Result<Counters> decode_counters(ByteView value) {
    auto payload = whole_list(value);
    if (!payload) return std::unexpected(payload.error());
    Counters c;
    for (std::uint64_t* field : {&c.usage, &c.slices, &c.nodes, &c.codes, &c.headers}) {
        auto n = rlp::decode_uint64(*payload);
        if (!n) return std::unexpected(n.error());
        *field = *n;
    }
    if (!payload->empty()) return std::unexpected(Errc::kListLengthMismatch);
    return c;
}

}  // namespace kitsunet::store::format
