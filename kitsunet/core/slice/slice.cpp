#include "kitsunet/core/slice/slice.hpp"

#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/slice/codec.hpp"

namespace kitsunet::slice {

std::size_t Slice::content_bytes() const noexcept {
    std::size_t n = head.size();
    for (const auto* list : {&stem, &nodes, &codes})
        for (const auto& item : *list) n += item.size();
    return n;
}

}  // namespace kitsunet::slice

namespace kitsunet::rlp {
namespace {

std::size_t payload_length(const slice::Slice& s) noexcept {
    return length(s.id) + slice::detail::strings_length(s.stem) + length(ByteView{s.head}) +
           slice::detail::strings_length(s.nodes) + slice::detail::strings_length(s.codes);
}

}  // namespace

std::size_t length(const slice::Slice& s) noexcept {
    const std::size_t payload = payload_length(s);
    return length_of_header(payload) + payload;
}

void encode(Bytes& to, const slice::Slice& s) {
    encode_header(to, {true, payload_length(s)});
    encode(to, s.id);
    slice::detail::encode_strings(to, s.stem);
    encode(to, ByteView{s.head});
    slice::detail::encode_strings(to, s.nodes);
    slice::detail::encode_strings(to, s.codes);
}

Bytes encode_slice(const slice::Slice& s) {
    Bytes out;
    out.reserve(length(s));
    encode(out, s);
    return out;
}

Result<slice::Slice> decode_slice(ByteView from) {
    auto payload = decode_list(from);
    if (!payload) return std::unexpected(payload.error());
    if (auto ok = ensure_consumed(from); !ok) return std::unexpected(ok.error());
    slice::Slice s;
    auto id = decode_slice_id(*payload);
    if (!id) return std::unexpected(id.error());
    s.id = std::move(*id);
    auto stem = slice::detail::decode_strings(*payload);
    if (!stem) return std::unexpected(stem.error());
    s.stem = std::move(*stem);
    auto head = decode_string(*payload);
    if (!head) return std::unexpected(head.error());
    s.head.assign(head->begin(), head->end());
    auto nodes = slice::detail::decode_strings(*payload);
    if (!nodes) return std::unexpected(nodes.error());
    s.nodes = std::move(*nodes);
    auto codes = slice::detail::decode_strings(*payload);
    if (!codes) return std::unexpected(codes.error());
    s.codes = std::move(*codes);
    if (!payload->empty()) return std::unexpected(Errc::kListLengthMismatch);
    return s;
}

}  // namespace kitsunet::rlp
