#pragma once
/// Perf (/perf/1.0.0, libp2p/specs perf/perf.md): the client sends the number of bytes it wants
/// back (u64, big-endian), then uploads its bytes and closes for writing; the server drains the
/// upload, then sends the requested bytes and closes. Used to measure throughput.
/// Errors (system_error): eof when the peer closes early, kBadMessage when the server sends more
/// or less than asked, and the stream's own errors.
#include <chrono>
#include <cstdint>

#include "kitsunet/p2p/net/byte_stream.hpp"
#include "kitsunet/p2p/net/task.hpp"

namespace kitsunet::p2p::perf {

inline constexpr std::string_view kProtocolId = "/perf/1.0.0";
/// Bytes per write of the generated payload.
inline constexpr std::size_t kBlockSize = 256 * 1024;

struct PerfResult {
    std::uint64_t uploaded{0};
    std::uint64_t downloaded{0};
    std::chrono::steady_clock::duration upload_time{};  ///< from the first byte to our close
    std::chrono::steady_clock::duration total_time{};   ///< until the download ended
};

/// Client: uploads `upload` bytes, then downloads `download` bytes.
Task<PerfResult> run(ByteStream& stream, std::uint64_t upload, std::uint64_t download);

/// Server: one perf exchange on `stream`. Returns the bytes received.
Task<std::uint64_t> serve(ByteStream& stream);

}  // namespace kitsunet::p2p::perf
