#include "kitsunet/core/account.hpp"

#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/rlp.hpp"

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

Result<Account> decode_account(ByteView from) noexcept {
    auto payload = decode_list(from);
    if (!payload) return std::unexpected(payload.error());
    if (auto done = ensure_consumed(from); !done) return std::unexpected(done.error());
    Account a;
    auto nonce = decode_uint64(*payload);
    if (!nonce) return std::unexpected(nonce.error());
    auto balance = decode_u256(*payload);
    if (!balance) return std::unexpected(balance.error());
    auto storage = decode_fixed<32>(*payload);
    if (!storage) return std::unexpected(storage.error());
    auto code = decode_fixed<32>(*payload);
    if (!code) return std::unexpected(code.error());
    if (!payload->empty()) return std::unexpected(Errc::kListLengthMismatch);
    return Account{*nonce, *balance, *storage, *code};
}

}  // namespace rlp

Hash code_hash(ByteView code) noexcept { return keccak256(code); }

}  // namespace kitsunet
