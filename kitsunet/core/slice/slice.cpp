#include "kitsunet/core/slice/slice.hpp"

#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/slice/codec.hpp"
#include "kitsunet/core/slice/hash_index.hpp"
#include "kitsunet/core/slice/walk.hpp"

namespace kitsunet::slice {

std::size_t Slice::content_bytes() const noexcept {
    std::size_t n = head.size();
    for (const auto* list : {&stem, &nodes, &codes})
        for (const auto& item : *list) n += item.size();
    return n;
}

Result<std::vector<Bytes>> order_stem(const SliceId& id, std::vector<Bytes> nodes, ByteView head) {
    auto index = detail::index_by_hash(nodes);
    if (!index) return std::unexpected(index.error());
    std::vector<Bytes> ordered;
    bool head_fetched = false;
    const auto fetch = [&](const Hash& hash) -> Result<ByteView> {
        if (const std::uint32_t* i = detail::find_in(*index, hash))
            return ordered.emplace_back(std::move(nodes[*i]));
        if (head.empty() || head_fetched || keccak256(head) != hash)
            return std::unexpected(Errc::kSliceBadStem);
        head_fetched = true;
        return head;
    };
    ordered.reserve(nodes.size());
    auto end = detail::walk_stem(id.root, id.prefix, fetch);
    if (!end) return std::unexpected(end.error());
    if (ordered.size() != nodes.size() || end->head_hashed != head_fetched)
        return std::unexpected(Errc::kSliceBadStem);
    return ordered;
}

}  // namespace kitsunet::slice

namespace kitsunet::rlp {
namespace {

slice::detail::BodyView body_of(const slice::Slice& s) noexcept {
    return {s.id, s.stem, s.head, s.nodes, s.codes};
}

}  // namespace

std::size_t length(const slice::Slice& s) noexcept {
    const std::size_t payload = slice::detail::body_length(body_of(s));
    return length_of_header(payload) + payload;
}

void encode(Bytes& to, const slice::Slice& s) {
    encode_header(to, {true, slice::detail::body_length(body_of(s))});
    slice::detail::encode_body(to, body_of(s));
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
    if (auto ok = slice::detail::decode_body(*payload, {s.id, s.stem, s.head, s.nodes, s.codes}); !ok)
        return std::unexpected(ok.error());
    return s;
}

}  // namespace kitsunet::rlp
