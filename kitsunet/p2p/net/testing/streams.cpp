#include "kitsunet/p2p/net/testing/streams.hpp"

#include <algorithm>
#include <stdexcept>

#include <boost/system/system_error.hpp>

#include <boost/asio/experimental/awaitable_operators.hpp>

namespace kitsunet::p2p::testing {

using namespace boost::asio::experimental::awaitable_operators;

Bytes pattern(std::size_t n, std::uint32_t seed) {
    Bytes out(n);
    std::uint32_t x = seed * 2654435761u + 1;
    for (auto& b : out) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;  // xorshift32
        b = static_cast<std::uint8_t>(x);
    }
    return out;
}

Task<Bytes> read_all(ByteStream& s) {
    Bytes out, buf(64 * 1024);
    while (const std::size_t n = co_await s.read_some(buf))
        out.insert(out.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(n));
    co_return out;
}

Task<Bytes> read_exactly(ByteStream& s, std::size_t n) {
    Bytes out(n);
    for (std::size_t got = 0; got < n;) {
        const std::size_t r = co_await s.read_some(std::span(out).subspan(got));
        if (r == 0) throw std::runtime_error("read_exactly: end of stream");
        got += r;
    }
    co_return out;
}

Task<void> echo(ByteStream& s, std::size_t chunk) {
    Bytes buf(chunk);
    while (const std::size_t n = co_await s.read_some(buf)) co_await s.write_all(std::span(buf).first(n));
    co_await s.close_write();
}

Task<void> write_and_close(ByteStream& s, const Bytes& data, std::size_t piece) {
    for (std::size_t at = 0; at < data.size(); at += piece)
        co_await s.write_all(std::span(data).subspan(at, std::min(piece, data.size() - at)));
    co_await s.close_write();
}

Task<boost::system::error_code> read_until_failure(ByteStream& s) {
    Bytes buf(64 * 1024);
    try {
        while (co_await s.read_some(buf) > 0) {
        }
    } catch (const boost::system::system_error& e) {
        co_return e.code();
    }
    co_return boost::system::error_code{};
}

boost::system::error_code code_of(const std::exception_ptr& e) {
    try {
        if (e) std::rethrow_exception(e);
    } catch (const boost::system::system_error& x) {
        return x.code();
    } catch (...) {
    }
    return {};
}

Bytes operator+(const Bytes& a, const Bytes& b) {
    Bytes out(a.size() + b.size());  // (sized up front: GCC 12 misjudges insert() here)
    std::copy(a.begin(), a.end(), out.begin());
    std::copy(b.begin(), b.end(), out.begin() + static_cast<std::ptrdiff_t>(a.size()));
    return out;
}

namespace {
Task<void> in_parallel_range(std::size_t lo, std::size_t hi,
                             const std::function<Task<void>(std::size_t)>& f) {
    if (hi - lo == 1) co_return co_await f(lo);
    const std::size_t mid = lo + (hi - lo) / 2;
    co_await (in_parallel_range(lo, mid, f) && in_parallel_range(mid, hi, f));
}
}  // namespace

Task<void> in_parallel(std::size_t n, std::function<Task<void>(std::size_t)> f) {
    if (n > 0) co_await in_parallel_range(0, n, f);
}

Task<void> pipe(ByteStream& from, ByteStream& to) {
    Bytes buf(64 * 1024);
    try {
        while (const std::size_t n = co_await from.read_some(buf))
            co_await to.write_all(std::span(buf).first(n));
        co_await to.close_write();
    } catch (const std::exception&) {
        to.reset();
    }
}

}  // namespace kitsunet::p2p::testing
