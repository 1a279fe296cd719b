#include "kitsunet/core/header.hpp"

#include <algorithm>
#include <array>
#include <tuple>
#include <utility>
#include <vector>

#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/rlp.hpp"

namespace kitsunet {
namespace {

constexpr std::array<std::string_view, kMaxHeaderFields> kFieldNames{
    "parentHash",    "sha3Uncles",      "miner",       "stateRoot",     "transactionsRoot",
    "receiptsRoot",  "logsBloom",       "difficulty",  "number",        "gasLimit",
    "gasUsed",       "timestamp",       "extraData",   "mixHash",       "nonce",
    "baseFeePerGas", "withdrawalsRoot", "blobGasUsed", "excessBlobGas", "parentBeaconBlockRoot",
    "requestsHash"};

// Field counts of the forks, in Fork order.
constexpr std::array<std::size_t, 5> kForkFieldCounts{15, 16, 17, 20, 21};

template <class H>
auto fields(H& h) noexcept {
    return std::tie(h.parent_hash, h.ommers_hash, h.beneficiary, h.state_root, h.transactions_root,
                    h.receipts_root, h.logs_bloom, h.difficulty, h.number, h.gas_limit, h.gas_used,
                    h.timestamp, h.extra_data, h.mix_hash, h.nonce, h.base_fee_per_gas, h.withdrawals_root,
                    h.blob_gas_used, h.excess_blob_gas, h.parent_beacon_block_root, h.requests_hash);
}

// Calls f(field) for the first `count` fields of `h`, stopping at the first f that returns false.
template <class H, class F, std::size_t... I>
std::size_t visit_fields(H& h, std::size_t count, F&& f, std::index_sequence<I...>) {
    auto all = fields(h);
    std::size_t visited = 0;
    ((I < count && f(std::get<I>(all)) && ++visited == I + 1) && ...);
    return visited;
}

template <class H, class F>
std::size_t visit_fields(H& h, std::size_t count, F&& f) {
    return visit_fields(h, count, std::forward<F>(f), std::make_index_sequence<kMaxHeaderFields>{});
}

template <std::size_t N>
std::size_t field_length(const FixedBytes<N>& f) noexcept {
    return rlp::length(f.view());
}
std::size_t field_length(const Bytes& b) noexcept { return rlp::length(ByteView{b}); }
std::size_t field_length(const U256& x) noexcept { return rlp::length(x); }
std::size_t field_length(std::uint64_t x) noexcept { return rlp::length(x); }
template <class T>
std::size_t field_length(const std::optional<T>& o) noexcept {
    return field_length(*o);
}

template <std::size_t N>
void encode_field(Bytes& to, const FixedBytes<N>& f) {
    rlp::encode(to, f.view());
}
void encode_field(Bytes& to, const Bytes& b) { rlp::encode(to, ByteView{b}); }
void encode_field(Bytes& to, const U256& x) { rlp::encode(to, x); }
void encode_field(Bytes& to, std::uint64_t x) { rlp::encode(to, x); }
template <class T>
void encode_field(Bytes& to, const std::optional<T>& o) {
    encode_field(to, *o);
}

template <class T>
Status assign(T& field, Result<T> decoded) noexcept {
    if (!decoded) return std::unexpected(decoded.error());
    field = std::move(*decoded);
    return {};
}

template <std::size_t N>
Status decode_field(ByteView& from, FixedBytes<N>& f) noexcept {
    return assign(f, rlp::decode_fixed<N>(from));
}
Status decode_field(ByteView& from, U256& x) noexcept { return assign(x, rlp::decode_u256(from)); }
Status decode_field(ByteView& from, std::uint64_t& x) noexcept { return assign(x, rlp::decode_uint64(from)); }
Status decode_field(ByteView& from, Bytes& b) noexcept {
    auto s = rlp::decode_string(from);
    if (!s) return std::unexpected(s.error());
    b.assign(s->begin(), s->end());
    return {};
}
template <class T>
Status decode_field(ByteView& from, std::optional<T>& o) noexcept {
    return decode_field(from, o.emplace());
}

// Splits the list payload into raw fields; a malformed item is blamed on its field.
std::expected<std::vector<ByteView>, rlp::HeaderError> split_fields(ByteView payload) {
    std::vector<ByteView> items;
    while (!payload.empty()) {
        auto raw = rlp::decode_raw(payload);
        if (!raw)
            return std::unexpected(rlp::HeaderError{raw.error(), std::min(items.size(), kMaxHeaderFields)});
        items.push_back(*raw);
    }
    return items;
}

std::size_t payload_length(const BlockHeader& h) noexcept {
    std::size_t total = 0;
    visit_fields(h, h.field_count(), [&](const auto& f) {
        total += field_length(f);
        return true;
    });
    return total;
}

}  // namespace

std::string_view fork_name(Fork f) noexcept {
    constexpr std::array<std::string_view, 5> kNames{"frontier", "london", "shanghai", "cancun", "prague"};
    return kNames[static_cast<std::size_t>(f)];
}

std::string_view header_field_name(std::size_t index) noexcept {
    return index < kMaxHeaderFields ? kFieldNames[index] : std::string_view{"(list)"};
}

bool BlockHeader::well_formed() const noexcept {
    const bool blob = blob_gas_used.has_value();
    if (blob != excess_blob_gas.has_value() || blob != parent_beacon_block_root.has_value()) return false;
    if (withdrawals_root && !base_fee_per_gas) return false;
    if (blob && !withdrawals_root) return false;
    return !requests_hash || blob;
}

Fork BlockHeader::fork() const noexcept {
    if (requests_hash) return Fork::kPrague;
    if (blob_gas_used) return Fork::kCancun;
    if (withdrawals_root) return Fork::kShanghai;
    if (base_fee_per_gas) return Fork::kLondon;
    return Fork::kFrontier;
}

std::size_t BlockHeader::field_count() const noexcept {
    return kForkFieldCounts[static_cast<std::size_t>(fork())];
}

namespace rlp {

std::size_t length(const BlockHeader& h) noexcept {
    const std::size_t payload = payload_length(h);
    return length_of_header(payload) + payload;
}

void encode(Bytes& to, const BlockHeader& h) {
    encode_header(to, {true, payload_length(h)});
    visit_fields(h, h.field_count(), [&](const auto& f) {
        encode_field(to, f);
        return true;
    });
}

std::expected<BlockHeader, HeaderError> decode_block_header_at(ByteView& from) {
    auto payload = decode_list(from);
    if (!payload) return std::unexpected(HeaderError{payload.error(), kMaxHeaderFields});
    auto items = split_fields(*payload);
    if (!items) return std::unexpected(items.error());
    if (std::ranges::find(kForkFieldCounts, items->size()) == kForkFieldCounts.end())
        return std::unexpected(HeaderError{Errc::kHeaderFieldCount, kMaxHeaderFields});
    BlockHeader h;
    std::size_t index = 0;
    Errc error{};
    visit_fields(h, items->size(), [&](auto& f) {
        auto ok = decode_field((*items)[index], f);  // each item is exactly one RLP item
        if (!ok) error = ok.error();
        return ok && ++index;
    });
    if (index < items->size()) return std::unexpected(HeaderError{error, index});
    return h;
}

std::expected<BlockHeader, HeaderError> decode_block_header(ByteView from) {
    auto h = decode_block_header_at(from);
    if (h && !from.empty()) return std::unexpected(HeaderError{Errc::kTrailingBytes, kMaxHeaderFields});
    return h;
}

}  // namespace rlp

Hash block_hash(const BlockHeader& h) {
    Bytes out;
    out.reserve(rlp::length(h));
    rlp::encode(out, h);
    return keccak256(out);
}

}  // namespace kitsunet
