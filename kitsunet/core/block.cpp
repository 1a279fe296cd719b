#include "kitsunet/core/block.hpp"

#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/receipt.hpp"
#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/trie/ordered.hpp"

namespace kitsunet {
namespace {

using BlockResult = std::expected<void, BlockError>;

}  // namespace

Result<Bytes> eip2718_trie_value(ByteView item) {
    ByteView in = item;
    auto h = rlp::decode_header(in);
    if (!h) return std::unexpected(h.error());
    if (h->list) return Bytes(item.begin(), item.end());
    ByteView whole = item;
    auto envelope = rlp::decode_string(whole);
    if (!envelope) return std::unexpected(envelope.error());
    if (envelope->empty() || (*envelope)[0] >= 0x80) return std::unexpected(Errc::kInvalidBlock);
    ByteView payload = envelope->subspan(1);
    if (auto list = rlp::decode_list(payload); !list) return std::unexpected(list.error());
    if (auto done = rlp::ensure_consumed(payload); !done) return std::unexpected(done.error());
    return Bytes(envelope->begin(), envelope->end());
}

namespace {

// Reads a list of typed-or-legacy items from the front of `from`.
using TrieValueOf = Result<Bytes> (*)(ByteView item);

std::expected<std::vector<Bytes>, BlockError> decode_items(ByteView& from, std::string_view part,
                                                           TrieValueOf value_of) {
    auto payload = rlp::decode_list(from);
    if (!payload) return std::unexpected(BlockError{payload.error(), part});
    std::vector<Bytes> values;
    while (!payload->empty()) {
        auto raw = rlp::decode_raw(*payload);
        auto value = raw ? value_of(*raw) : Result<Bytes>{std::unexpected(raw.error())};
        if (!value) return std::unexpected(BlockError{value.error(), part, values.size()});
        values.push_back(std::move(*value));
    }
    return values;
}

// [index, validatorIndex, address, amount] (EIP-4895), exactly.
Status check_withdrawal(ByteView raw) {
    auto fields = rlp::decode_list(raw);
    if (!fields) return std::unexpected(fields.error());
    if (auto i = rlp::decode_uint64(*fields); !i) return std::unexpected(i.error());
    if (auto v = rlp::decode_uint64(*fields); !v) return std::unexpected(v.error());
    if (auto a = rlp::decode_fixed<20>(*fields); !a) return std::unexpected(a.error());
    if (auto g = rlp::decode_uint64(*fields); !g) return std::unexpected(g.error());
    if (!fields->empty()) return std::unexpected(Errc::kListLengthMismatch);
    return rlp::ensure_consumed(raw);
}

BlockResult decode_withdrawals(ByteView& from, BlockBody& body) {
    auto payload = rlp::decode_list(from);
    if (!payload) return std::unexpected(BlockError{payload.error(), "withdrawals"});
    auto& list = body.withdrawals.emplace();
    while (!payload->empty()) {
        auto raw = rlp::decode_raw(*payload);
        auto ok = raw ? check_withdrawal(*raw) : Status{std::unexpected(raw.error())};
        if (!ok) return std::unexpected(BlockError{ok.error(), "withdrawals", list.size()});
        list.emplace_back(raw->begin(), raw->end());
    }
    return {};
}

BlockResult decode_ommers(ByteView& from, BlockBody& body) {
    const ByteView start = from;
    auto payload = rlp::decode_list(from);
    if (!payload) return std::unexpected(BlockError{payload.error(), "ommers"});
    const ByteView list = start.first(start.size() - from.size());
    body.ommers_rlp.assign(list.begin(), list.end());
    for (; !payload->empty(); ++body.ommer_count) {
        auto ommer = rlp::decode_block_header_at(*payload);
        if (!ommer) return std::unexpected(BlockError{ommer.error().code, "ommers", body.ommer_count});
    }
    return {};
}

// transactions, ommers, then withdrawals when present; `fields` must hold nothing else.
std::expected<BlockBody, BlockError> decode_body_fields(ByteView fields) {
    BlockBody body;
    auto txs = decode_items(fields, "transactions", &eip2718_trie_value);
    if (!txs) return std::unexpected(txs.error());
    body.transactions = std::move(*txs);
    if (auto ok = decode_ommers(fields, body); !ok) return std::unexpected(ok.error());
    if (!fields.empty())
        if (auto ok = decode_withdrawals(fields, body); !ok) return std::unexpected(ok.error());
    if (!fields.empty()) return std::unexpected(BlockError{Errc::kListLengthMismatch, "block"});
    return body;
}

// The payload of the one list spanning `from`.
std::expected<ByteView, BlockError> whole_list(ByteView from) {
    auto payload = rlp::decode_list(from);
    if (!payload) return std::unexpected(BlockError{payload.error(), "block"});
    if (!from.empty()) return std::unexpected(BlockError{Errc::kTrailingBytes, "block"});
    return *payload;
}

}  // namespace

namespace rlp {

std::expected<Block, BlockError> decode_block(ByteView from) {
    auto fields = whole_list(from);
    if (!fields) return std::unexpected(fields.error());
    auto header = decode_block_header_at(*fields);
    if (!header) return std::unexpected(BlockError{header.error().code, "header", header.error().field});
    auto body = decode_body_fields(*fields);
    if (!body) return std::unexpected(body.error());
    if (body->withdrawals.has_value() != header->withdrawals_root.has_value())
        return std::unexpected(BlockError{Errc::kInvalidBlock, "withdrawals"});
    return Block{std::move(*header), std::move(*body)};
}

std::expected<BlockBody, BlockError> decode_body(ByteView from) {
    auto fields = whole_list(from);
    if (!fields) return std::unexpected(fields.error());
    return decode_body_fields(*fields);
}

std::expected<std::vector<Bytes>, BlockError> decode_receipts(ByteView from) {
    auto receipts = decode_items(from, "receipts", &receipt_trie_value);
    if (receipts && !from.empty()) return std::unexpected(BlockError{Errc::kTrailingBytes, "receipts"});
    return receipts;
}

}  // namespace rlp

Hash transactions_root(const BlockBody& body) { return trie::ordered_root(body.transactions); }

Hash ommers_hash(const BlockBody& body) noexcept { return keccak256(body.ommers_rlp); }

Hash withdrawals_root(const BlockBody& body) { return trie::ordered_root(*body.withdrawals); }

Hash receipts_root(std::span<const Bytes> receipts) { return trie::ordered_root(receipts); }

}  // namespace kitsunet
