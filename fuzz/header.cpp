// Header decoding of outside bytes: never crashes, and whatever decodes re-encodes to the input
// byte for byte (strict decoding leaves no second encoding of one header).
#include <cstdint>
#include <cstdlib>

#include "kitsunet/core/header.hpp"
#include "kitsunet/core/rlp.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const kitsunet::ByteView input{data, size};
    const auto header = kitsunet::rlp::decode_block_header(input);
    if (!header) return 0;
    kitsunet::Bytes encoded;
    kitsunet::rlp::encode(encoded, *header);
    if (!std::ranges::equal(encoded, input) || encoded.size() != kitsunet::rlp::length(*header)) std::abort();
    (void)kitsunet::block_hash(*header);
    return 0;
}
