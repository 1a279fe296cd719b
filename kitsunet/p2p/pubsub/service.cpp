#include "kitsunet/p2p/pubsub/service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <boost/system/system_error.hpp>

#include "kitsunet/p2p/multiformats/varint.hpp"
#include "kitsunet/p2p/net/delimited.hpp"
#include "kitsunet/p2p/net/errors.hpp"
#include "kitsunet/p2p/net/timeout.hpp"
#include "kitsunet/p2p/pubsub/floodsub.hpp"

namespace kitsunet::p2p::pubsub {

namespace {

std::string summary(const Rpc& rpc) {
    std::string s = std::to_string(rpc.subscriptions.size()) + " subscriptions, " +
                    std::to_string(rpc.messages.size()) + " messages";
    if (const auto& c = rpc.control) {
        s += ", control: " + std::to_string(c->ihave.size()) + " ihave, " + std::to_string(c->iwant.size()) +
             " iwant, " + std::to_string(c->graft.size()) + " graft, " + std::to_string(c->prune.size()) +
             " prune, " + std::to_string(c->idontwant.size()) + " idontwant";
    }
    return s;
}

constexpr Duration kNegotiateTimeout = std::chrono::seconds(10);

std::unique_ptr<Router> make_router(const PubSubConfig& config) {
    switch (config.router) {
        case RouterKind::kFloodsub:
            return std::make_unique<FloodsubRouter>(config.common);
        case RouterKind::kMulticast:
            return std::make_unique<MulticastRouter>(config.common);
        case RouterKind::kGossipsub:
            break;
    }
    return std::make_unique<GossipsubRouter>(config.gossipsub, config.common);
}

MessageAuthor make_author(const Host& host, const RouterConfig& config) {
    if (config.signature_policy == SignaturePolicy::kStrictNoSign) return MessageAuthor();
    return MessageAuthor(host.config().identity);
}

}  // namespace

std::string_view to_string(RouterKind kind) noexcept {
    switch (kind) {
        case RouterKind::kGossipsub:
            return "gossipsub";
        case RouterKind::kFloodsub:
            return "floodsub";
        case RouterKind::kMulticast:
            return "multicast";
    }
    return "unknown";
}

std::optional<RouterKind> parse_router_kind(std::string_view name) noexcept {
    for (auto kind : {RouterKind::kGossipsub, RouterKind::kFloodsub, RouterKind::kMulticast}) {
        if (to_string(kind) == name) return kind;
    }
    return std::nullopt;
}

void keep_large_buffers_on_heap() noexcept {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 128 << 20);
#endif
}

// ---- subscriptions ----

struct Subscription::State {
    State(TopicId t, const boost::asio::any_io_executor& executor) : topic(std::move(t)), ready(executor) {}
    TopicId topic;
    std::deque<Delivery> queue;
    Notifier ready;
    bool closed{false};
    std::uint64_t dropped{0};
};

Subscription::~Subscription() {
    if (state_) owner_->unsubscribe(state_);
}

const TopicId& Subscription::topic() const noexcept { return state_->topic; }

std::uint64_t Subscription::dropped() const noexcept { return state_->dropped; }

Task<std::optional<Delivery>> Subscription::next() {
    const auto state = state_;  // the subscription may be moved while we wait
    while (state->queue.empty() && !state->closed) co_await state->ready.wait();
    if (state->queue.empty()) co_return std::nullopt;
    Delivery d = std::move(state->queue.front());
    state->queue.pop_front();
    co_return d;
}

// ---- the service ----

struct PubSub::Link {
    explicit Link(const boost::asio::any_io_executor& executor) : wake(executor) {}
    Bytes pending;  // encoded frames waiting for the writer
    std::size_t dropped{0};
    Notifier wake;
    bool in_router{false};
    bool closing{false};
    bool writing{false};
};

PubSub::PubSub(Host& host, PubSubConfig config)
    : host_(host),
      config_(std::move(config)),
      router_(make_router(config_)),
      author_(make_author(host, config_.common)),
      protocols_(router_->protocols().begin(), router_->protocols().end()),
      tasks_(host.executor()),
      changed_(host.executor()),
      readers_(host.executor()),
      written_(host.executor()) {}

PubSub::~PubSub() { *alive_ = false; }

void PubSub::start() {
    if (started_) return;
    started_ = true;
    for (const auto& protocol : protocols_) {
        host_.set_handler(
            protocol, [this, alive = alive_](Stream s) { return serve_if_alive(this, alive, std::move(s)); });
    }
    tasks_.spawn(heartbeat_loop(), "pubsub heartbeat");
    tasks_.spawn(scan_loop(), "pubsub peer scan");
}

Task<void> PubSub::stop() {
    if (stopping_) co_return;
    stopping_ = true;
    *alive_ = false;
    for (const auto& protocol : protocols_) host_.remove_handler(protocol);
    for (const auto& [peer, stream] : inbound_streams_) stream->reset();
    for (auto& [peer, link] : links_) {
        link->closing = true;
        link->wake.notify();
    }
    tasks_.cancel();
    co_await tasks_.join();
    while (active_readers_ > 0) co_await readers_.wait();
    for (auto& [topic, states] : subscriptions_) {
        for (auto& state : states) {
            state->closed = true;
            state->ready.notify();
        }
    }
}

Task<void> PubSub::serve_if_alive(PubSub* self, std::shared_ptr<bool> alive, Stream stream) {
    if (!*alive || self->stopping_) co_return;  // the service is gone or going: drop the stream
    co_await self->serve_inbound(std::move(stream));
}

// ---- peers ----

Direction PubSub::direction_of(const PeerId& peer) const {
    for (const auto& c : host_.connections()) {
        if (c->peer() == peer && !c->closed())
            return c->direction() == p2p::Direction::kOutbound ? Direction::kOutbound : Direction::kInbound;
    }
    return Direction::kInbound;
}

PubSub::Link& PubSub::ensure_link(const PeerId& peer) {
    auto& link = links_[peer];
    if (!link) {
        link = std::make_unique<Link>(host_.executor());
        tasks_.spawn(write_loop(peer), "pubsub writer");
    }
    return *link;
}

void PubSub::add_to_router(const PeerId& peer, const std::string& protocol) {
    auto& link = ensure_link(peer);
    if (link.in_router || link.closing) return;
    link.in_router = true;
    router_->add_peer(peer, protocol, direction_of(peer), now());
    spdlog::debug("pubsub: peer {} over {}", peer.to_string(), protocol);
    flush();
}

void PubSub::close_link(const PeerId& peer) {
    const auto it = links_.find(peer);
    if (it != links_.end()) {
        it->second->closing = true;
        it->second->wake.notify();
    }
    for (const auto& [p, stream] : inbound_streams_) {
        if (p == peer) stream->reset();
    }
}

void PubSub::scan_connections() {
    PeerSet connected;
    for (const auto& c : host_.connections()) {
        if (c->closed()) continue;
        connected.insert(c->peer());
        const auto tried = tried_.find(c.get());
        if (tried != tried_.end() && !tried->second.expired()) continue;
        tried_[c.get()] = c;
        ensure_link(c->peer());
    }
    for (const auto& [peer, link] : links_) {
        if (!connected.contains(peer)) close_link(peer);
    }
    std::erase_if(tried_, [](const auto& entry) { return entry.second.expired(); });
}

Task<void> PubSub::scan_loop() {
    for (;;) {
        scan_connections();
        co_await sleep_for(config_.peer_scan_interval);
    }
}

Task<void> PubSub::write_loop(PeerId peer) {
    Link* link = links_.at(peer).get();
    try {
        auto stream = co_await with_timeout(host_.new_stream(peer, protocols_), kNegotiateTimeout);
        add_to_router(peer, stream.protocol);
        for (;;) {
            while (link->pending.empty() && !link->closing) co_await link->wake.wait();
            if (link->closing) break;
            Bytes batch;
            batch.swap(link->pending);
            link->writing = true;
            co_await stream.io->write_all(batch);
            link->writing = false;
            written_.notify();
        }
    } catch (const boost::system::system_error& e) {
        if (e.code() != boost::asio::error::operation_aborted)
            spdlog::debug("pubsub: stream to {} ended: {}", peer.to_string(), e.what());
    }
    written_.notify();
    const auto it = links_.find(peer);
    if (it == links_.end() || it->second.get() != link) co_return;
    const bool was_in_router = link->in_router;
    links_.erase(it);
    if (was_in_router) {
        router_->remove_peer(peer, now());
        flush();
    }
    for (const auto& [p, stream] : inbound_streams_) {
        if (p == peer) stream->reset();
    }
}

Task<void> PubSub::serve_inbound(Stream stream) {
    const PeerId peer = stream.peer;
    ++active_readers_;
    inbound_streams_.emplace_back(peer, stream.io.get());
    try {
        add_to_router(peer, stream.protocol);
        co_await read_loop(peer, *stream.io);
    } catch (const boost::system::system_error& e) {
        const auto code = e.code();
        if (code == make_error_code(P2pErrc::kMessageTooLarge) ||
            code == make_error_code(P2pErrc::kBadMessage)) {
            spdlog::info("pubsub: {} sent a bad frame: {}", peer.to_string(), e.what());
            router_->handle_bad_rpc(peer, now());
            flush();
        }
    }
    std::erase(inbound_streams_, std::pair<PeerId, ByteStream*>{peer, stream.io.get()});
    --active_readers_;
    readers_.notify();
}

Task<void> PubSub::read_loop(const PeerId& peer, BufferedStream& io) {
    const RpcLimits limits;
    while (auto frame = co_await read_delimited(io, config_.common.max_message_size)) {
        if (auto rpc = decode_rpc(*frame, limits)) {
            if (spdlog::should_log(spdlog::level::trace))
                spdlog::trace("pubsub: from {}: {}", peer.to_string(), summary(*rpc));
            router_->handle_rpc(peer, *rpc, now());
        } else {
            spdlog::debug("pubsub: undecodable RPC from {}: {}", peer.to_string(), describe(rpc.error()));
            router_->handle_bad_rpc(peer, now());
        }
        flush();
    }
}

// ---- the router's outbox ----

void PubSub::flush() {
    for (Outbox out = router_->take_outbox(); !out.empty(); out = router_->take_outbox()) {
        for (auto& [peer, rpc] : out.rpcs) enqueue(peer, std::move(rpc));
        for (const auto& d : out.deliveries) deliver(d);
        for (auto& v : out.validations) tasks_.spawn(validate(std::move(v)), "pubsub validation");
        for (const auto& peer : out.disconnect) {
            spdlog::info("pubsub: dropping {} (misbehaving)", peer.to_string());
            close_link(peer);
        }
        for (const auto& info : out.dial) {
            // Peer exchange: only peers whose addresses we already know (no signed records yet).
            const auto id = PeerId::from_bytes(info.peer_id);
            if (!id || links_.contains(*id) || !host_.peer_store().find(*id)) continue;
            tasks_.spawn([](Host& host, PeerId p) -> Task<void> { co_await host.connect(p); }(host_, *id),
                         "pubsub px dial");
        }
    }
    changed_.notify();
}

void PubSub::enqueue(const PeerId& peer, Rpc rpc) {
    const auto it = links_.find(peer);
    if (it == links_.end() || it->second->closing) return;
    Link& link = *it->second;
    if (spdlog::should_log(spdlog::level::trace))
        spdlog::trace("pubsub: to {}: {}", peer.to_string(), summary(rpc));
    for (const auto& frame : split_rpc(std::move(rpc), config_.common.max_message_size)) {
        if (!frame.messages.empty() && link.pending.size() >= config_.max_queued_bytes) {
            ++link.dropped;
            ++dropped_frames_;
            continue;
        }
        const auto size = encoded_size(frame);
        append_varint(link.pending, size);
        encode(link.pending, frame);
    }
    link.wake.notify();
}

void PubSub::deliver(const Delivery& delivery) {
    const auto it = subscriptions_.find(delivery.message->topic);
    if (it == subscriptions_.end()) return;
    for (const auto& state : it->second) {
        state->queue.push_back(delivery);
        if (state->queue.size() > config_.max_subscription_backlog) {
            state->queue.pop_front();
            ++state->dropped;
        }
        state->ready.notify();
    }
}

Task<void> PubSub::validate(ValidationRequest request) {
    ValidationResult result = ValidationResult::kAccept;
    const auto it = validators_.find(request.message->topic);
    // A copy: validators may be added while one of them runs.
    const auto validators = it == validators_.end() ? std::vector<Validator>{} : it->second;
    try {
        for (const auto& validator : validators) {
            result = co_await validator(*request.message, request.source);
            if (result != ValidationResult::kAccept) break;
        }
    } catch (const std::exception& e) {
        spdlog::warn("pubsub: validator of {} failed: {}", request.message->topic, e.what());
        result = ValidationResult::kIgnore;
    }
    router_->complete_validation(request.ticket, result, now());
    flush();
}

Task<void> PubSub::heartbeat_loop() {
    const auto interval =
        config_.router == RouterKind::kGossipsub ? config_.gossipsub.heartbeat_interval : config_.heartbeat;
    for (;;) {
        co_await sleep_for(interval);
        router_->heartbeat(now());
        flush();
    }
}

// ---- the API ----

void PubSub::join_topic(const TopicId& topic) {
    router_->join(topic, now());
    flush();
}

void PubSub::leave_topic_if_unused(const TopicId& topic) {
    const auto subs = subscriptions_.find(topic);
    if (subs != subscriptions_.end() && !subs->second.empty()) return;
    if (relays_.contains(topic)) return;
    if (subs != subscriptions_.end()) subscriptions_.erase(subs);
    router_->leave(topic, now());
    flush();
}

Subscription PubSub::subscribe(const TopicId& topic) {
    auto state = std::make_shared<Subscription::State>(topic, host_.executor());
    if (stopping_) state->closed = true;
    subscriptions_[topic].push_back(state);
    join_topic(topic);
    return Subscription(*this, std::move(state));
}

void PubSub::unsubscribe(const std::shared_ptr<Subscription::State>& state) {
    state->closed = true;
    state->ready.notify();
    const auto it = subscriptions_.find(state->topic);
    if (it == subscriptions_.end()) return;
    std::erase(it->second, state);
    if (!stopping_) leave_topic_if_unused(state->topic);
}

void PubSub::relay(const TopicId& topic) {
    ++relays_[topic];
    join_topic(topic);
}

std::expected<MessageId, PublishError> PubSub::publish(const TopicId& topic, Bytes data,
                                                       std::optional<std::int32_t> hops) {
    Message m = author_.make(topic, std::move(data));
    if (config_.router == RouterKind::kMulticast) m.hops = hops.value_or(config_.default_hops);
    auto id = router_->publish(std::make_shared<const Message>(std::move(m)), now());
    flush();
    return id;
}

void PubSub::add_validator(const TopicId& topic, Validator validator) {
    validators_[topic].push_back(std::move(validator));
    router_->set_validated(topic, true);
}

bool PubSub::add_forward_hook(const TopicId& topic, ForwardHook hook) {
    auto* multicast = dynamic_cast<MulticastRouter*>(router_.get());
    if (!multicast) return false;
    multicast->add_forward_hook(topic, std::move(hook));
    return true;
}

Task<bool> PubSub::wait_for(Notifier& notifier, Duration left) {
    if (left <= Duration::zero()) co_return false;
    try {
        co_await with_timeout(notifier.wait(), left);
        co_return true;
    } catch (const boost::system::system_error& e) {
        if (e.code() != boost::asio::error::timed_out) throw;
    }
    co_return false;
}

Task<bool> PubSub::wait_for_peers(const TopicId& topic, std::size_t count, Duration timeout) {
    const auto deadline = Clock::now() + timeout;
    while (router_->topic_peers(topic).size() < count) {
        if (!co_await wait_for(changed_, deadline - Clock::now())) co_return false;
    }
    co_return true;
}

Task<bool> PubSub::flush_writes(Duration timeout) {
    const auto busy = [this] {
        return std::ranges::any_of(links_, [](const auto& entry) {
            const auto& link = *entry.second;
            return link.in_router && !link.closing && (!link.pending.empty() || link.writing);
        });
    };
    const auto deadline = Clock::now() + timeout;
    while (busy()) {
        if (!co_await wait_for(written_, deadline - Clock::now())) co_return false;
    }
    co_return true;
}

}  // namespace kitsunet::p2p::pubsub
