// The Noise XX message parser on arbitrary bytes, at each of the three messages: never crashes;
// a message 2 that is accepted proves the responder's static key (the keys here are fixed, so the
// seed corpus holds the valid messages).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "kitsunet/p2p/noise/handshake_state.hpp"

namespace {

using namespace kitsunet::p2p::noise;

const DhKeyPair& key(std::uint8_t seed) {
    static const DhKeyPair keys[] = {
        DhKeyPair::from_secret(kitsunet::Bytes(32, 1)), DhKeyPair::from_secret(kitsunet::Bytes(32, 2)),
        DhKeyPair::from_secret(kitsunet::Bytes(32, 3)), DhKeyPair::from_secret(kitsunet::Bytes(32, 4))};
    return keys[seed];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const kitsunet::ByteView message(data + 1, size - 1);
    XXHandshake initiator(Role::kInitiator, key(0), {}, key(2));
    XXHandshake responder(Role::kResponder, key(1), {}, key(3));
    switch (data[0] % 3) {
        case 0:  // as message 1 (unauthenticated: any 32+ bytes but a weak key pass)
            (void)responder.read_message(message);
            break;
        case 1: {  // as message 2, after a real message 1
            (void)initiator.write_message({});
            if (initiator.read_message(message) && initiator.remote_static() != key(1).public_key)
                std::abort();
            break;
        }
        default: {  // as message 3, after real messages 1 and 2
            if (!responder.read_message(initiator.write_message({}))) std::abort();
            if (!initiator.read_message(responder.write_message({}))) std::abort();
            (void)responder.read_message(message);
        }
    }
    return 0;
}
