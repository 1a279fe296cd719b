#include "kitsunet/core/slice/verify.hpp"

#include <algorithm>

#include "kitsunet/core/account.hpp"
#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/slice/hash_index.hpp"
#include "kitsunet/core/slice/walk.hpp"

namespace kitsunet::slice {
namespace {

using detail::find_in;
using Index = detail::HashIndex;

Status fail(Errc e) { return std::unexpected(e); }

// A storage value is the RLP of a non-zero integer of at most 32 bytes.
bool is_storage_value(ByteView value) noexcept {
    auto number = rlp::decode_u256(value);
    return number && !number->is_zero() && value.empty();
}

/// Walks the nodes below the head depth first, checking each, and then the codes against the
/// accounts met. Writers list nodes in depth-first order, so the next node listed is almost always
/// the child sought: a comparison instead of an index lookup. A node met again higher up than
/// before (a shared subtree) is expanded again, so that the depth is judged by its highest place.
class Verifier {
  public:
    Verifier(const Slice& slice, const Index& nodes) : slice_(slice), nodes_(nodes) {}

    Status check_below(const detail::StemEnd& end);
    Status check_codes(const Index& codes);

    SliceStats stats;

  private:
    static constexpr std::uint32_t kAbsent = ~std::uint32_t{0};

    std::uint32_t find(const Hash& hash) noexcept;
    Status visit(std::uint32_t node, trie::Nibbles& path, std::size_t level);
    Status expand_at(ByteView rlp, trie::Nibbles& path, std::size_t level);
    Status leaf(ByteView value);
    Status child(const Hash& hash, trie::Nibbles& path, std::size_t level);
    Status check_all_reached() const;

    const Slice& slice_;
    const Index& nodes_;
    std::uint32_t next_listed_{0};      // the node listed after the last one found in order
    std::vector<std::int16_t> levels_;  // per node: the highest level it was reached at, or -1
    std::vector<bool> beyond_depth_;    // per node: referenced from the depth's last level
    std::vector<Hash> code_hashes_;     // of the accounts below the head
};

Status Verifier::check_below(const detail::StemEnd& end) {
    levels_.assign(slice_.nodes.size(), -1);
    beyond_depth_.assign(slice_.nodes.size(), false);
    trie::Nibbles path(slice_.id.prefix.begin(),
                       slice_.id.prefix.begin() + static_cast<std::ptrdiff_t>(end.head_position));
    path.reserve(kKeyNibbles + 1);
    if (auto ok = expand_at(slice_.head, path, 0); !ok) return ok;
    return check_all_reached();
}

std::uint32_t Verifier::find(const Hash& hash) noexcept {
    if (next_listed_ < nodes_.by_position.size() && nodes_.by_position[next_listed_] == hash)
        return next_listed_++;
    const std::uint32_t* found = find_in(nodes_, hash);
    if (found == nullptr) return kAbsent;
    next_listed_ = *found + 1;
    return *found;
}

Status Verifier::expand_at(ByteView rlp, trie::Nibbles& path, std::size_t level) {
    return detail::expand(
        rlp, path, [this](const trie::Nibbles&, ByteView value) { return leaf(value); },
        [this, level](const Hash& hash, trie::Nibbles& child_path) {
            return child(hash, child_path, level + 1);
        });
}

Status Verifier::visit(std::uint32_t node, trie::Nibbles& path, std::size_t level) {
    const Bytes& rlp = slice_.nodes[node];
    if (rlp.size() < 32) return fail(Errc::kSliceMalformedTrie);  // such a node is embedded, not hashed
    stats.max_level = std::max(stats.max_level, level);
    return expand_at(rlp, path, level);
}

Status Verifier::leaf(ByteView value) {
    ++stats.leaves;
    if (slice_.id.is_storage()) return is_storage_value(value) ? Status{} : fail(Errc::kSliceBadValue);
    const auto account = rlp::decode_account_fields(value);  // checked, not converted: faster
    if (!account) return fail(Errc::kSliceBadValue);
    if (!std::ranges::equal(account->code_hash, kEmptyCodeHash.view()))
        code_hashes_.push_back(Hash::from(account->code_hash));
    return {};
}

Status Verifier::child(const Hash& hash, trie::Nibbles& path, std::size_t level) {
    const std::uint32_t node = find(hash);
    if (level > slice_.id.depth) {
        stats.complete = false;
        if (node != kAbsent) beyond_depth_[node] = true;
        return {};
    }
    if (node == kAbsent) return fail(Errc::kSliceMissingNode);
    if (levels_[node] >= 0 && static_cast<std::size_t>(levels_[node]) <= level) return {};  // seen as high up
    levels_[node] = static_cast<std::int16_t>(level);
    return visit(node, path, level);
}

Status Verifier::check_all_reached() const {
    for (std::size_t i = 0; i < levels_.size(); ++i)
        if (levels_[i] < 0) return fail(beyond_depth_[i] ? Errc::kSliceTooDeep : Errc::kSliceExtraNode);
    return {};
}

Status Verifier::check_codes(const Index& codes) {
    std::ranges::sort(code_hashes_);
    for (const Hash& code : codes.by_position)
        if (!std::ranges::binary_search(code_hashes_, code)) return fail(Errc::kSliceExtraCode);
    stats.codes = codes.by_position.size();
    return {};
}

}  // namespace

Result<VerifiedSlice> verify(Slice slice) {
    if (auto ok = validate(slice.id); !ok) return std::unexpected(ok.error());
    auto nodes = detail::index_by_hash(slice.nodes);
    if (!nodes) return std::unexpected(nodes.error());
    auto end = detail::check_stem(slice.id, slice.stem, slice.head);
    if (!end) return std::unexpected(end.error());
    if (end->empty && (!slice.head.empty() || !slice.nodes.empty() || !slice.codes.empty()))
        return std::unexpected(Errc::kSliceNotEmpty);
    Verifier verifier(slice, *nodes);
    if (!end->empty) {
        if (auto ok = verifier.check_below(*end); !ok) return std::unexpected(ok.error());
    }
    auto codes = detail::index_by_hash(slice.codes);
    if (!codes) return std::unexpected(codes.error());
    if (auto ok = verifier.check_codes(*codes); !ok) return std::unexpected(ok.error());
    VerifiedSlice verified;
    verified.stats_ = verifier.stats;
    verified.stats_.nodes = slice.stem.size() + slice.nodes.size() + (end->head_hashed ? 1 : 0);
    verified.stats_.bytes = slice.content_bytes();
    verified.head_position_ = end->head_position;
    verified.head_hashed_ = end->head_hashed;
    verified.node_index_ = std::move(*nodes);
    verified.code_index_ = std::move(*codes);
    verified.slice_ = std::move(slice);
    return verified;
}

Result<VerifiedSlice> verify(Slice slice, const Hash& expected_root) {
    if (slice.id.root != expected_root) return std::unexpected(Errc::kSliceWrongRoot);
    return verify(std::move(slice));
}

}  // namespace kitsunet::slice
