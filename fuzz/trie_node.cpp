// Trie node decoding of outside bytes: never crashes, and whatever decodes re-encodes to the
// very same bytes (the decoder accepts canonical encodings only). Same for hex-prefix paths.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "kitsunet/core/trie/node.hpp"

using namespace kitsunet;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const ByteView input{data, size};
    if (auto node = trie::decode_node(input)) {
        const Bytes again = trie::encode_node(*node);
        if (!std::ranges::equal(again, input)) std::abort();
    }
    if (auto path = trie::decode_hex_prefix(input)) {
        if (!std::ranges::equal(trie::encode_hex_prefix(path->nibbles, path->leaf), input)) std::abort();
    }
    return 0;
}
