// Peer ids from arbitrary input, read both as text (PeerId::from_string) and as multihash bytes
// (PeerId::from_bytes): never crashes; an accepted id reads back from both of its text forms and
// from its bytes; an inlined key, when it parses, gives back the same id.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kitsunet/p2p/identity/peer_id.hpp"

namespace {

void check(const kitsunet::p2p::PeerId& id) {
    using kitsunet::p2p::PeerId;
    if (PeerId::from_string(id.to_string()) != id) std::abort();
    if (PeerId::from_string(id.to_cid_string()) != id) std::abort();
    if (PeerId::from_bytes(id.bytes()) != id) std::abort();
    if (auto key = id.public_key(); key && PeerId::from_public_key(*key) != id) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kitsunet::p2p;
    if (auto id = PeerId::from_string(std::string_view(reinterpret_cast<const char*>(data), size))) check(*id);
    if (auto id = PeerId::from_bytes(kitsunet::ByteView(data, size))) check(*id);
    return 0;
}
