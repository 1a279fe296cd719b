#include "kitsunet/core/slice/verify.hpp"

#include <algorithm>

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

/// Walks the nodes below the head breadth-first, so that every node is first met at its lowest
/// level, checking each, and then the codes against the accounts met.
class Verifier {
  public:
    Verifier(const Slice& slice, const Index& nodes) : slice_(slice), nodes_(nodes) {}

    Status check_below(const detail::StemEnd& end);
    Status check_codes(const Index& codes);

    SliceStats stats;

  private:
    struct Pending {
        std::uint32_t node;
        std::uint8_t level;
        std::uint8_t path_length;
        std::array<std::uint8_t, kKeyNibbles> path;
    };

    Status expand_pending(Pending pending, trie::Nibbles& path);
    Status leaf(ByteView value);
    Status child(const Hash& hash, const trie::Nibbles& path, std::size_t level);
    Status check_all_reached() const;

    const Slice& slice_;
    const Index& nodes_;
    std::vector<std::int16_t> levels_;  // per node: the level it was reached at, or -1
    std::vector<bool> beyond_depth_;    // per node: referenced from the depth's last level
    std::vector<Pending> queue_;
    std::vector<Hash> code_hashes_;  // of the accounts below the head
};

Status Verifier::check_below(const detail::StemEnd& end) {
    levels_.assign(slice_.nodes.size(), -1);
    beyond_depth_.assign(slice_.nodes.size(), false);
    queue_.reserve(slice_.nodes.size());
    trie::Nibbles path(slice_.id.prefix.begin(),
                       slice_.id.prefix.begin() + static_cast<std::ptrdiff_t>(end.head_position));
    path.reserve(kKeyNibbles + 1);
    auto ok = detail::expand(
        slice_.head, path, [this](const trie::Nibbles&, ByteView value) { return leaf(value); },
        [this](const Hash& hash, const trie::Nibbles& child_path) { return child(hash, child_path, 1); });
    for (std::size_t next = 0; ok && next < queue_.size(); ++next) ok = expand_pending(queue_[next], path);
    if (!ok) return ok;
    return check_all_reached();
}

Status Verifier::expand_pending(Pending pending, trie::Nibbles& path) {
    path.assign(pending.path.begin(), pending.path.begin() + pending.path_length);
    const Bytes& rlp = slice_.nodes[pending.node];
    if (rlp.size() < 32) return fail(Errc::kSliceMalformedTrie);  // such a node is embedded, not hashed
    stats.max_level = std::max<std::size_t>(stats.max_level, pending.level);
    const std::size_t next_level = pending.level + 1u;
    return detail::expand(
        rlp, path, [this](const trie::Nibbles&, ByteView value) { return leaf(value); },
        [this, next_level](const Hash& hash, const trie::Nibbles& child_path) {
            return child(hash, child_path, next_level);
        });
}

Status Verifier::leaf(ByteView value) {
    ++stats.leaves;
    if (slice_.id.is_storage()) return is_storage_value(value) ? Status{} : fail(Errc::kSliceBadValue);
    const auto account = rlp::decode_account(value);
    if (!account) return fail(Errc::kSliceBadValue);
    if (account->code_hash != kEmptyCodeHash) code_hashes_.push_back(account->code_hash);
    return {};
}

Status Verifier::child(const Hash& hash, const trie::Nibbles& path, std::size_t level) {
    const std::uint32_t* node = find_in(nodes_, hash);
    if (level > slice_.id.depth) {
        stats.complete = false;
        if (node != nullptr) beyond_depth_[*node] = true;
        return {};
    }
    if (node == nullptr) return fail(Errc::kSliceMissingNode);
    if (levels_[*node] >= 0) return {};  // breadth first: reached before, at a level no deeper
    levels_[*node] = static_cast<std::int16_t>(level);
    Pending pending{*node, static_cast<std::uint8_t>(level), static_cast<std::uint8_t>(path.size()), {}};
    std::ranges::copy(path, pending.path.begin());
    queue_.push_back(pending);
    return {};
}

Status Verifier::check_all_reached() const {
    for (std::size_t i = 0; i < levels_.size(); ++i)
        if (levels_[i] < 0) return fail(beyond_depth_[i] ? Errc::kSliceTooDeep : Errc::kSliceExtraNode);
    return {};
}

Status Verifier::check_codes(const Index& codes) {
    std::ranges::sort(code_hashes_);
    for (const auto& [hash, position] : codes)
        if (!std::ranges::binary_search(code_hashes_, hash)) return fail(Errc::kSliceExtraCode);
    stats.codes = codes.size();
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
