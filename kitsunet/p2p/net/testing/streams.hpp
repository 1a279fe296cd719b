#pragma once
/// Test support: ByteStream helpers and deterministic payloads (test-only).
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <vector>

#include <boost/system/error_code.hpp>
#include <boost/system/system_error.hpp>

#include "kitsunet/p2p/net/byte_stream.hpp"
#include "kitsunet/p2p/net/task.hpp"

namespace kitsunet::p2p::testing {

using Bytes = std::vector<std::uint8_t>;

/// `n` bytes of a pattern that differs by `seed` and does not repeat every 256 bytes.
Bytes pattern(std::size_t n, std::uint32_t seed = 0);

/// Reads until the end of stream.
Task<Bytes> read_all(ByteStream& s);

/// Reads exactly `n` bytes; throws std::runtime_error at an early end of stream.
Task<Bytes> read_exactly(ByteStream& s, std::size_t n);

/// Writes back everything it reads, in chunks of up to `chunk` bytes, then closes for writing.
Task<void> echo(ByteStream& s, std::size_t chunk = 64 * 1024);

/// Writes `data` in pieces of `piece` bytes, then closes for writing.
Task<void> write_and_close(ByteStream& s, const Bytes& data, std::size_t piece = 1 << 30);

/// Reads until the end of stream or a failure; returns the failure's error code (none at a clean
/// end of stream).
Task<boost::system::error_code> read_until_failure(ByteStream& s);

/// Runs `op`; returns the code of the system_error it threw (none when it succeeded).
template <class T>
Task<boost::system::error_code> error_of(Task<T> op) {
    try {
        co_await std::move(op);
    } catch (const boost::system::system_error& e) {
        co_return e.code();
    }
    co_return boost::system::error_code{};
}

/// The error code a system_error in `e` carries; a default code for none or another exception.
boost::system::error_code code_of(const std::exception_ptr& e);

/// `a` followed by `b`.
Bytes operator+(const Bytes& a, const Bytes& b);

/// Runs f(0) … f(n-1) concurrently and waits for all (a balanced tree of awaitable &&, so nothing
/// outlives the call); the first exception cancels the rest and is rethrown. `f` is kept (by
/// value) until the end.
Task<void> in_parallel(std::size_t n, std::function<Task<void>(std::size_t)> f);

/// Copies `from` to `to` until the end of stream (then closes `to` for writing) or an error (then
/// resets `to`): one direction of a man-in-the-middle that a test can also inject bytes through.
Task<void> pipe(ByteStream& from, ByteStream& to);

}  // namespace kitsunet::p2p::testing
