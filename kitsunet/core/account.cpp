#include "kitsunet/core/account.hpp"

#include <algorithm>
#include <vector>

#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/trie/hash_builder.hpp"

namespace kitsunet {

namespace rlp {
namespace {

std::size_t payload_length(const Account& a) noexcept {
    return length(a.nonce) + length(a.balance) + 2 * (1 + 32);
}

}  // namespace

std::size_t length(const Account& a) noexcept {
    const std::size_t payload = payload_length(a);
    return length_of_header(payload) + payload;
}

void encode(Bytes& to, const Account& a) {
    encode_header(to, {true, payload_length(a)});
    encode(to, a.nonce);
    encode(to, a.balance);
    encode(to, a.storage_root.view());
    encode(to, a.code_hash.view());
}

Result<AccountFields> decode_account_fields(ByteView from) noexcept {
    auto payload = decode_list(from);
    if (!payload) return std::unexpected(payload.error());
    if (auto done = ensure_consumed(from); !done) return std::unexpected(done.error());
    AccountFields fields;
    for (auto [field, max_bytes] : {std::pair{&fields.nonce, 8u}, std::pair{&fields.balance, 32u}}) {
        auto number = decode_uint_bytes(*payload, max_bytes);
        if (!number) return std::unexpected(number.error());
        *field = *number;
    }
    for (ByteView* field : {&fields.storage_root, &fields.code_hash}) {
        auto hash = decode_string(*payload);
        if (!hash) return std::unexpected(hash.error());
        if (hash->size() != 32) return std::unexpected(Errc::kWrongLength);
        *field = *hash;
    }
    if (!payload->empty()) return std::unexpected(Errc::kListLengthMismatch);
    return fields;
}

Result<Account> decode_account(ByteView from) noexcept {
    auto fields = decode_account_fields(from);
    if (!fields) return std::unexpected(fields.error());
    std::uint64_t nonce = 0;
    for (std::uint8_t b : fields->nonce) nonce = (nonce << 8) | b;
    const auto balance = U256::from_big_endian(fields->balance);  // at most 32 bytes: cannot fail
    return Account{nonce, *balance, Hash::from(fields->storage_root), Hash::from(fields->code_hash)};
}

}  // namespace rlp

Hash code_hash(ByteView code) noexcept { return keccak256(code); }

namespace {

struct KeyedValue {
    Hash key;
    Bytes value;
};

// Root of a secure trie from (hashed key, value) pairs in any order.
Hash secure_root(std::vector<KeyedValue>& entries) {
    std::ranges::sort(entries, {}, &KeyedValue::key);
    trie::HashBuilder builder;
    for (const auto& e : entries) builder.add(e.key, e.value);
    return builder.root();
}

}  // namespace

Hash storage_root(std::span<const StorageEntry> storage) {
    std::vector<KeyedValue> entries;
    entries.reserve(storage.size());
    for (const auto& [slot, value] : storage)
        if (!value.is_zero())
            entries.push_back({keccak256(slot.to_bytes32()), rlp::encode_string(value.to_big_endian())});
    return secure_root(entries);
}

Hash state_root(std::span<const std::pair<Address, Account>> accounts) {
    std::vector<KeyedValue> entries;
    entries.reserve(accounts.size());
    for (const auto& [address, account] : accounts) {
        Bytes value;
        rlp::encode(value, account);
        entries.push_back({keccak256(address), std::move(value)});
    }
    return secure_root(entries);
}

}  // namespace kitsunet
