#include "kitsunet/ethjson/state_file.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/rlp.hpp"

namespace kitsunet::ethjson {
namespace {

namespace json = boost::json;

std::vector<StorageEntry> read_storage(const json::value* storage, const std::string& what) {
    std::vector<StorageEntry> entries;
    if (storage == nullptr) return entries;
    if (!storage->is_object()) throw FormatError(what + ": storage: expected a JSON object");
    for (const auto& [slot, value] : storage->get_object()) {
        const std::string where = what + ": storage " + std::string(slot);
        entries.push_back({read_hex_number(json::value(slot), where), read_hex_number(value, where)});
    }
    return entries;
}

// The fields an alloc entry and a dump entry share: balance, nonce, code, storage.
AccountState read_account(std::string_view address, const json::value& entry) {
    const std::string what(address);
    AccountState state{read_address(address, what), {}, {}, {}};
    if (!entry.is_object()) {  // the short form: the balance alone
        state.account.balance = read_number(entry, what + ": balance");
        return state;
    }
    state.account.balance = read_number(member(entry, "balance", what), what + ": balance");
    if (const auto* nonce = find_member(entry, "nonce", what))
        state.account.nonce = read_uint64(*nonce, what + ": nonce");
    if (const auto* code = find_member(entry, "code", what)) state.code = read_bytes(*code, what + ": code");
    state.storage = read_storage(find_member(entry, "storage", what), what);
    state.account.code_hash = code_hash(state.code);
    state.account.storage_root = storage_root(state.storage);
    return state;
}

void sort_and_check_distinct(StateFile& file) {
    std::ranges::sort(file.accounts, {}, &AccountState::address);
    const auto dup = std::ranges::adjacent_find(file.accounts, {}, &AccountState::address);
    if (dup != file.accounts.end()) throw FormatError(to_hex(dup->address, true) + ": listed twice");
}

// Compares a claimed hash with the computed one; a disagreement becomes a warning.
void compare_claim(StateFile& file, const json::value& entry, std::string_view key, const Hash& computed,
                   const std::string& what) {
    const auto* claim = find_member(entry, key, what);
    if (claim == nullptr) return;
    const Hash claimed = read_hash(*claim, what + ": " + std::string(key));
    if (claimed != computed)
        file.warnings.push_back(what + ": file claims " + std::string(key) + " " + to_hex(claimed, true) +
                                ", recomputed " + to_hex(computed, true) + " (using the recomputed one)");
}

}  // namespace

StateFile read_alloc(const json::value& alloc) {
    const json::value* accounts = &alloc;
    if (const auto* inner = find_member(alloc, "alloc", "alloc")) accounts = inner;
    if (!accounts->is_object()) throw FormatError("alloc: expected a JSON object");
    StateFile file;
    for (const auto& [address, entry] : accounts->get_object())
        file.accounts.push_back(read_account(address, entry));
    sort_and_check_distinct(file);
    return file;
}

StateFile read_dump(const json::value& dump) {
    StateFile file;
    if (const auto* root = find_member(dump, "root", "dump"))
        file.claimed_root = read_hash(*root, "dump: root");
    const auto& accounts = member(dump, "accounts", "dump");
    if (!accounts.is_object()) throw FormatError("dump: accounts: expected a JSON object");
    for (const auto& [address, entry] : accounts.get_object()) {
        auto state = read_account(address, entry);
        const std::string what(address);
        compare_claim(file, entry, "root", state.account.storage_root, what);
        compare_claim(file, entry, "codeHash", state.account.code_hash, what);
        file.accounts.push_back(std::move(state));
    }
    sort_and_check_distinct(file);
    return file;
}

std::vector<std::pair<Address, Account>> account_list(const StateFile& file) {
    std::vector<std::pair<Address, Account>> list;
    list.reserve(file.accounts.size());
    for (const auto& a : file.accounts) list.emplace_back(a.address, a.account);
    return list;
}

trie::SecureTrie state_trie(const StateFile& file) {
    trie::SecureTrie t;
    Bytes value;
    for (const auto& a : file.accounts) {
        value.clear();
        rlp::encode(value, a.account);
        t.put(a.address, value);
    }
    return t;
}

}  // namespace kitsunet::ethjson
