// rlp::decode_item on arbitrary bytes: it must never crash or read out of bounds, and whatever it
// accepts is canonical, so encoding the decoded tree must give back exactly the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "kitsunet/core/rlp.hpp"

namespace {

// Every list's payload splits into the raw encodings of its items, one per decoded child.
void check_split(const kitsunet::rlp::Item& item, kitsunet::ByteView whole) {
    if (!item.list) return;
    kitsunet::ByteView rest = whole;
    auto payload = kitsunet::rlp::decode_list(rest);
    if (!payload || !rest.empty()) std::abort();
    auto parts = kitsunet::rlp::split_list(*payload);
    if (!parts || parts->size() != item.items.size()) std::abort();
    for (std::size_t i = 0; i < parts->size(); ++i) check_split(item.items[i], (*parts)[i]);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const kitsunet::ByteView input(data, size);
    auto item = kitsunet::rlp::decode_item(input);
    if (!item) return 0;
    kitsunet::Bytes again;
    kitsunet::rlp::encode(again, *item);
    if (!std::equal(again.begin(), again.end(), input.begin(), input.end())) std::abort();
    check_split(*item, input);
    return 0;
}
