// decode_varint on arbitrary bytes: never crashes; whatever it accepts is the minimal encoding of
// its value, so re-encoding gives back exactly the bytes it consumed.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "kitsunet/p2p/multiformats/varint.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kitsunet::p2p;
    const kitsunet::ByteView input(data, size);
    auto v = decode_varint(input);
    if (!v) {
        // Truncation is only reported while the input could still complete a varint.
        if (v.error() == CodecError::kTruncated && size >= kMaxVarintSize) std::abort();
        return 0;
    }
    if (v->value > kMaxVarintValue || v->size != varint_size(v->value)) std::abort();
    kitsunet::Bytes again;
    append_varint(again, v->value);
    if (!std::equal(again.begin(), again.end(), input.begin(), input.begin() + static_cast<std::ptrdiff_t>(v->size)))
        std::abort();
    kitsunet::ByteView rest = input;
    if (read_varint(rest) != v->value || rest.size() != size - v->size) std::abort();
    return 0;
}
