// Differential: core's Keccak-256 against Crypto++'s Keccak_256, one-shot and incremental.
// The first byte picks the chunk size for the incremental hasher; the rest is the message.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <cryptopp/keccak.h>

#include "kitsunet/core/keccak.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::size_t chunk = std::size_t{data[0]} + 1;
    const kitsunet::ByteView message(data + 1, size - 1);

    kitsunet::Hash expected;
    CryptoPP::Keccak_256 reference;
    reference.Update(message.data(), message.size());
    reference.Final(expected.bytes.data());

    if (kitsunet::keccak256(message) != expected) std::abort();
    kitsunet::Keccak256 incremental;
    for (std::size_t at = 0; at < message.size(); at += chunk)
        incremental.update(message.subspan(at, std::min(chunk, message.size() - at)));
    if (incremental.finish() != expected) std::abort();
    return 0;
}
