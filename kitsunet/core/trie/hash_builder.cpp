// The streaming builder. With keys in ascending order, a key's leaf is complete as soon as the next
// key arrives: the two part at their first differing nibble `c`, where a branch must be. Every open
// branch deeper than `c` is complete too. So the builder keeps the pending key (its value already
// in RLP), and for each open branch on its path the RLP of the children sealed so far, in nibble
// order; sealing a node is writing its header in front and hashing it.
#include "kitsunet/core/trie/hash_builder.hpp"

#include <algorithm>
#include <cstring>

#include "kitsunet/core/assert.hpp"
#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/trie/node_writer.hpp"

namespace kitsunet::trie {
namespace {

constexpr std::size_t kListHeadroom = 3;  // the list header of a branch without a value (< 64 KiB)
constexpr std::size_t kMaxRefItem = 33;   // a hash reference, 0xa0 + 32 bytes

// Room in front of the pending value item for the leaf's list header (at most 9 bytes) and path
// item (at most 9 bytes of string header, then the hex-prefix path of at most key_size + 1 bytes).
constexpr std::size_t leaf_headroom(std::size_t key_size) noexcept { return 19 + key_size; }

}  // namespace

/// An open branch at nibble `depth` of the pending key. Its children left of `next` are sealed,
/// their items written at rlp[kListHeadroom, end); the next child to come is the pending key's.
struct HashBuilder::Level {
    std::size_t depth{0};
    std::uint8_t next{0};
    std::size_t end{kListHeadroom};
    std::array<std::uint8_t, kListHeadroom + 16 * kMaxRefItem + 1> rlp;
    Bytes value;  // the RLP string of the value of the key that ends here, if any
};

HashBuilder::HashBuilder() = default;
HashBuilder::~HashBuilder() = default;
HashBuilder::HashBuilder(HashBuilder&&) noexcept = default;
HashBuilder& HashBuilder::operator=(HashBuilder&&) noexcept = default;

void HashBuilder::add(ByteView key, ByteView value) {
    KITSUNET_ASSERT(!finished_);
    const std::size_t common = has_key_ ? detail::common_nibbles(key_, key) : 0;
    if (skipped_)
        KITSUNET_ASSERT(std::ranges::lexicographical_compare(skipped_key_, key));
    else
        KITSUNET_ASSERT(!has_key_ || ascends(key, common));
    if (value.empty()) {  // no leaf, but later keys must still come after this one
        skipped_key_.assign(key.begin(), key.end());
        skipped_ = true;
        return;
    }
    skipped_ = false;
    if (has_key_) hang_below(common);
    keep_pending(key, value);
}

// Whether `key`, sharing `common` nibbles with key_, comes after it.
bool HashBuilder::ascends(ByteView key, std::size_t common) const noexcept {
    if (common == 2 * key_.size()) return key.size() > key_.size();
    if (common == 2 * key.size()) return false;
    return detail::nibble_at(key.data(), common) > detail::nibble_at(key_.data(), common);
}

// The pending key parts from the next at nibble `common`: what lies below is complete and hangs
// in the branch at `common`. When the pending key ends there, it is that branch's value instead.
void HashBuilder::hang_below(std::size_t common) {
    if (common == 2 * key_.size()) {
        open_level(common).value.assign(leaf_.begin() + static_cast<std::ptrdiff_t>(leaf_at_),
                                        leaf_.begin() + static_cast<std::ptrdiff_t>(leaf_end_));
        return;
    }
    const NodeRef below = fold(static_cast<std::ptrdiff_t>(common));
    const bool open = open_ > 0 && levels_[open_ - 1].depth == common;
    put_child(open ? levels_[open_ - 1] : open_level(common), below);
}

void HashBuilder::keep_pending(ByteView key, ByteView value) {
    key_.assign(key.begin(), key.end());
    has_key_ = true;
    leaf_at_ = leaf_headroom(key.size());
    leaf_end_ = leaf_at_ + rlp::length(value);
    rlp::write(detail::scratch(leaf_, leaf_end_) + leaf_at_, value);
    path_ready_ = false;
}

// Seals the pending leaf and every open branch deeper than `floor` (-1: all of them), and returns
// the reference to what they form, which hangs below the branch at `floor` (or is the root).
NodeRef HashBuilder::fold(std::ptrdiff_t floor) {
    NodeRef child = seal_leaf(start_above(floor));
    while (open_ > 0 && static_cast<std::ptrdiff_t>(levels_[open_ - 1].depth) > floor) {
        Level& level = levels_[--open_];
        put_child(level, child);
        child = seal_branch(level, start_above(floor));
    }
    return child;
}

// Where the path of a node begins when its parent is the deepest open branch, or the branch at
// `floor` if that is deeper.
std::size_t HashBuilder::start_above(std::ptrdiff_t floor) const noexcept {
    const std::ptrdiff_t top = open_ > 0 ? static_cast<std::ptrdiff_t>(levels_[open_ - 1].depth) : -1;
    return static_cast<std::size_t>(std::max(top, floor) + 1);
}

// The pending leaf's header and path go in front of its value item, in place.
NodeRef HashBuilder::seal_leaf(std::size_t start) {
    const detail::PackedPath path{key_.data(), start, 2 * key_.size()};
    const std::size_t value_item = leaf_end_ - leaf_at_;
    const std::size_t payload = detail::path_item_length(path.size()) + value_item;
    const std::size_t size = rlp::length_of_header(payload) + payload;
    std::uint8_t* begin = leaf_.data() + leaf_end_ - size;
    detail::write_path_item(rlp::write_header(begin, {true, payload}), path, true);
    return seal({begin, size}, start);
}

// A branch whose last child was just put; under an extension when its path starts above it.
NodeRef HashBuilder::seal_branch(Level& level, std::size_t start) {
    std::uint8_t* items = level.rlp.data() + kListHeadroom;
    std::memset(level.rlp.data() + level.end, 0x80, 16 - level.next);  // the empty slots left
    const std::size_t children = level.end + 16 - level.next - kListHeadroom;
    NodeRef ref;
    if (level.value.empty()) {
        items[children] = 0x80;
        const std::size_t header = rlp::length_of_header(children + 1);
        rlp::write_header(items - header, {true, children + 1});
        ref = seal({items - header, header + children + 1}, level.depth);
    } else {
        const std::size_t payload = children + level.value.size();
        const std::size_t size = rlp::length_of_header(payload) + payload;
        std::uint8_t* out = rlp::write_header(detail::scratch(encoding_, size), {true, payload});
        std::memcpy(out, items, children);
        std::memcpy(out + children, level.value.data(), level.value.size());
        ref = seal({encoding_.data(), size}, level.depth);
    }
    if (level.depth == start) return ref;
    const detail::PackedPath path{key_.data(), start, level.depth};
    const std::size_t size = detail::extension_length(path.size(), ref);
    detail::write_extension(detail::scratch(encoding_, size), path, ref);
    return seal({encoding_.data(), size}, start);
}

// The reference to a node at `path_length` nibbles of the pending key, reported when hashed.
NodeRef HashBuilder::seal(ByteView rlp, std::size_t path_length) {
    const NodeRef ref = NodeRef::to_node(rlp);
    if (sink_ && ref.is_hash()) sink_(path_of_pending(path_length), ref.hash(), rlp);
    return ref;
}

// The first `length` nibbles of the pending key, unpacked only when a sink wants them.
ByteView HashBuilder::path_of_pending(std::size_t length) {
    if (!path_ready_) {
        path_.clear();
        append_nibbles(path_, key_);
        path_ready_ = true;
    }
    return ByteView{path_}.first(length);
}

// Children come in ascending nibbles: the slots skipped since the last one are empty.
void HashBuilder::put_child(Level& level, const NodeRef& child) noexcept {
    const std::uint8_t nibble = detail::nibble_at(key_.data(), level.depth);
    KITSUNET_ASSERT(nibble >= level.next);
    std::memset(level.rlp.data() + level.end, 0x80, nibble - level.next);
    level.end += nibble - level.next;
    level.end =
        static_cast<std::size_t>(detail::write_ref(level.rlp.data() + level.end, child) - level.rlp.data());
    level.next = static_cast<std::uint8_t>(nibble + 1);
}

HashBuilder::Level& HashBuilder::open_level(std::size_t depth) {
    if (open_ == levels_.size()) levels_.emplace_back();
    Level& level = levels_[open_++];
    level.depth = depth;
    level.next = 0;
    level.end = kListHeadroom;
    level.value.clear();
    return level;
}

Hash HashBuilder::root() {
    if (finished_) return root_hash_;
    finished_ = true;
    if (!has_key_) return root_hash_ = kEmptyRoot;
    const NodeRef ref = fold(-1);
    root_hash_ = root_hash_of(ref);
    if (sink_ && !ref.is_hash()) sink_({}, root_hash_, ref.bytes());
    return root_hash_;
}

}  // namespace kitsunet::trie
