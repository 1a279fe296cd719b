#pragma once
/// Blocks as far as their header commitments: RLP [header, transactions, ommers(, withdrawals)],
/// decoded enough to recompute transactionsRoot, ommersHash and withdrawalsRoot, plus receiptsRoot
/// from a receipt list. Transactions and receipts are not interpreted beyond EIP-2718's rule:
/// a legacy item is an RLP list, and its trie value is that list's encoding; a typed item is an
/// RLP string holding the envelope (type byte < 0x80, then an RLP list), and its trie value is
/// the envelope. All functions are pure and thread-safe.
#include <optional>
#include <string_view>
#include <vector>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/error.hpp"
#include "kitsunet/core/header.hpp"

namespace kitsunet {

struct BlockBody {
    std::vector<Bytes> transactions;  // trie values (see above)
    Bytes ommers_rlp;                 // the ommers list as encoded in the block
    std::size_t ommer_count{0};
    std::optional<std::vector<Bytes>> withdrawals;  // each withdrawal's RLP (Shanghai on)
};

struct Block {
    BlockHeader header;
    BlockBody body;
};

/// Where a block decode failed: the error, the part ("block", "header", "transactions",
/// "ommers", "withdrawals", "receipts") and the index within it (a header field, an item).
struct BlockError {
    Errc code;
    std::string_view part;
    std::size_t index{0};
};

namespace rlp {
/// A whole block spanning `from`. Errors name the part at fault; headers as rlp::decode_header.
std::expected<Block, BlockError> decode_block(ByteView from);
/// A body [transactions, ommers(, withdrawals)] spanning `from` (the portal network's form).
std::expected<BlockBody, BlockError> decode_body(ByteView from);
/// A receipt list spanning `from`: each receipt's trie value (any form of receipt.hpp).
std::expected<std::vector<Bytes>, BlockError> decode_receipts(ByteView from);
}  // namespace rlp

/// The trie value of one transaction (or consensus receipt) item, by the typed/legacy rule above.
/// Errors: RLP errors; kInvalidBlock for an envelope that is empty or whose type byte is >= 0x80.
Result<Bytes> eip2718_trie_value(ByteView item);

Hash transactions_root(const BlockBody& body);
/// keccak256 of the ommers list RLP.
Hash ommers_hash(const BlockBody& body) noexcept;
/// Precondition: body.withdrawals.
Hash withdrawals_root(const BlockBody& body);
Hash receipts_root(std::span<const Bytes> receipts);

}  // namespace kitsunet
