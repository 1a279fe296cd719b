// The libp2p Noise handshake payload decoder on arbitrary bytes: never crashes, and accepts only
// payloads whose signature verifies against the static key it is given.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "kitsunet/p2p/noise/payload.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kitsunet::p2p::noise;
    static const DhPublicKey static_key = DhKeyPair::from_secret(kitsunet::Bytes(32, 7)).public_key;
    const auto payload = decode_payload(kitsunet::ByteView(data, size), static_key);
    if (payload && payload->stream_muxers.size() > kMaxMuxers) std::abort();
    return 0;
}
