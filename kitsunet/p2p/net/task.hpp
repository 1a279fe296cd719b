#pragma once
/// The one async style of kitsunet (DESIGN §2): C++20 coroutines on Boost.Asio.
/// Failures inside a Task are thrown as boost::system::system_error (Asio's convention) and end
/// the task; decoders of outside bytes stay pure and return std::expected instead.
#include <boost/asio/awaitable.hpp>

namespace kitsunet::p2p {

template <class T = void>
using Task = boost::asio::awaitable<T>;

}  // namespace kitsunet::p2p
