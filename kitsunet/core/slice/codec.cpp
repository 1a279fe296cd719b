#include "kitsunet/core/slice/codec.hpp"

#include "kitsunet/core/rlp.hpp"

namespace kitsunet::slice::detail {
namespace {

std::size_t strings_payload(const std::vector<Bytes>& items) noexcept {
    std::size_t n = 0;
    for (const auto& item : items) n += rlp::length(ByteView{item});
    return n;
}

}  // namespace

std::size_t strings_length(const std::vector<Bytes>& items) noexcept {
    const std::size_t payload = strings_payload(items);
    return rlp::length_of_header(payload) + payload;
}

void encode_strings(Bytes& to, const std::vector<Bytes>& items) {
    rlp::encode_header(to, {true, strings_payload(items)});
    for (const auto& item : items) rlp::encode(to, ByteView{item});
}

Result<std::vector<Bytes>> decode_strings(ByteView& from) {
    auto payload = rlp::decode_list(from);
    if (!payload) return std::unexpected(payload.error());
    std::vector<Bytes> items;
    while (!payload->empty()) {
        auto item = rlp::decode_string(*payload);
        if (!item) return std::unexpected(item.error());
        if (item->empty()) return std::unexpected(Errc::kInvalidArgument);
        items.emplace_back(item->begin(), item->end());
    }
    return items;
}

}  // namespace kitsunet::slice::detail
