// The scalar RLP decoders on arbitrary bytes: decode_uint64, decode_uint_bytes, decode_fixed.
// Each may only consume a prefix of its input, and what it accepts must re-encode to exactly the
// bytes it consumed (canonical form); uint64 and uint_bytes(8) must agree.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "kitsunet/core/rlp.hpp"

namespace {

using kitsunet::Bytes;
using kitsunet::ByteView;

// The bytes a decoder consumed: `before` minus what is left in `after`.
ByteView consumed(ByteView before, ByteView after) {
    if (after.size() > before.size() || after.data() + after.size() != before.data() + before.size())
        std::abort();
    return before.first(before.size() - after.size());
}

void expect_encoding(ByteView consumed_bytes, const Bytes& encoding) {
    if (!std::equal(encoding.begin(), encoding.end(), consumed_bytes.begin(), consumed_bytes.end()))
        std::abort();
}

template <std::size_t N>
void check_fixed(ByteView input) {
    ByteView rest = input;
    auto fixed = kitsunet::rlp::decode_fixed<N>(rest);
    if (fixed) expect_encoding(consumed(input, rest), kitsunet::rlp::encode_string(fixed->view()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const ByteView input(data, size);
    ByteView rest64 = input;
    auto n = kitsunet::rlp::decode_uint64(rest64);
    if (n) {
        Bytes encoding;
        kitsunet::rlp::encode(encoding, *n);
        expect_encoding(consumed(input, rest64), encoding);
    }

    const std::size_t max_bytes = size > 0 ? data[0] % 40 : 32;
    for (const std::size_t limit : {std::size_t{8}, max_bytes}) {
        ByteView rest = input;
        auto big = kitsunet::rlp::decode_uint_bytes(rest, limit);
        if (big) {
            if (big->size() > limit || (!big->empty() && (*big)[0] == 0)) std::abort();
            expect_encoding(consumed(input, rest), kitsunet::rlp::encode_string(*big));
        }
        if (limit == 8 && big.has_value() != n.has_value()) std::abort();
    }

    check_fixed<20>(input);
    check_fixed<32>(input);
    return 0;
}
