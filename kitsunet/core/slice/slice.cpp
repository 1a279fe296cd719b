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
    return {nullptr, s.id, s.stem, s.head, s.nodes, s.codes};
}

}  // namespace

std::size_t length(const slice::Slice& s) noexcept { return slice::detail::body_list_length(body_of(s)); }

void encode(Bytes& to, const slice::Slice& s) { slice::detail::encode_body_list(to, body_of(s)); }

Bytes encode_slice(const slice::Slice& s) { return slice::detail::encode_to_bytes(s); }

Result<slice::Slice> decode_slice(ByteView from) {
    slice::Slice s;
    if (auto ok = slice::detail::decode_body_list(from, {nullptr, s.id, s.stem, s.head, s.nodes, s.codes});
        !ok)
        return std::unexpected(ok.error());
    return s;
}

}  // namespace kitsunet::rlp
