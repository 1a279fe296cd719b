#include "kitsunet/p2p/noise/symmetric_state.hpp"

#include <sodium.h>

#include <algorithm>

#include "kitsunet/core/assert.hpp"

namespace kitsunet::p2p::noise {

namespace {

HashValue hmac(const HashValue& key, ByteView a, ByteView b = {}) {
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, key.data(), key.size());
    crypto_auth_hmacsha256_update(&state, a.data(), a.size());
    crypto_auth_hmacsha256_update(&state, b.data(), b.size());
    HashValue out;
    crypto_auth_hmacsha256_final(&state, out.data());
    sodium_memzero(&state, sizeof state);
    return out;
}

CipherKey as_key(const HashValue& h) {
    CipherKey k;
    std::copy(h.begin(), h.end(), k.begin());
    return k;
}

}  // namespace

HashValue sha256(ByteView a, ByteView b) {
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    crypto_hash_sha256_update(&state, a.data(), a.size());
    crypto_hash_sha256_update(&state, b.data(), b.size());
    HashValue out;
    crypto_hash_sha256_final(&state, out.data());
    return out;
}

std::pair<HashValue, HashValue> hkdf2(const HashValue& chaining_key, ByteView input_key_material) {
    HashValue temp = hmac(chaining_key, input_key_material);
    const std::uint8_t one = 1, two = 2;
    HashValue out1 = hmac(temp, {&one, 1});
    HashValue out2 = hmac(temp, out1, {&two, 1});
    sodium_memzero(temp.data(), temp.size());
    return {out1, out2};
}

SymmetricState::SymmetricState(std::string_view protocol_name) {
    KITSUNET_ASSERT(protocol_name.size() <= kHashSize);
    std::copy(protocol_name.begin(), protocol_name.end(), h_.begin());
    ck_ = h_;
}

SymmetricState::~SymmetricState() { sodium_memzero(ck_.data(), ck_.size()); }

void SymmetricState::mix_key(ByteView input_key_material) {
    auto [ck, temp_k] = hkdf2(ck_, input_key_material);
    ck_ = ck;
    cipher_.initialize_key(as_key(temp_k));
    sodium_memzero(ck.data(), ck.size());
    sodium_memzero(temp_k.data(), temp_k.size());
}

void SymmetricState::mix_hash(ByteView data) { h_ = sha256(h_, data); }

void SymmetricState::encrypt_and_hash(ByteView plaintext, Bytes& out) {
    const std::size_t start = out.size();
    if (!cipher_.has_key()) {
        out.insert(out.end(), plaintext.begin(), plaintext.end());
    } else {
        out.resize(start + plaintext.size() + kTagSize);
        cipher_.encrypt(h_, plaintext, std::span(out).subspan(start));
    }
    mix_hash(ByteView(out).subspan(start));
}

bool SymmetricState::decrypt_and_hash(ByteView ciphertext, Bytes& plaintext) {
    if (!cipher_.has_key()) {
        plaintext.assign(ciphertext.begin(), ciphertext.end());
    } else {
        if (ciphertext.size() < kTagSize) return false;
        plaintext.resize(ciphertext.size() - kTagSize);
        if (!cipher_.decrypt(h_, ciphertext, plaintext)) return false;
    }
    mix_hash(ciphertext);
    return true;
}

std::pair<CipherState, CipherState> SymmetricState::split() {
    auto [k1, k2] = hkdf2(ck_, {});
    std::pair<CipherState, CipherState> out{CipherState(as_key(k1)), CipherState(as_key(k2))};
    sodium_memzero(k1.data(), k1.size());
    sodium_memzero(k2.data(), k2.size());
    return out;
}

}  // namespace kitsunet::p2p::noise
