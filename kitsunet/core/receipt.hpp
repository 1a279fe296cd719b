#pragma once
/// Receipts as far as receiptsRoot: their trie values and logs blooms. Pure and thread-safe.
/// A receipt item comes in one of three forms:
///   - consensus, typed:  an RLP string holding type || RLP([status, cumulativeGas, bloom, logs])
///   - consensus, legacy: the RLP list [status, cumulativeGas, bloom, logs]
///   - bloomless ("slim", eth/69 and portal-spec-tests): [type, status, cumulativeGas, logs],
///     from which the consensus form is rebuilt with the bloom computed from the logs.
#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/error.hpp"
#include "kitsunet/core/header.hpp"

namespace kitsunet {

/// The 2048-bit bloom of logs given as the payload of their RLP list (each log [address, topics,
/// data]): for the address and each topic, three bits from its keccak256 (yellow paper §4.3.1).
/// Errors: RLP errors, kWrongLength (address not 20 bytes, topic not 32 bytes).
Result<Bloom> logs_bloom(ByteView logs_payload);

/// The receipts-trie value of one receipt item in any of the forms above.
Result<Bytes> receipt_trie_value(ByteView item);

}  // namespace kitsunet
