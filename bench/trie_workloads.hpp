#pragma once
// Inputs of the trie benchmark: random accounts, random key/value pairs, the mainnet genesis alloc.
#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "kitsunet/core/bytes.hpp"

namespace kitsunet::bench {

/// (key, value) pairs in generation (random) order.
using Pairs = std::vector<std::pair<Bytes, Bytes>>;

/// The RLP of an account without code or storage: [nonce, balance, kEmptyRoot, kEmptyCodeHash].
/// `balance` is big-endian without leading zeros (empty for zero).
Bytes account_rlp(std::uint64_t nonce, ByteView balance);

/// `n` accounts under keccak256 of random addresses, with random nonces and balances.
Pairs random_accounts(std::mt19937_64& rng, std::size_t n);

/// `n` random 32-byte keys with random 70-byte values.
Pairs random_pairs(std::mt19937_64& rng, std::size_t n);

/// The mainnet genesis alloc, as (address hex, balance hex) text pairs: the parse is not timed.
std::vector<std::pair<std::string, std::string>> read_genesis_alloc(const std::filesystem::path& file);

/// Sorts pairs by key (bytewise), the order HashBuilder needs.
void sort_by_key(Pairs& pairs);

}  // namespace kitsunet::bench
