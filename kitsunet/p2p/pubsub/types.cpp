#include "kitsunet/p2p/pubsub/types.hpp"

#include <sodium.h>

#include <array>
#include <cstring>

namespace kitsunet::p2p::pubsub {

namespace {

std::array<unsigned char, crypto_shorthash_KEYBYTES> make_key() {
    std::array<unsigned char, crypto_shorthash_KEYBYTES> key{};
    if (sodium_init() < 0) std::abort();
    randombytes_buf(key.data(), key.size());
    return key;
}

}  // namespace

std::size_t KeyedHash::operator()(std::string_view s) const noexcept {
    static const auto kKey = make_key();
    std::array<unsigned char, crypto_shorthash_BYTES> out{};
    crypto_shorthash(out.data(), reinterpret_cast<const unsigned char*>(s.data()), s.size(), kKey.data());
    std::size_t h = 0;
    std::memcpy(&h, out.data(), sizeof h);
    return h;
}

}  // namespace kitsunet::p2p::pubsub
