#include "kitsunet/p2p/pubsub/message_cache.hpp"

#include "kitsunet/core/assert.hpp"

namespace kitsunet::p2p::pubsub {

MessageCache::MessageCache(std::size_t history_length, std::size_t history_gossip)
    : history_gossip_(history_gossip), windows_(history_length) {
    KITSUNET_ASSERT(history_gossip > 0 && history_gossip <= history_length);
}

void MessageCache::put(const MessageId& id, MessagePtr message) {
    if (!entries_.try_emplace(id, Entry{std::move(message), {}}).second) return;
    windows_.front().push_back(id);
}

MessagePtr MessageCache::get(std::string_view id) const {
    const auto it = entries_.find(id);
    return it == entries_.end() ? nullptr : it->second.message;
}

std::pair<MessagePtr, unsigned> MessageCache::get_for_peer(std::string_view id, const PeerId& peer) {
    const auto it = entries_.find(id);
    if (it == entries_.end()) return {nullptr, 0};
    return {it->second.message, ++it->second.iwant_counts[peer]};
}

StringMap<std::vector<MessageId>> MessageCache::gossip_ids() const {
    StringMap<std::vector<MessageId>> out;
    for (std::size_t w = 0; w < history_gossip_; ++w) {
        for (const auto& id : windows_[w]) {
            const auto it = entries_.find(id);
            if (it != entries_.end()) out[it->second.message->topic].push_back(id);
        }
    }
    return out;
}

void MessageCache::shift() {
    for (const auto& id : windows_.back()) entries_.erase(id);
    windows_.pop_back();
    windows_.emplace_front();
}

}  // namespace kitsunet::p2p::pubsub
