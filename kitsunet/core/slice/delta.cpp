#include "kitsunet/core/slice/delta.hpp"

#include <algorithm>

#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/slice/codec.hpp"
#include "kitsunet/core/slice/collect.hpp"
#include "kitsunet/core/slice/hash_index.hpp"
#include "kitsunet/core/slice/walk.hpp"

namespace kitsunet::slice {
namespace {

bool same_group(const SliceId& a, const SliceId& b) noexcept {
    return a.prefix == b.prefix && a.depth == b.depth && a.storage_owner == b.storage_owner;
}

// Nodes for the new slice: from the delta first, else from the old slice; records which delta
// nodes were used, since a delta must carry nothing the new slice does not need.
class DeltaLookup {
  public:
    DeltaLookup(const VerifiedSlice& old_slice, const SliceDelta& delta, const detail::HashIndex& index)
        : old_(old_slice), delta_(delta), index_(index), used_(delta.nodes.size(), false) {}

    Result<Bytes> operator()(const Hash& hash) {
        if (const std::uint32_t* i = detail::find_in(index_, hash)) {
            used_[*i] = true;
            return delta_.nodes[*i];
        }
        if (const Bytes* node = old_.find_node(hash)) return *node;
        return std::unexpected(Errc::kSliceMissingNode);
    }
    bool all_used() const noexcept {
        return std::ranges::all_of(used_, [](bool u) { return u; });
    }

  private:
    const VerifiedSlice& old_;
    const SliceDelta& delta_;
    const detail::HashIndex& index_;
    std::vector<bool> used_;
};

// The new slice's codes: those its accounts refer to, from the delta or the old slice.
Status take_codes(const VerifiedSlice& old_slice, const SliceDelta& delta,
                  const std::vector<Hash>& code_hashes, std::vector<Bytes>& codes) {
    auto index = detail::index_by_hash(delta.codes);
    if (!index) return std::unexpected(index.error());
    std::size_t from_delta = 0;
    for (const auto& hash : code_hashes) {
        if (const std::uint32_t* i = detail::find_in(*index, hash)) {
            codes.push_back(delta.codes[*i]);
            ++from_delta;
        } else if (auto code = old_slice.code(hash)) {
            codes.emplace_back(code->begin(), code->end());
        }
    }
    if (from_delta != delta.codes.size()) return std::unexpected(Errc::kSliceExtraCode);
    return {};
}

// Fills the nodes and codes of `slice` (whose stem and head come from the delta).
Status rebuild_below_head(const VerifiedSlice& old_slice, const SliceDelta& delta, std::size_t head_position,
                          Slice& slice) {
    auto index = detail::index_by_hash(delta.nodes);
    if (!index) return std::unexpected(index.error());
    DeltaLookup lookup(old_slice, delta, *index);
    const bool with_code = !slice.id.is_storage();
    detail::SubtreeCollector collector(lookup, slice.id.depth, with_code);
    auto subtree = collector.collect(slice.head, ByteView{slice.id.prefix.data(), head_position});
    if (!subtree) return std::unexpected(subtree.error());
    if (!lookup.all_used()) return std::unexpected(Errc::kSliceExtraNode);
    slice.nodes = std::move(subtree->nodes);
    return take_codes(old_slice, delta, subtree->code_hashes, slice.codes);
}

}  // namespace

Result<SliceDelta> diff(const VerifiedSlice& old_slice, const VerifiedSlice& new_slice) {
    if (!same_group(old_slice.id(), new_slice.id())) return std::unexpected(Errc::kSliceMismatch);
    const Slice& now = new_slice.slice();
    SliceDelta delta{old_slice.id().root, now.id, now.stem, now.head, {}, {}};
    for (const auto& node : now.nodes)
        if (old_slice.find_node(keccak256(node)) == nullptr) delta.nodes.push_back(node);
    for (const auto& code : now.codes)
        if (!old_slice.code(keccak256(code))) delta.codes.push_back(code);
    return delta;
}

Result<VerifiedSlice> apply(const VerifiedSlice& old_slice, const SliceDelta& delta) {
    if (delta.old_root != old_slice.id().root || !same_group(old_slice.id(), delta.id))
        return std::unexpected(Errc::kSliceMismatch);
    Slice slice;
    slice.id = delta.id;
    slice.stem = delta.stem;
    slice.head = delta.head;
    auto end = detail::check_stem(slice.id, slice.stem, slice.head);
    if (!end) return std::unexpected(end.error());
    if (end->empty) {
        if (!delta.nodes.empty()) return std::unexpected(Errc::kSliceExtraNode);
        if (!delta.codes.empty()) return std::unexpected(Errc::kSliceExtraCode);
    } else if (auto ok = rebuild_below_head(old_slice, delta, end->head_position, slice); !ok) {
        return std::unexpected(ok.error());
    }
    return verify(std::move(slice));
}

}  // namespace kitsunet::slice

namespace kitsunet::rlp {
namespace {

slice::detail::BodyView body_of(const slice::SliceDelta& d) noexcept {
    return {&d.old_root, d.id, d.stem, d.head, d.nodes, d.codes};
}

}  // namespace

std::size_t length(const slice::SliceDelta& d) noexcept {
    return slice::detail::body_list_length(body_of(d));
}

void encode(Bytes& to, const slice::SliceDelta& d) { slice::detail::encode_body_list(to, body_of(d)); }

Bytes encode_slice_delta(const slice::SliceDelta& d) { return slice::detail::encode_to_bytes(d); }

Result<slice::SliceDelta> decode_slice_delta(ByteView from) {
    slice::SliceDelta d;
    if (auto ok =
            slice::detail::decode_body_list(from, {&d.old_root, d.id, d.stem, d.head, d.nodes, d.codes});
        !ok)
        return std::unexpected(ok.error());
    return d;
}

}  // namespace kitsunet::rlp
