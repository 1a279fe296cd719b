#include "kitsunet/p2p/host/host.hpp"

#include <spdlog/spdlog.h>

#include "kitsunet/p2p/host/counter_hold.hpp"
#include "kitsunet/p2p/host/interfaces.hpp"
#include "kitsunet/p2p/net/errors.hpp"
#include "kitsunet/p2p/net/tcp_multiaddr.hpp"
#include "kitsunet/p2p/protocols/ping.hpp"

namespace kitsunet::p2p {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

bool aborted(const boost::system::system_error& e) { return e.code() == asio::error::operation_aborted; }

std::string describe_remote(TcpStream& raw) {
    boost::system::error_code ec;
    const auto endpoint = raw.socket().remote_endpoint(ec);
    return ec ? std::string("?") : to_multiaddr(endpoint).to_string();
}

// Removes the connection from the host's table however run_connection() ends.
struct RemoveOnExit {
    std::function<void()> remove;
    ~RemoveOnExit() { remove(); }
};

}  // namespace

Host::Host(const asio::any_io_executor& executor, HostConfig config)
    : executor_(executor),
      config_(std::move(config)),
      id_(PeerId::from_public_key(config_.identity.public_key())),
      upgrader_(config_),
      changed_(executor),
      tasks_(executor) {
    install_builtin_handlers();
}

Host::~Host() = default;

void Host::install_builtin_handlers() {
    handlers_.set(std::string(identify::kProtocolId), [this](Stream s) -> Task<void> {
        const auto info = local_identify(s.remote_addr);
        co_await identify::send(*s.io, info);
    });
    handlers_.set(std::string(identify::kPushProtocolId), [this](Stream s) -> Task<void> {
        auto info = co_await with_timeout(identify::receive(*s.io, s.peer), config_.limits.negotiate_timeout);
        peer_store_.apply_identify(s.peer, info);
        changed_.notify();
    });
    if (config_.enable_ping)
        handlers_.set(std::string(ping::kProtocolId),
                      [](Stream s) -> Task<void> { co_await ping::serve(*s.io); });
}

void Host::listen() {
    for (const auto& addr : config_.listen) {
        const auto endpoint = tcp_listen_endpoint(addr);
        if (!endpoint)
            throw protocol_error(P2pErrc::kUnsupportedAddress, "cannot listen on " + addr.to_string());
        listeners_.push_back(std::make_unique<TcpListener>(executor_, *endpoint));
        spdlog::info("listening on {}", to_multiaddr(listeners_.back()->local_endpoint()).to_string());
        tasks_.spawn(accept_loop(*listeners_.back()), "accept " + addr.to_string());
    }
}

std::vector<Multiaddr> Host::listen_addrs() const {
    std::vector<Multiaddr> out;
    for (const auto& listener : listeners_) {
        const auto bound = listener->local_endpoint();
        if (!bound.address().is_unspecified()) {
            out.push_back(to_multiaddr(bound));
            continue;
        }
        for (const auto& ip : interface_addresses(bound.address().is_v6()))
            out.push_back(to_multiaddr(asio::ip::tcp::endpoint(ip, bound.port())));
    }
    return out;
}

void Host::set_handler(std::string protocol, StreamHandler handler) {
    handlers_.set(std::move(protocol), std::move(handler));
    if (stopping_) return;
    for (const auto& c : connections()) c->spawn(push_identify(*c), "identify push");
}

void Host::remove_handler(std::string_view protocol) {
    if (!handlers_.remove(protocol) || stopping_) return;
    for (const auto& c : connections()) c->spawn(push_identify(*c), "identify push");
}

Task<void> Host::accept_loop(TcpListener& listener) {
    while (!stopping_) {
        std::unique_ptr<TcpStream> raw;
        bool failed = false;
        try {
            raw = co_await listener.accept();
        } catch (const boost::system::system_error& e) {
            if (stopping_ || aborted(e)) co_return;
            spdlog::warn("accept failed: {}; retrying", e.what());
            failed = true;
        }
        if (failed) {  // e.g. out of file descriptors: back off instead of spinning
            co_await sleep_for(std::chrono::milliseconds(100));
            continue;
        }
        const auto& limits = config_.limits;
        const char* refusal = pending_inbound_ >= limits.max_pending_inbound
                                  ? "too many handshakes in progress"
                              : connection_count_ >= limits.max_connections ? "too many connections"
                                                                            : nullptr;
        if (refusal != nullptr) {
            spdlog::info("inbound connection from {} refused: {} (limit)", describe_remote(*raw), refusal);
            raw->reset();
            continue;
        }
        tasks_.spawn(handle_inbound(std::move(raw)), "inbound connection");
    }
}

Task<void> Host::handle_inbound(std::unique_ptr<TcpStream> raw) {
    const auto from = describe_remote(*raw);
    std::optional<UpgradedConnection> upgraded;
    {
        const CounterHold pending(pending_inbound_);
        try {
            upgraded.emplace(
                co_await with_timeout(upgrader_.inbound(std::move(raw)), config_.limits.handshake_timeout));
        } catch (const boost::system::system_error& e) {
            if (!aborted(e))
                spdlog::info("inbound connection from {} closed in handshake: {}", from, e.what());
            co_return;
        }
    }
    if (connection_count_ >= config_.limits.max_connections) {
        spdlog::info("inbound connection from {} ({}) closed: too many connections (limit)", from,
                     upgraded->peer.to_string());
        co_return;
    }
    co_await run_connection(add_connection(std::move(*upgraded), Direction::kInbound));
}

std::shared_ptr<Connection> Host::add_connection(UpgradedConnection upgraded, Direction direction) {
    peer_store_.set_public_key(upgraded.peer, upgraded.public_key);
    auto connection =
        std::make_shared<Connection>(std::move(upgraded), direction, executor_, config_.limits, handlers_);
    connections_[connection->peer()].push_back(connection);
    ++connection_count_;
    spdlog::debug("connected to {} ({}, {}, {})", connection->peer().to_string(),
                  direction == Direction::kInbound ? "inbound" : "outbound",
                  connection->remote_addr().to_string(), connection->muxer());
    changed_.notify();
    return connection;
}

Task<void> Host::run_connection(std::shared_ptr<Connection> connection) {
    const RemoveOnExit remove{[this, &connection] { remove_connection(*connection); }};
    connection->spawn(identify_peer(*connection), "identify");
    const auto reason = co_await connection->run();
    spdlog::debug("connection to {} ended: {}", connection->peer().to_string(), reason);
}

void Host::remove_connection(const Connection& connection) {
    const auto it = connections_.find(connection.peer());
    if (it == connections_.end()) return;
    const auto removed = std::erase_if(it->second, [&](const auto& c) { return c.get() == &connection; });
    connection_count_ -= removed;
    if (it->second.empty()) connections_.erase(it);
    changed_.notify();
}

std::shared_ptr<Connection> Host::existing_connection(const PeerId& peer) const {
    const auto it = connections_.find(peer);
    if (it == connections_.end()) return nullptr;
    for (const auto& c : it->second)
        if (!c->closed()) return c;
    return nullptr;
}

std::vector<std::shared_ptr<Connection>> Host::connections() const {
    std::vector<std::shared_ptr<Connection>> out;
    for (const auto& [peer, list] : connections_) out.insert(out.end(), list.begin(), list.end());
    return out;
}

Task<std::shared_ptr<Connection>> Host::dial(Multiaddr addr) {
    if (stopping_) throw protocol_error(P2pErrc::kShuttingDown, "host is stopping");
    const auto expected = peer_id_of(addr);
    if (expected)
        if (auto existing = existing_connection(*expected)) co_return existing;
    const auto target = tcp_target(addr);
    if (!target) throw protocol_error(P2pErrc::kUnsupportedAddress, "cannot dial " + addr.to_string());
    if (connection_count_ >= config_.limits.max_connections)
        throw protocol_error(P2pErrc::kLimitExceeded, "too many connections to dial " + addr.to_string());
    auto raw = co_await tcp_connect(*target, config_.limits.dial_timeout);
    auto upgraded =
        co_await with_timeout(upgrader_.outbound(std::move(raw), expected), config_.limits.handshake_timeout);
    auto connection = add_connection(std::move(upgraded), Direction::kOutbound);
    const Multiaddr dialed[] = {addr};
    peer_store_.add_addrs(connection->peer(), dialed);
    tasks_.spawn(run_connection(connection), "connection");
    co_return connection;
}

Task<std::shared_ptr<Connection>> Host::connect(PeerId peer) {
    if (auto existing = existing_connection(peer)) co_return existing;
    const auto* info = peer_store_.find(peer);
    if (info == nullptr || info->addrs.empty())
        throw protocol_error(P2pErrc::kNoAddresses, "no known address for " + peer.to_string());
    const auto addrs = info->addrs;  // a copy: the store may change while we dial
    std::exception_ptr last_error;
    for (const auto& addr : addrs) {
        try {
            co_return co_await dial(with_peer_id(addr, peer));
        } catch (const boost::system::system_error& e) {
            if (aborted(e)) throw;
            spdlog::debug("dial {} failed: {}", addr.to_string(), e.what());
            last_error = std::current_exception();
        }
    }
    std::rethrow_exception(last_error);
}

Task<Stream> Host::new_stream(PeerId peer, std::vector<std::string> protocols) {
    auto connection = co_await connect(peer);
    co_return co_await connection->open_stream(std::move(protocols));
}

Task<Clock::duration> Host::ping(PeerId peer) {
    std::vector<std::string> protocols{std::string(ping::kProtocolId)};
    auto stream = co_await new_stream(peer, std::move(protocols));
    const auto rtt = co_await with_timeout(ping::ping_once(*stream.io), config_.limits.negotiate_timeout);
    co_await stream.io->close_write();
    co_return rtt;
}

Task<bool> Host::wait_identified(PeerId peer, Duration timeout) {
    const auto deadline = Clock::now() + timeout;
    while (true) {
        if (const auto* info = peer_store_.find(peer); info != nullptr && info->identify_done)
            co_return info->identified;
        const auto left = deadline - Clock::now();
        if (left <= Duration::zero()) co_return false;
        try {
            co_await with_timeout(changed_.wait(), left);
        } catch (const boost::system::system_error& e) {
            if (e.code() != asio::error::timed_out) throw;
        }
    }
}

identify::IdentifyInfo Host::local_identify(const Multiaddr& observed) const {
    identify::IdentifyInfo info;
    info.public_key = config_.identity.public_key();
    info.listen_addrs = listen_addrs();
    info.protocols = handlers_.protocols();
    info.observed_addr = observed;
    info.agent_version = config_.agent_version;
    info.protocol_version = config_.protocol_version;
    return info;
}

Task<void> Host::identify_peer(Connection& connection) {
    const auto peer = connection.peer();
    try {
        std::vector<std::string> protocols{std::string(identify::kProtocolId)};
        auto stream = co_await connection.open_stream(std::move(protocols));
        auto info =
            co_await with_timeout(identify::receive(*stream.io, peer), config_.limits.negotiate_timeout);
        peer_store_.apply_identify(peer, info);
        spdlog::debug("identified {}: {} ({} protocols, {} addresses)", peer.to_string(), info.agent_version,
                      info.protocols.size(), info.listen_addrs.size());
    } catch (const boost::system::system_error& e) {
        if (aborted(e)) throw;
        spdlog::info("identify of {} failed: {}", peer.to_string(), e.what());
        peer_store_.identify_failed(peer);
    }
    changed_.notify();
}

Task<void> Host::push_identify(Connection& connection) {
    try {
        std::vector<std::string> protocols{std::string(identify::kPushProtocolId)};
        auto stream = co_await connection.open_stream(std::move(protocols));
        const auto info = local_identify(connection.remote_addr());
        co_await with_timeout(identify::send(*stream.io, info), config_.limits.negotiate_timeout);
    } catch (const boost::system::system_error& e) {
        if (aborted(e)) throw;
        spdlog::debug("identify push to {} failed: {}", connection.peer().to_string(), e.what());
    }
}

Task<void> Host::stop() {
    stopping_ = true;
    for (auto& listener : listeners_) listener->close();
    {
        TaskGroup closing(executor_);
        for (const auto& c : connections())
            closing.spawn(
                [](std::shared_ptr<Connection> connection, Duration limit) -> Task<void> {
                    co_await with_timeout(connection->close(), limit);
                }(c, config_.limits.close_timeout),
                "close");
        co_await closing.join();
    }
    tasks_.cancel();
    co_await tasks_.join();
    listeners_.clear();
    spdlog::debug("host {} stopped", id_.to_string());
}

}  // namespace kitsunet::p2p
