#pragma once
/// Keys remembered for a fixed time to live, each with a small value: the seen-message cache of
/// every router, and the other per-message records that must expire (delivery records for peer
/// scoring, multicast hop budgets). Insertion and lookup are O(1); expiry is O(1) amortized,
/// because a fixed TTL makes insertion order the expiry order (a FIFO beside the hash map).
/// A capacity bounds memory under floods: beyond it the oldest entries go early.
/// Thread-safety: none.
#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <utility>

#include "kitsunet/p2p/pubsub/types.hpp"

namespace kitsunet::p2p::pubsub {

template <class Value>
class TimedCache {
  public:
    /// Precondition: capacity > 0.
    TimedCache(Duration ttl, std::size_t capacity) : ttl_(ttl), capacity_(capacity) {}

    /// Inserts `key` unless present; returns its value and whether it was inserted. Entries
    /// whose time has passed are dropped first.
    std::pair<Value*, bool> insert(std::string_view key, TimePoint now, Value value = {}) {
        expire(now);
        auto [it, inserted] = map_.try_emplace(std::string(key), std::move(value));
        if (inserted) {
            order_.push_back({now + ttl_, &it->first});
            if (map_.size() > capacity_) pop_oldest();
        }
        return {&it->second, inserted};
    }

    /// The value of `key`, or nullptr. (Entries past their time may linger until the next
    /// insert or expire; callers that care about exact expiry call expire first.)
    Value* find(std::string_view key) noexcept {
        const auto it = map_.find(key);
        return it == map_.end() ? nullptr : &it->second;
    }
    const Value* find(std::string_view key) const noexcept {
        const auto it = map_.find(key);
        return it == map_.end() ? nullptr : &it->second;
    }
    bool contains(std::string_view key) const noexcept { return map_.contains(key); }

    /// Drops every entry inserted at or before now - ttl.
    void expire(TimePoint now) {
        while (!order_.empty() && order_.front().first <= now) pop_oldest();
    }

    std::size_t size() const noexcept { return map_.size(); }
    Duration ttl() const noexcept { return ttl_; }

  private:
    void pop_oldest() {
        const auto it = map_.find(*order_.front().second);
        order_.pop_front();
        map_.erase(it);
    }

    Duration ttl_;
    std::size_t capacity_;
    StringMap<Value> map_;
    // Keys live in the map's nodes, whose addresses are stable; the FIFO points at them.
    std::deque<std::pair<TimePoint, const std::string*>> order_;
};

struct Seen {};
/// The set of message ids seen within the last TTL.
using SeenCache = TimedCache<Seen>;

}  // namespace kitsunet::p2p::pubsub
