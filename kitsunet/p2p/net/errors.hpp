#pragma once
/// Protocol errors of the p2p I/O layers, as boost::system error codes (category "kitsunet.p2p")
/// so that they travel in boost::system::system_error like socket errors. Each layer throws
/// `protocol_error(code, what)`: the code says which rule broke, `what` says what was seen.
#include <cstdint>
#include <string>
#include <type_traits>

#include <boost/system/error_code.hpp>
#include <boost/system/system_error.hpp>

namespace kitsunet::p2p {

enum class P2pErrc : std::uint8_t {
    kBadMessage = 1,        ///< a frame or message that does not parse
    kMessageTooLarge,       ///< a length beyond the layer's limit
    kProtocolMismatch,      ///< multistream header or answer not what the spec allows
    kProtocolNotSupported,  ///< the peer refused every protocol we proposed ("na")
    kHandshakeFailed,       ///< Noise: bad payload, signature or key
    kDecryptFailed,         ///< Noise: a frame that does not authenticate
    kPeerIdMismatch,        ///< the remote is not the peer we dialed
    kLimitExceeded,         ///< a connection manager limit (connections, streams, bytes)
    kUnsupportedAddress,    ///< a multiaddr we cannot dial or listen on
    kNoAddresses,           ///< no known address for a peer
    kShuttingDown,          ///< the host is stopping
};

const boost::system::error_category& p2p_category() noexcept;

inline boost::system::error_code make_error_code(P2pErrc e) noexcept {
    return {static_cast<int>(e), p2p_category()};
}

/// The exception the I/O layers throw for a broken protocol rule.
inline boost::system::system_error protocol_error(P2pErrc e, const std::string& what) {
    return {make_error_code(e), what};
}

}  // namespace kitsunet::p2p

template <>
struct boost::system::is_error_code_enum<kitsunet::p2p::P2pErrc> : std::true_type {};
