#include "kitsunet/p2p/pubsub/router.hpp"

#include <algorithm>

namespace kitsunet::p2p::pubsub {

Rpc& Outbox::to(const PeerId& peer) {
    const auto [it, inserted] = index_.try_emplace(peer, rpcs.size());
    if (inserted) rpcs.emplace_back(peer, Rpc{});
    return rpcs[it->second].second;
}

bool Outbox::empty() const noexcept {
    return rpcs.empty() && deliveries.empty() && validations.empty() && disconnect.empty() && dial.empty();
}

Router::Router(RouterConfig config)
    : config_(std::move(config)), rng_(config_.seed), seen_(config_.seen_ttl, config_.seen_capacity) {}

void Router::add_peer(const PeerId& peer, std::string_view protocol, Direction direction, TimePoint now) {
    const auto [it, inserted] = peers_.try_emplace(peer);
    if (!inserted) return;
    it->second.protocol = protocol;
    it->second.direction = direction;
    // Tell the new peer what we are subscribed to (the hello of every pubsub protocol).
    for (const auto& topic : joined_) send_subscription(peer, topic, true);
    on_peer_added(peer, now);
}

void Router::remove_peer(const PeerId& peer, TimePoint now) {
    const auto it = peers_.find(peer);
    if (it == peers_.end()) return;
    for (const auto& topic : it->second.topics) {
        const auto t = topics_.find(topic);
        if (t == topics_.end()) continue;
        t->second.erase(peer);
        if (t->second.empty()) topics_.erase(t);
    }
    peers_.erase(it);
    on_peer_removed(peer, now);
}

void Router::handle_rpc(const PeerId& from, const Rpc& rpc, TimePoint now) {
    const auto it = peers_.find(from);
    if (it == peers_.end() || !accepts_from(from)) return;
    bool overflow = false;
    for (const auto& sub : rpc.subscriptions) overflow |= !handle_subscription(from, it->second, sub, now);
    if (overflow) on_misbehaviour(from, Misbehaviour::kTooManyTopics, now);
    for (const auto& m : rpc.messages) receive(from, m, now);
    if (rpc.control && !rpc.control->empty()) on_control(from, *rpc.control, now);
}

void Router::handle_bad_rpc(const PeerId& from, TimePoint now) {
    if (peers_.contains(from)) on_misbehaviour(from, Misbehaviour::kBadRpc, now);
}

void Router::on_misbehaviour(const PeerId& peer, Misbehaviour, TimePoint) {
    if (std::ranges::find(outbox_.disconnect, peer) == outbox_.disconnect.end())
        outbox_.disconnect.push_back(peer);
}

bool Router::handle_subscription(const PeerId& from, PeerState& state, const SubOpts& sub, TimePoint now) {
    if (sub.topic.empty()) return true;
    if (!sub.subscribe) {
        if (state.topics.erase(sub.topic) == 0) return true;
        const auto t = topics_.find(sub.topic);
        if (t != topics_.end()) {
            t->second.erase(from);
            if (t->second.empty()) topics_.erase(t);
        }
        on_peer_left(from, sub.topic, now);
        return true;
    }
    if (state.topics.contains(sub.topic)) return true;
    if (state.topics.size() >= config_.max_topics_per_peer) return false;
    state.topics.insert(sub.topic);
    topics_[sub.topic].insert(from);
    on_peer_joined(from, sub.topic, now);
    return true;
}

void Router::receive(const PeerId& from, const MessagePtr& m, TimePoint now) {
    ++stats_.received;
    if (m->topic.empty() || encoded_size(*m) > config_.max_message_size) {
        ++stats_.invalid;
        on_misbehaviour(from, Misbehaviour::kInvalidMessage, now);
        return;
    }
    if (!joined(m->topic)) return;
    auto id = config_.message_id(*m);
    if (!id) {
        ++stats_.invalid;
        on_invalid_signature(from, *m, now);
        return;
    }
    if (seen_.contains(*id)) {
        ++stats_.duplicates;
        on_duplicate(from, *m, *id, now);
        return;
    }
    auto author = verify_message(*m, config_.signature_policy);
    if (!author) {
        ++stats_.invalid;
        on_invalid_signature(from, *m, now);
        return;
    }
    const bool validated = validated_topics_.contains(m->topic);
    if (validated && pending_.size() >= config_.max_pending_validations) return;  // throttled: drop
    seen_.insert(*id, now);
    Received r{m, std::move(*id), from, std::move(*author)};
    on_first_seen(r, now);
    if (!validated) {
        finish(r, ValidationResult::kAccept, now);
        return;
    }
    on_validation_pending(r, now);
    const auto ticket = next_ticket_++;
    outbox_.validations.push_back({ticket, m, r.id, from});
    pending_.emplace(ticket, std::move(r));
}

void Router::complete_validation(std::uint64_t ticket, ValidationResult result, TimePoint now) {
    const auto it = pending_.find(ticket);
    if (it == pending_.end()) return;
    const Received r = std::move(it->second);
    pending_.erase(it);
    // The peer may have gone, or we may have left the topic, while the validator ran.
    if (!joined(r.message->topic)) return;
    finish(r, result, now);
}

void Router::finish(const Received& m, ValidationResult result, TimePoint now) {
    on_validated(m, result, now);
    if (result == ValidationResult::kReject) ++stats_.invalid;
    if (result != ValidationResult::kAccept) return;
    ++stats_.delivered;
    outbox_.deliveries.push_back({m.message, m.id, m.source});
    forward(m, now);
}

std::expected<MessageId, PublishError> Router::publish(MessagePtr message, TimePoint now) {
    if (message->topic.empty() || !conforms(*message, config_.signature_policy))
        return std::unexpected(PublishError::kNotAllowed);
    if (encoded_size(*message) + 16 > config_.max_message_size)
        return std::unexpected(PublishError::kTooLarge);
    auto id = config_.message_id(*message);
    if (!id) return std::unexpected(PublishError::kNotAllowed);
    if (!seen_.insert(*id, now).second) return std::unexpected(PublishError::kDuplicate);
    Received r{std::move(message), *id, std::nullopt, std::nullopt};
    if (config_.deliver_own && joined(r.message->topic)) outbox_.deliveries.push_back({r.message, r.id, {}});
    publish_out(r, now);
    return std::move(*id);
}

void Router::heartbeat(TimePoint now) {
    seen_.expire(now);
    on_heartbeat(now);
}

void Router::join(const TopicId& topic, TimePoint now) {
    if (topic.empty() || !joined_.insert(topic).second) return;
    for (const auto& [peer, state] : peers_) send_subscription(peer, topic, true);
    on_joined(topic, now);
}

void Router::leave(const TopicId& topic, TimePoint now) {
    if (joined_.erase(topic) == 0) return;
    for (const auto& [peer, state] : peers_) send_subscription(peer, topic, false);
    on_left(topic, now);
}

void Router::set_validated(const TopicId& topic, bool validated) {
    if (validated) {
        validated_topics_.insert(topic);
    } else {
        validated_topics_.erase(topic);
    }
}

Outbox Router::take_outbox() {
    Outbox out = std::move(outbox_);
    outbox_ = Outbox{};
    out.index_.clear();
    return out;
}

std::vector<PeerId> Router::peers() const {
    std::vector<PeerId> out;
    out.reserve(peers_.size());
    for (const auto& [peer, state] : peers_) out.push_back(peer);
    return out;
}

std::vector<PeerId> Router::topic_peers(const TopicId& topic) const {
    const auto* set = subscribers(topic);
    return set ? std::vector<PeerId>(set->begin(), set->end()) : std::vector<PeerId>{};
}

std::size_t Router::topic_count(const PeerId& peer) const noexcept {
    const auto* s = peer_state(peer);
    return s ? s->topics.size() : 0;
}

const Router::PeerState* Router::peer_state(const PeerId& peer) const noexcept {
    const auto it = peers_.find(peer);
    return it == peers_.end() ? nullptr : &it->second;
}

const PeerSet* Router::subscribers(std::string_view topic) const noexcept {
    const auto it = topics_.find(topic);
    return it == topics_.end() ? nullptr : &it->second;
}

void Router::send_subscription(const PeerId& peer, const TopicId& topic, bool subscribe) {
    out().to(peer).subscriptions.push_back({subscribe, topic});
}

}  // namespace kitsunet::p2p::pubsub
