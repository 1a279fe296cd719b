#pragma once
/// Points of the 256-bit key space, each owned by a peer slot, sorted by key; answers "the first n
/// distinct owners in XOR order from a target" by walking the implicit binary trie of the sorted
/// keys (nearest half first), so a query costs O(n · log(points)) rather than a scan.
/// Thread-safety: const calls may run concurrently; changes may not overlap with anything.
#include <cstdint>
#include <span>
#include <vector>

#include "kitsunet/ksn/keys.hpp"

namespace kitsunet::ksn {

class XorIndex {
  public:
    using Owner = std::uint32_t;
    struct Point {
        Key256 key;
        Owner owner{0};
        friend constexpr auto operator<=>(const Point&, const Point&) = default;
    };

    /// Adds points (any order). O(size + points · log points): add many at once rather than one by one.
    void insert(std::span<const Point> points);
    /// Removes every point of `owner`. O(size).
    void erase_owner(Owner owner);

    /// Appends owners to `out` by the XOR distance of their nearest point to `target`, nearest first,
    /// skipping owners already in `out`, until `out` holds `count` owners (or every owner is in).
    /// Points at equal keys come in owner order.
    void closest_owners(const Key256& target, std::size_t count, std::vector<Owner>& out) const;

    std::size_t size() const noexcept { return points_.size(); }
    std::span<const Point> points() const noexcept { return points_; }

  private:
    std::vector<Point> points_;  // sorted by key, then owner
};

}  // namespace kitsunet::ksn
