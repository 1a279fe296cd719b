#pragma once
/// State files → accounts: a geth genesis alloc (also ethereum/tests `pre`/`postState`) and a geth
/// `dump`. Storage roots and code hashes are always recomputed from the storage and code given;
/// what a file claims (a dump's `root`, `codeHash`, per-account `root`) is only compared, and each
/// disagreement becomes a warning. Errors throw FormatError naming the offending entry.
/// Thread-safe (no shared state).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/fwd.hpp>

#include "kitsunet/core/account.hpp"
#include "kitsunet/core/trie/trie.hpp"
#include "kitsunet/ethjson/fields.hpp"

namespace kitsunet::ethjson {

struct AccountState {
    Address address;
    Account account;  // storage_root and code_hash computed from `storage` and `code`
    Bytes code;
    std::vector<StorageEntry> storage;
};

struct StateFile {
    std::vector<AccountState> accounts;  // sorted by address, distinct
    std::optional<Hash> claimed_root;    // a dump's "root", unverified
    std::vector<std::string> warnings;   // the file's claims that disagree with what was computed
};

/// `{address: balance}` or `{address: {balance, nonce?, code?, storage?: {slot: value}}}`, or a
/// whole genesis file holding such an object under "alloc". Balances and nonces are decimal or
/// 0x-hex text (or JSON integers); addresses, code, slots and values hex ("0x" optional).
StateFile read_alloc(const boost::json::value& alloc);

/// A geth dump: `{root, accounts: {address: {balance, nonce, root, codeHash, code?, storage?}}}`.
StateFile read_dump(const boost::json::value& dump);

/// The (address, account) pairs of `file`.
std::vector<std::pair<Address, Account>> account_list(const StateFile& file);

/// The state trie of `file` (keyed by keccak256(address), values the account RLP), for proofs.
trie::SecureTrie state_trie(const StateFile& file);

}  // namespace kitsunet::ethjson
