#pragma once
/// ethereum/tests BlockchainTests runner, without an EVM: it checks what can be checked from the
/// data alone. Per case:
///   - the genesis block RLP decodes and hashes to genesisBlockHeader.hash;
///   - the root of `pre` (accounts with code and storage) is the genesis stateRoot;
///   - each valid block decodes strictly, hashes to its blockHeader.hash, links to the previous
///     block by parentHash, and its transactionsRoot, ommersHash and withdrawalsRoot match the
///     roots recomputed from its body;
///   - the last valid block's hash is lastblockhash, and the root of `postState` (where given) is
///     its stateRoot.
/// Blocks marked `expectException` are decoded too; whether they decode, and the first error, is
/// reported in the case's notes, never a crash. Their validity rules need an EVM: not checked.
#include "kitsunet/conformance/case_result.hpp"

namespace kitsunet::conformance {

/// Runs every case of one BlockchainTests file. Thread-safe.
CaseResults run_blockchain_tests(const boost::json::value& file);

}  // namespace kitsunet::conformance
