#include "kitsunet/core/receipt.hpp"

#include "kitsunet/core/block.hpp"
#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/rlp.hpp"

namespace kitsunet {
namespace {

void add_to_bloom(Bloom& bloom, ByteView entry) noexcept {
    const Hash h = keccak256(entry);
    for (std::size_t i = 0; i < 6; i += 2) {
        const unsigned bit = ((unsigned{h.bytes[i]} << 8) | h.bytes[i + 1]) & 2047u;
        bloom.bytes[255 - bit / 8] |= static_cast<std::uint8_t>(1u << (bit % 8));
    }
}

Status add_log(Bloom& bloom, ByteView log) {
    auto fields = rlp::decode_list(log);
    if (!fields) return std::unexpected(fields.error());
    auto address = rlp::decode_fixed<20>(*fields);
    if (!address) return std::unexpected(address.error());
    add_to_bloom(bloom, *address);
    auto topics = rlp::decode_list(*fields);
    if (!topics) return std::unexpected(topics.error());
    while (!topics->empty()) {
        auto topic = rlp::decode_fixed<32>(*topics);
        if (!topic) return std::unexpected(topic.error());
        add_to_bloom(bloom, *topic);
    }
    if (auto data = rlp::decode_string(*fields); !data) return std::unexpected(data.error());
    if (!fields->empty()) return std::unexpected(Errc::kListLengthMismatch);
    return rlp::ensure_consumed(log);
}

// [type, status, cumulativeGas, logs] → type || [status, cumulativeGas, bloom, logs] (no type byte for 0).
Result<Bytes> from_slim(std::span<const ByteView> fields) {
    ByteView type_item = fields[0];
    auto type = rlp::decode_uint64(type_item);
    if (!type) return std::unexpected(type.error());
    if (*type >= 0x80) return std::unexpected(Errc::kInvalidBlock);
    ByteView logs_item = fields[3];
    auto logs = rlp::decode_list(logs_item);
    if (!logs) return std::unexpected(logs.error());
    auto bloom = logs_bloom(*logs);
    if (!bloom) return std::unexpected(bloom.error());
    Bytes payload = concat(fields[1], fields[2]);
    rlp::encode(payload, bloom->view());
    payload.insert(payload.end(), fields[3].begin(), fields[3].end());
    Bytes out = *type == 0 ? Bytes{} : Bytes{static_cast<std::uint8_t>(*type)};
    const Bytes list = rlp::wrap_list(payload);
    out.insert(out.end(), list.begin(), list.end());
    return out;
}

// A list item with a 256-byte third field is a consensus legacy receipt; one with four fields
// otherwise is bloomless.
bool is_slim(std::span<const ByteView> fields) {
    if (fields.size() != 4) return false;
    ByteView third = fields[2];
    auto s = rlp::decode_string(third);
    return !(s && s->size() == 256);
}

}  // namespace

Result<Bloom> logs_bloom(ByteView logs_payload) {
    Bloom bloom;
    while (!logs_payload.empty()) {
        auto log = rlp::decode_raw(logs_payload);
        if (!log) return std::unexpected(log.error());
        if (auto ok = add_log(bloom, *log); !ok) return std::unexpected(ok.error());
    }
    return bloom;
}

Result<Bytes> receipt_trie_value(ByteView item) {
    ByteView in = item;
    auto payload = rlp::decode_list(in);
    if (!payload) return eip2718_trie_value(item);  // a typed receipt, or an error it reports
    auto fields = rlp::split_list(*payload);
    if (!fields) return std::unexpected(fields.error());
    if (is_slim(*fields)) return from_slim(*fields);
    return Bytes(item.begin(), item.end());
}

}  // namespace kitsunet
