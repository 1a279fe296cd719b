#include "kitsunet/p2p/noise/cipher_state.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include <limits>
#include <utility>

#include "kitsunet/core/assert.hpp"

namespace kitsunet::p2p::noise {

namespace {

int to_int(std::size_t n) {
    KITSUNET_ASSERT(n <= static_cast<std::size_t>(std::numeric_limits<int>::max()));
    return static_cast<int>(n);
}

}  // namespace

CipherState::CipherState(const CipherKey& key) { initialize_key(key); }

CipherState::~CipherState() {
    sodium_memzero(key_.data(), key_.size());
    if (ctx_ != nullptr) EVP_CIPHER_CTX_free(ctx_);
}

CipherState::CipherState(CipherState&& other) noexcept
    : key_(other.key_),
      nonce_(other.nonce_),
      ctx_(std::exchange(other.ctx_, nullptr)),
      mode_(std::exchange(other.mode_, -1)),
      has_key_(std::exchange(other.has_key_, false)) {
    sodium_memzero(other.key_.data(), other.key_.size());
}

CipherState& CipherState::operator=(CipherState&& other) noexcept {
    if (this != &other) {
        if (ctx_ != nullptr) EVP_CIPHER_CTX_free(ctx_);
        key_ = other.key_;
        sodium_memzero(other.key_.data(), other.key_.size());
        nonce_ = other.nonce_;
        ctx_ = std::exchange(other.ctx_, nullptr);
        mode_ = std::exchange(other.mode_, -1);
        has_key_ = std::exchange(other.has_key_, false);
    }
    return *this;
}

void CipherState::initialize_key(const CipherKey& key) {
    key_ = key;
    nonce_ = 0;
    has_key_ = true;
    mode_ = -1;
}

void CipherState::prepare(bool encrypting) {
    if (ctx_ == nullptr) {
        ctx_ = EVP_CIPHER_CTX_new();
        KITSUNET_ASSERT(ctx_ != nullptr);
    }
    const int mode = encrypting ? 1 : 0;
    if (mode_ != mode) {  // key setup once per direction, not per message
        KITSUNET_ASSERT(
            EVP_CipherInit_ex(ctx_, EVP_chacha20_poly1305(), nullptr, key_.data(), nullptr, mode) == 1);
        mode_ = mode;
    }
}

std::array<std::uint8_t, 12> CipherState::next_nonce() {
    KITSUNET_ASSERT(nonce_ != std::numeric_limits<std::uint64_t>::max());
    std::array<std::uint8_t, 12> iv{};
    for (int i = 0; i < 8; ++i)
        iv[static_cast<std::size_t>(4 + i)] = static_cast<std::uint8_t>(nonce_ >> (8 * i));
    ++nonce_;
    return iv;
}

void CipherState::encrypt(ByteView ad, ByteView plaintext, std::span<std::uint8_t> out) {
    KITSUNET_ASSERT(has_key_ && out.size() >= plaintext.size() + kTagSize);
    prepare(true);
    const auto iv = next_nonce();
    int len = 0;
    KITSUNET_ASSERT(EVP_CipherInit_ex(ctx_, nullptr, nullptr, nullptr, iv.data(), 1) == 1);
    if (!ad.empty())
        KITSUNET_ASSERT(EVP_CipherUpdate(ctx_, nullptr, &len, ad.data(), to_int(ad.size())) == 1);
    if (!plaintext.empty())
        KITSUNET_ASSERT(
            EVP_CipherUpdate(ctx_, out.data(), &len, plaintext.data(), to_int(plaintext.size())) == 1);
    KITSUNET_ASSERT(EVP_CipherFinal_ex(ctx_, out.data() + plaintext.size(), &len) == 1);
    KITSUNET_ASSERT(
        EVP_CIPHER_CTX_ctrl(ctx_, EVP_CTRL_AEAD_GET_TAG, kTagSize, out.data() + plaintext.size()) == 1);
}

bool CipherState::decrypt(ByteView ad, ByteView ciphertext, std::span<std::uint8_t> out) {
    KITSUNET_ASSERT(has_key_);
    if (ciphertext.size() < kTagSize) return false;
    const std::size_t size = ciphertext.size() - kTagSize;
    KITSUNET_ASSERT(out.size() >= size);
    prepare(false);
    const auto iv = next_nonce();
    // The tag is copied out first: an in-place decryption may be asked to write over it.
    std::array<std::uint8_t, kTagSize> tag;
    std::copy_n(ciphertext.data() + size, kTagSize, tag.begin());
    int len = 0;
    if (EVP_CipherInit_ex(ctx_, nullptr, nullptr, nullptr, iv.data(), 0) != 1) return false;
    if (!ad.empty() && EVP_CipherUpdate(ctx_, nullptr, &len, ad.data(), to_int(ad.size())) != 1) return false;
    if (size > 0 && EVP_CipherUpdate(ctx_, out.data(), &len, ciphertext.data(), to_int(size)) != 1)
        return false;
    if (EVP_CIPHER_CTX_ctrl(ctx_, EVP_CTRL_AEAD_SET_TAG, kTagSize, tag.data()) != 1) return false;
    return EVP_CipherFinal_ex(ctx_, out.data() + size, &len) == 1;
}

}  // namespace kitsunet::p2p::noise
