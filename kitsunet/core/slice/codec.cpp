#include "kitsunet/core/slice/codec.hpp"

#include "kitsunet/core/rlp.hpp"

namespace kitsunet::slice::detail {
namespace {

std::size_t strings_payload(const std::vector<Bytes>& items) noexcept {
    std::size_t n = 0;
    for (const auto& item : items) n += rlp::length(ByteView{item});
    return n;
}

std::size_t strings_length(const std::vector<Bytes>& items) noexcept {
    const std::size_t payload = strings_payload(items);
    return rlp::length_of_header(payload) + payload;
}

void encode_strings(Bytes& to, const std::vector<Bytes>& items) {
    rlp::encode_header(to, {true, strings_payload(items)});
    for (const auto& item : items) rlp::encode(to, ByteView{item});
}

Status decode_strings(ByteView& from, std::vector<Bytes>& items) {
    auto payload = rlp::decode_list(from);
    if (!payload) return std::unexpected(payload.error());
    while (!payload->empty()) {
        auto item = rlp::decode_string(*payload);
        if (!item) return std::unexpected(item.error());
        if (item->empty()) return std::unexpected(Errc::kInvalidArgument);
        items.emplace_back(item->begin(), item->end());
    }
    return {};
}

Status decode_bytes(ByteView& from, Bytes& out) {
    auto item = rlp::decode_string(from);
    if (!item) return std::unexpected(item.error());
    out.assign(item->begin(), item->end());
    return {};
}

std::size_t payload_length(const BodyView& body) noexcept {
    const std::size_t old_root = body.old_root != nullptr ? 33 : 0;
    return old_root + rlp::length(body.id) + strings_length(body.stem) + rlp::length(ByteView{body.head}) +
           strings_length(body.nodes) + strings_length(body.codes);
}

Status decode_fields(ByteView& from, const BodyParts& body) {
    if (body.old_root != nullptr) {
        auto old_root = rlp::decode_fixed<32>(from);
        if (!old_root) return std::unexpected(old_root.error());
        *body.old_root = *old_root;
    }
    auto id = rlp::decode_slice_id(from);
    if (!id) return std::unexpected(id.error());
    body.id = std::move(*id);
    Status ok = decode_strings(from, body.stem);
    if (ok) ok = decode_bytes(from, body.head);
    if (ok) ok = decode_strings(from, body.nodes);
    if (ok) ok = decode_strings(from, body.codes);
    if (ok && !from.empty()) return std::unexpected(Errc::kListLengthMismatch);
    return ok;
}

}  // namespace

std::size_t body_list_length(const BodyView& body) noexcept {
    const std::size_t payload = payload_length(body);
    return rlp::length_of_header(payload) + payload;
}

void encode_body_list(Bytes& to, const BodyView& body) {
    rlp::encode_header(to, {true, payload_length(body)});
    if (body.old_root != nullptr) rlp::encode(to, *body.old_root);
    rlp::encode(to, body.id);
    encode_strings(to, body.stem);
    rlp::encode(to, ByteView{body.head});
    encode_strings(to, body.nodes);
    encode_strings(to, body.codes);
}

Status decode_body_list(ByteView from, const BodyParts& body) {
    auto payload = rlp::decode_list(from);
    if (!payload) return std::unexpected(payload.error());
    if (auto ok = rlp::ensure_consumed(from); !ok) return ok;
    return decode_fields(*payload, body);
}

}  // namespace kitsunet::slice::detail
