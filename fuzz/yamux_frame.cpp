// Yamux frame header decoding of outside bytes: never crashes; whatever decodes re-encodes to
// the same 12 bytes (one encoding per header), and what is refused says why.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "kitsunet/p2p/yamux/frame.hpp"

using namespace kitsunet::p2p::yamux;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> input{data, size};
    const auto header = decode_header(input);
    if (!header) {
        if (describe(header.error()).empty()) std::abort();
        return 0;
    }
    if (size < kHeaderSize) std::abort();
    const auto encoded = encode_header(*header);
    if (!std::equal(encoded.begin(), encoded.end(), input.begin())) std::abort();
    return 0;
}
