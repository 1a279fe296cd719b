#include "kitsunet/ksn/xor_index.hpp"

#include <algorithm>
#include <array>

namespace kitsunet::ksn {
namespace {

struct Range {
    std::size_t lo{0};
    std::size_t hi{0};
};

void add_owner(std::vector<XorIndex::Owner>& out, XorIndex::Owner owner) {
    if (std::ranges::find(out, owner) == out.end()) out.push_back(owner);
}

}  // namespace

// Merges from the back into the grown vector: no second buffer, each old point moved at most once.
void XorIndex::insert(std::span<const Point> points) {
    std::vector<Point> added(points.begin(), points.end());
    std::ranges::sort(added);
    std::size_t old_end = points_.size();
    std::size_t next = added.size();
    points_.resize(old_end + next);
    for (std::size_t out = points_.size(); next > 0;) {
        if (old_end > 0 && added[next - 1] < points_[old_end - 1])
            points_[--out] = points_[--old_end];
        else
            points_[--out] = added[--next];
    }
}

void XorIndex::erase_owner(Owner owner) {
    std::erase_if(points_, [owner](const Point& p) { return p.owner == owner; });
}

// XOR order is the lexicographic order of (key ^ target). Inside a range whose keys share their
// first `d` bits, the keys agreeing with the target at bit d are all nearer than the others, so a
// depth-first walk taking that half first visits points nearest first. The stack holds at most one
// pending far half per split bit.
void XorIndex::closest_owners(const Key256& target, std::size_t count, std::vector<Owner>& out) const {
    const std::size_t wanted = count;
    std::array<Range, 258> stack;
    std::size_t depth = 0;
    if (!points_.empty()) stack[depth++] = {0, points_.size()};
    while (depth > 0 && out.size() < wanted) {
        const Range r = stack[--depth];
        const unsigned split = common_prefix_bits(points_[r.lo].key, points_[r.hi - 1].key);
        if (split == 256) {  // one key (or equal keys): owners in order
            for (std::size_t i = r.lo; i < r.hi && out.size() < wanted; ++i) add_owner(out, points_[i].owner);
            continue;
        }
        const auto first = points_.begin();
        const auto mid = static_cast<std::size_t>(
            std::partition_point(first + static_cast<std::ptrdiff_t>(r.lo),
                                 first + static_cast<std::ptrdiff_t>(r.hi),
                                 [split](const Point& p) { return !p.key.bit(split); }) -
            first);
        const Range zeros{r.lo, mid};
        const Range ones{mid, r.hi};
        const bool target_one = target.bit(split);
        stack[depth++] = target_one ? zeros : ones;  // far half, visited later
        stack[depth++] = target_one ? ones : zeros;  // near half, next
    }
}

}  // namespace kitsunet::ksn
