#include "kitsunet/p2p/net/errors.hpp"

namespace kitsunet::p2p {

namespace {

class P2pCategory final : public boost::system::error_category {
  public:
    const char* name() const noexcept override { return "kitsunet.p2p"; }
    std::string message(int ev) const override {
        switch (static_cast<P2pErrc>(ev)) {
            case P2pErrc::kBadMessage:
                return "malformed message";
            case P2pErrc::kMessageTooLarge:
                return "message too large";
            case P2pErrc::kProtocolMismatch:
                return "protocol mismatch";
            case P2pErrc::kProtocolNotSupported:
                return "protocol not supported";
            case P2pErrc::kHandshakeFailed:
                return "handshake failed";
            case P2pErrc::kDecryptFailed:
                return "decryption failed";
            case P2pErrc::kPeerIdMismatch:
                return "peer id mismatch";
            case P2pErrc::kLimitExceeded:
                return "limit exceeded";
            case P2pErrc::kUnsupportedAddress:
                return "unsupported address";
            case P2pErrc::kNoAddresses:
                return "no known address";
            case P2pErrc::kShuttingDown:
                return "shutting down";
        }
        return "unknown p2p error";
    }
};

}  // namespace

const boost::system::error_category& p2p_category() noexcept {
    static const P2pCategory category;
    return category;
}

}  // namespace kitsunet::p2p
