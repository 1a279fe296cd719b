// Block, body and receipt decoding of outside bytes: never crashes; whatever decodes yields its
// roots, and a decoded block's withdrawals agree with its header's fork.
#include <cstdint>
#include <cstdlib>

#include "kitsunet/core/block.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const kitsunet::ByteView input{data, size};
    if (const auto block = kitsunet::rlp::decode_block(input)) {
        if (block->body.withdrawals.has_value() != block->header.withdrawals_root.has_value()) std::abort();
        (void)kitsunet::transactions_root(block->body);
        (void)kitsunet::ommers_hash(block->body);
        if (block->body.withdrawals) (void)kitsunet::withdrawals_root(block->body);
    }
    if (const auto body = kitsunet::rlp::decode_body(input)) (void)kitsunet::transactions_root(*body);
    if (const auto receipts = kitsunet::rlp::decode_receipts(input)) (void)kitsunet::receipts_root(*receipts);
    return 0;
}
