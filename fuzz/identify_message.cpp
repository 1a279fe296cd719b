// The identify message decoder on arbitrary bytes: never crashes; what it accepts re-encodes to a
// message that decodes to the same information.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "kitsunet/p2p/protocols/identify.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kitsunet::p2p;
    static const PeerId peer =
        PeerId::from_public_key(PrivateKey::ed25519_from_seed(kitsunet::Bytes(32, 9)).public_key());
    const auto info = identify::decode(kitsunet::ByteView(data, size), peer);
    if (!info) return 0;
    const auto again = identify::decode(identify::encode(*info), peer);
    if (!again || again->protocols != info->protocols || again->listen_addrs != info->listen_addrs ||
        again->public_key != info->public_key || again->agent_version != info->agent_version)
        std::abort();
    return 0;
}
