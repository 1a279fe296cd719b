// mplex frame header decoding of outside bytes: never crashes; whatever decodes re-encodes to the
// same bytes (minimal varints: one encoding per header); lengths above the limit are refused.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "kitsunet/p2p/mplex/frame.hpp"

using namespace kitsunet::p2p::mplex;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> input{data, size};
    const auto decoded = decode_header(input);
    if (!decoded) {
        if (describe(decoded.error()).empty()) std::abort();
        return 0;
    }
    const auto& [header, used] = *decoded;
    if (used > size || used > kMaxHeaderSize || header.length > kMaxMessageSize ||
        header.stream_id > kMaxStreamId)
        std::abort();
    std::array<std::uint8_t, kMaxHeaderSize> encoded{};
    const std::size_t n = encode_header(header, encoded);
    if (n != used ||
        !std::equal(encoded.begin(), encoded.begin() + static_cast<std::ptrdiff_t>(n), input.begin()))
        std::abort();
    return 0;
}
