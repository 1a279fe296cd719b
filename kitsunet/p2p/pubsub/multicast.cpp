#include "kitsunet/p2p/pubsub/multicast.hpp"

#include <algorithm>

namespace kitsunet::p2p::pubsub {

namespace {

constexpr std::string_view kProtocols[] = {protocol::kMulticast};

std::int32_t hops_of(const Message& m) { return m.hops.value_or(MulticastRouter::kUnlimitedHops); }

/// Whether budget `a` reaches further than `b` (-1 is unlimited).
bool further(std::int32_t a, std::int32_t b) { return b >= 0 && (a < 0 || a > b); }

std::int32_t next_hop(std::int32_t hops) { return hops < 0 ? MulticastRouter::kUnlimitedHops : hops - 1; }

}  // namespace

MulticastRouter::MulticastRouter(RouterConfig config)
    : Router(std::move(config)), budgets_(this->config().seen_ttl, this->config().seen_capacity) {}

std::span<const std::string_view> MulticastRouter::protocols() const noexcept { return kProtocols; }

void MulticastRouter::add_forward_hook(const TopicId& topic, ForwardHook hook) {
    hooks_[topic].push_back(std::move(hook));
}

bool MulticastRouter::vetoed(const PeerId& peer, const Message& m) const {
    const auto it = hooks_.find(m.topic);
    if (it == hooks_.end()) return false;
    return std::ranges::any_of(it->second, [&](const ForwardHook& hook) { return !hook(peer, m); });
}

void MulticastRouter::send_with_hops(const Received& m, std::int32_t hops) {
    const auto* peers = subscribers(m.message->topic);
    if (!peers) return;
    auto copy = std::make_shared<Message>(*m.message);
    copy->hops = hops;
    const MessagePtr out_message = std::move(copy);
    for (const auto& peer : *peers) {
        if (may_send(peer, m) && !vetoed(peer, *out_message)) send_message(peer, out_message);
    }
}

void MulticastRouter::on_first_seen(const Received& m, TimePoint now) {
    const auto hops = hops_of(*m.message);
    if (hops >= 0) budgets_.insert(m.id, now, Budget{hops, Stage::kValidating});
}

void MulticastRouter::on_duplicate(const PeerId& from, const Message& m, const MessageId& id, TimePoint) {
    auto* budget = budgets_.find(id);
    const auto hops = hops_of(m);
    if (!budget || !further(hops, budget->hops)) return;
    // A copy that may travel further: re-forward it once its signature is checked (the first
    // copy's was; this one carries the same id but is a different message object).
    if (!verify_message(m, config().signature_policy)) return;
    budget->hops = hops;
    if (budget->stage != Stage::kForwarded || hops == 0) return;
    Received r{std::make_shared<const Message>(m), id, from, std::nullopt};
    if (m.from) {
        if (auto author = PeerId::from_bytes(*m.from)) r.author = *author;
    }
    send_with_hops(r, next_hop(hops));
}

void MulticastRouter::on_validated(const Received& m, ValidationResult result, TimePoint) {
    if (result == ValidationResult::kAccept) return;
    if (auto* budget = budgets_.find(m.id)) budget->stage = Stage::kDropped;
}

void MulticastRouter::forward(const Received& m, TimePoint) {
    auto hops = hops_of(*m.message);
    if (auto* budget = budgets_.find(m.id)) {
        hops = budget->hops;  // a later copy may have raised it while this one was validated
        budget->stage = Stage::kForwarded;
    }
    if (hops == 0) return;
    send_with_hops(m, next_hop(hops));
}

void MulticastRouter::publish_out(const Received& m, TimePoint) {
    const auto hops = hops_of(*m.message);
    if (hops == 0) return;
    send_with_hops(m, next_hop(hops));
}

}  // namespace kitsunet::p2p::pubsub
