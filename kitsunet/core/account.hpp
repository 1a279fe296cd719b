#pragma once
/// Ethereum accounts (yellow paper §4.1) as the state trie stores them, and the roots built from them:
/// storage root from slots, code hash from code, state root from accounts.
/// All functions are pure and thread-safe.
#include <span>
#include <utility>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/error.hpp"
#include "kitsunet/core/trie/node.hpp"
#include "kitsunet/core/uint256.hpp"

namespace kitsunet {

/// keccak256 of empty code: the code hash of every account without code.
using trie::kEmptyCodeHash;

struct Account {
    std::uint64_t nonce{0};
    U256 balance{};
    Hash storage_root{trie::kEmptyRoot};
    Hash code_hash{kEmptyCodeHash};

    friend bool operator==(const Account&, const Account&) = default;
};

namespace rlp {
/// RLP [nonce, balance, storageRoot, codeHash]; a zero balance or nonce is the empty string.
std::size_t length(const Account& a) noexcept;
void encode(Bytes& to, const Account& a);
/// Strict: exactly four canonical fields, 32-byte hashes, nothing after the list.
/// Errors: RLP errors, kListLengthMismatch, kWrongLength, kOverflow.
Result<Account> decode_account(ByteView from) noexcept;

/// The four fields of an account's RLP, checked as decode_account checks them but not converted
/// (for checking many accounts fast): big-endian minimal numbers, 32-byte hashes, borrowing `from`.
struct AccountFields {
    ByteView nonce;
    ByteView balance;
    ByteView storage_root;
    ByteView code_hash;
};
/// Errors: as decode_account.
Result<AccountFields> decode_account_fields(ByteView from) noexcept;
}  // namespace rlp

/// The code hash of `code` (kEmptyCodeHash for empty code).
Hash code_hash(ByteView code) noexcept;

/// One storage slot and its value, as geth and the genesis alloc name them.
struct StorageEntry {
    U256 slot;
    U256 value;
};

/// The root of an account's storage trie: key keccak256(slot as 32 bytes), value the RLP of the
/// value's minimal big-endian bytes; zero values are absent. Precondition: slots are distinct.
Hash storage_root(std::span<const StorageEntry> storage);

/// The state root of `accounts` (secure trie keyed by keccak256 of the 20 address bytes, values the
/// account RLP). Precondition: addresses are distinct. Order does not matter.
Hash state_root(std::span<const std::pair<Address, Account>> accounts);

}  // namespace kitsunet
