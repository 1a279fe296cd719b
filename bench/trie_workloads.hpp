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

/// The same pairs laid out in one contiguous buffer, key then value, pair after pair: the way a
/// real import reads them (a database iterator, a dump file). Timing over `Pairs` instead, whose
/// million keys and values are separate heap blocks scattered by the sort, would mostly measure
/// cache misses of the harness's own layout.
class FlatPairs {
  public:
    explicit FlatPairs(const Pairs& pairs);
    std::size_t size() const noexcept { return (offsets_.size() - 1) / 2; }
    ByteView key(std::size_t i) const noexcept { return slice(2 * i); }
    ByteView value(std::size_t i) const noexcept { return slice(2 * i + 1); }

  private:
    ByteView slice(std::size_t j) const noexcept {
        return {data_.data() + offsets_[j], offsets_[j + 1] - offsets_[j]};
    }
    Bytes data_;
    std::vector<std::size_t> offsets_{0};  // item j spans [offsets_[j], offsets_[j + 1])
};

}  // namespace kitsunet::bench
