// The slice wire decoders on outside bytes: slices, deltas, slice ids (RLP) and slice id text.
// Never a crash; whatever decodes re-encodes to the very same bytes (the decoders accept
// canonical encodings only); parsed id text prints as text that parses to the same id.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/slice/delta.hpp"
#include "kitsunet/core/slice/slice.hpp"

using namespace kitsunet;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const ByteView input{data, size};
    if (auto s = rlp::decode_slice(input)) {
        if (!std::ranges::equal(rlp::encode_slice(*s), input)) std::abort();
    }
    if (auto d = rlp::decode_slice_delta(input)) {
        if (!std::ranges::equal(rlp::encode_slice_delta(*d), input)) std::abort();
    }
    ByteView from = input;
    if (auto id = rlp::decode_slice_id(from)) {
        Bytes again;
        rlp::encode(again, *id);
        if (!std::ranges::equal(again, input.first(input.size() - from.size()))) std::abort();
    }
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto id = slice::SliceId::parse(text)) {
        if (slice::SliceId::parse(id->to_string()) != id) std::abort();
    }
    return 0;
}
