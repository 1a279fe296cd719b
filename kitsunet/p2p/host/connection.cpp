#include "kitsunet/p2p/host/connection.hpp"

#include <spdlog/spdlog.h>

#include "kitsunet/p2p/host/counter_hold.hpp"
#include "kitsunet/p2p/multistream/negotiate.hpp"
#include "kitsunet/p2p/net/errors.hpp"

namespace kitsunet::p2p {

Connection::Connection(UpgradedConnection upgraded, Direction direction,
                       const boost::asio::any_io_executor& executor, const ConnectionLimits& limits,
                       const HandlerTable& handlers)
    : session_(std::move(upgraded.session)),
      peer_(upgraded.peer),
      public_key_(std::move(upgraded.public_key)),
      remote_addr_(std::move(upgraded.remote_addr)),
      local_addr_(std::move(upgraded.local_addr)),
      direction_(direction),
      limits_(limits),
      handlers_(handlers),
      tasks_(executor) {}

Task<Stream> Connection::open_stream(std::vector<std::string> protocols) {
    if (closed_)
        throw protocol_error(P2pErrc::kShuttingDown, "connection to " + peer_.to_string() + " is closed");
    auto muxed = co_await session_->open_stream();
    auto io = std::make_unique<BufferedStream>(std::move(muxed));
    auto protocol =
        co_await with_timeout(multistream::select_protocol(*io, protocols), limits_.negotiate_timeout);
    co_return Stream{std::move(io), std::move(protocol), peer_, remote_addr_};
}

Task<std::string> Connection::run() {
    tasks_.spawn(accept_streams(), "accept streams");
    std::string reason = "closed";
    try {
        co_await session_->run();
    } catch (const boost::system::system_error& e) {
        reason = e.what();
    }
    closed_ = true;
    tasks_.cancel();
    co_await tasks_.join();
    co_return reason;
}

Task<void> Connection::close() { co_await session_->close(); }

Task<void> Connection::accept_streams() {
    while (true) {
        auto muxed = co_await session_->accept_stream();
        if (!muxed) co_return;
        if (inbound_streams_ >= limits_.max_inbound_streams) {
            spdlog::info("{}: inbound stream refused: {} streams open (limit)", peer_.to_string(),
                         inbound_streams_);
            muxed->reset();
            continue;
        }
        tasks_.spawn(serve_stream(std::move(muxed)), "inbound stream");
    }
}

Task<void> Connection::serve_stream(std::unique_ptr<MuxedStream> muxed) {
    const CounterHold stream_hold(inbound_streams_);
    auto io = std::make_unique<BufferedStream>(std::move(muxed));
    const std::vector<std::string> supported =
        handlers_.protocols();  // a copy: handlers may change meanwhile
    std::string protocol;
    try {
        protocol =
            co_await with_timeout(multistream::accept_protocol(*io, supported), limits_.negotiate_timeout);
    } catch (const boost::system::system_error& e) {
        spdlog::debug("{}: inbound stream not negotiated: {}", peer_.to_string(), e.what());
        io->reset();
        co_return;
    }
    auto handler = handlers_.find(protocol);
    auto& per_protocol = inbound_per_protocol_[protocol];
    if (!handler || per_protocol >= limits_.max_inbound_streams_per_protocol) {
        spdlog::info("{}: inbound {} stream refused: {}", peer_.to_string(), protocol,
                     handler ? "too many open for this protocol (limit)" : "no handler");
        io->reset();
        co_return;
    }
    const CounterHold protocol_hold(per_protocol);
    Stream stream{std::move(io), protocol, peer_, remote_addr_};
    co_await (*handler)(std::move(stream));
}

}  // namespace kitsunet::p2p
