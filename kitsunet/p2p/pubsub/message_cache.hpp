#pragma once
/// gossipsub's message cache (gossipsub v1.0 "mcache"): the messages of the last
/// `history_length` heartbeats, answerable to IWANT, of which the last `history_gossip` are
/// advertised in IHAVE. Counts, per peer, how often each message was sent to it through IWANT,
/// so that retransmissions can be capped. Memory is bounded by the message rate times the
/// history. Thread-safety: none.
#include <cstddef>
#include <deque>
#include <vector>

#include "kitsunet/p2p/pubsub/types.hpp"

namespace kitsunet::p2p::pubsub {

class MessageCache {
  public:
    /// Preconditions: 0 < history_gossip <= history_length.
    MessageCache(std::size_t history_length, std::size_t history_gossip);

    /// Adds a message to the current window (no-op when cached already).
    void put(const MessageId& id, MessagePtr message);
    bool contains(std::string_view id) const noexcept { return entries_.contains(id); }
    /// The message, or nullptr.
    MessagePtr get(std::string_view id) const;
    /// The message for an IWANT from `peer`, and how many times it was asked for by that peer
    /// (this time included); nullptr when not cached.
    std::pair<MessagePtr, unsigned> get_for_peer(std::string_view id, const PeerId& peer);
    /// The ids of the gossip windows, by topic.
    StringMap<std::vector<MessageId>> gossip_ids() const;
    /// Starts a new window, dropping the oldest.
    void shift();

    std::size_t size() const noexcept { return entries_.size(); }

  private:
    struct Entry {
        MessagePtr message;
        PeerMap<unsigned> iwant_counts;
    };
    std::size_t history_gossip_;
    StringMap<Entry> entries_;
    std::deque<std::vector<MessageId>> windows_;  // front: the current window
};

}  // namespace kitsunet::p2p::pubsub
