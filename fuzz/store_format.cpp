// The store's on-disk format (kitsunet/store/format.hpp) read from arbitrary bytes, as a damaged
// disk or another version could present them: every decoder either refuses or decodes something
// that encodes back to exactly the input.
#include <cstdint>
#include <cstdlib>

#include "kitsunet/store/format.hpp"

using namespace kitsunet;
using namespace kitsunet::store::format;

namespace {

void same(ByteView a, ByteView b) {
    if (!std::ranges::equal(a, b)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const ByteView input{data, size};
    if (auto record = decode_record(input)) {
        same(encode_record(*record), input);
        (void)referenced_nodes(*record);
        (void)referenced_codes(*record);
    }
    if (auto id = decode_slice_key(input)) {
        same(slice_key(*id), input);
        same(group_key(*id), input.subspan(32));
    }
    if (auto ref_id = decode_ref_key(input)) same(ref_key(ref_id->first, ref_id->second), input);
    if (auto ref = decode_ref(input)) same(encode_ref(*ref), input);
    if (auto group = decode_group(input)) same(encode_group(*group), input);
    if (auto number = decode_number(input)) same(encode_number(*number), input);
    if (auto age = decode_age_key(input)) same(age_key(age->first, age->second), input);
    if (auto counters = decode_counters(input)) same(encode_counters(*counters), input);
    return 0;
}
