#include "kitsunet/p2p/protocols/perf.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include <boost/asio/error.hpp>

#include "kitsunet/p2p/net/errors.hpp"

namespace kitsunet::p2p::perf {

namespace {

using Clock = std::chrono::steady_clock;

Task<void> send_bytes(ByteStream& stream, std::uint64_t count) {
    const std::vector<std::uint8_t> block(kBlockSize, 0x5a);
    for (std::uint64_t left = count; left > 0;) {
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(left, block.size()));
        co_await stream.write_all(std::span(block).first(n));
        left -= n;
    }
}

Task<std::uint64_t> drain(ByteStream& stream) {
    std::vector<std::uint8_t> buf(kBlockSize);
    std::uint64_t total = 0;
    while (true) {
        const std::size_t n = co_await stream.read_some(buf);
        if (n == 0) co_return total;
        total += n;
    }
}

}  // namespace

Task<PerfResult> run(ByteStream& stream, std::uint64_t upload, std::uint64_t download) {
    std::array<std::uint8_t, 8> header;
    for (int i = 0; i < 8; ++i)
        header[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(download >> (56 - 8 * i));
    PerfResult result;
    const auto start = Clock::now();
    co_await stream.write_all(header);
    co_await send_bytes(stream, upload);
    co_await stream.close_write();
    result.uploaded = upload;
    result.upload_time = Clock::now() - start;
    result.downloaded = co_await drain(stream);
    result.total_time = Clock::now() - start;
    if (result.downloaded != download)
        throw protocol_error(P2pErrc::kBadMessage, "perf: asked for " + std::to_string(download) +
                                                       " bytes, got " + std::to_string(result.downloaded));
    co_return result;
}

Task<std::uint64_t> serve(ByteStream& stream) {
    std::array<std::uint8_t, 8> header;
    for (std::size_t got = 0; got < header.size();) {
        const std::size_t n = co_await stream.read_some(std::span(header).subspan(got));
        if (n == 0)
            throw boost::system::system_error(boost::asio::error::eof, "perf: stream ended in the header");
        got += n;
    }
    std::uint64_t download = 0;
    for (const auto b : header) download = download << 8 | b;
    const std::uint64_t received = co_await drain(stream);
    co_await send_bytes(stream, download);
    co_await stream.close_write();
    co_return received;
}

}  // namespace kitsunet::p2p::perf
