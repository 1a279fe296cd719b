// PublicKey::from_protobuf on arbitrary bytes: never crashes; what it accepts re-encodes to
// exactly the input (strict, deterministic protobuf), and its peer id gives the key back when the
// key is inlined. The tail of the input serves as a signature: verify must not crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "kitsunet/p2p/identity/peer_id.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kitsunet::p2p;
    const kitsunet::ByteView input(data, size);
    auto key = PublicKey::from_protobuf(input);
    if (!key) return 0;
    const kitsunet::Bytes again = key->to_protobuf();
    if (!std::equal(again.begin(), again.end(), input.begin(), input.end())) std::abort();
    const PeerId id = PeerId::from_public_key(*key);
    if (id.has_inline_key() != (size <= kMaxInlineKeyLength)) std::abort();
    if (id.has_inline_key() && id.public_key() != key) std::abort();
    if (!id.matches(*key)) std::abort();
    (void)key->verify(input.first(size / 2), input.subspan(size / 2));
    return 0;
}
