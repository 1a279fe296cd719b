// PrivateKey::from_protobuf on arbitrary bytes: never crashes; what it accepts re-encodes to the
// input (the legacy 96-byte Ed25519 form excepted: it is written in the 64-byte form), signs, and
// its public key verifies its signature.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "kitsunet/p2p/identity/keys.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kitsunet::p2p;
    const kitsunet::ByteView input(data, size);
    auto key = PrivateKey::from_protobuf(input);
    if (!key) return 0;
    const kitsunet::Bytes again = key->to_protobuf();
    const bool legacy = key->type() == KeyType::kEd25519 && size == 4 + 96;
    if (!legacy && !std::equal(again.begin(), again.end(), input.begin(), input.end())) std::abort();
    if (PrivateKey::from_protobuf(again)->public_key() != key->public_key()) std::abort();
    const kitsunet::ByteView message = input.first(std::min<std::size_t>(size, 16));
    if (!key->public_key().verify(message, key->sign(message))) std::abort();
    return 0;
}
