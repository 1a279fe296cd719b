#include "kitsunet/p2p/multistream/negotiate.hpp"

#include <algorithm>

#include <boost/asio/error.hpp>

#include "kitsunet/core/assert.hpp"
#include "kitsunet/p2p/multistream/message.hpp"
#include "kitsunet/p2p/net/errors.hpp"

namespace kitsunet::p2p::multistream {

namespace {

// At most 64 characters of `text`, control characters escaped: peers' text goes into logs.
std::string printable(std::string_view text) {
    std::string out;
    for (const char c : text.substr(0, 64)) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7f) {
            out += c;
        } else {
            constexpr char kHex[] = "0123456789abcdef";
            out += "\\x";
            out += kHex[u >> 4];
            out += kHex[u & 15];
        }
    }
    if (text.size() > 64) out += "...";
    return out;
}

boost::system::system_error message_error(MessageError e) {
    const auto code = e == MessageError::kTooLong ? P2pErrc::kMessageTooLarge : P2pErrc::kBadMessage;
    return protocol_error(code, "multistream: " + std::string(describe(e)));
}

bool has_complete_message(ByteView in) {
    const auto m = decode_message(in);
    return m && m->has_value();
}

// The next message, read through the buffer; what follows it stays buffered.
Task<std::string> read_message(BufferedStream& s, std::size_t max_size = kMaxMessageSize) {
    while (true) {
        const auto m = decode_message(s.buffered(), max_size);
        if (!m) throw message_error(m.error());
        if (m->has_value()) {
            std::string text((*m)->text);
            s.consume((*m)->size);
            co_return text;
        }
        const bool more = co_await s.fill();
        if (!more)
            throw boost::system::system_error(boost::asio::error::eof,
                                              "multistream: stream ended in negotiation");
    }
}

Task<void> expect_header(BufferedStream& s) {
    const auto header = co_await read_message(s);
    if (header != kProtocolId)
        throw protocol_error(P2pErrc::kProtocolMismatch, "multistream: expected " + std::string(kProtocolId) +
                                                             ", got '" + printable(header) + "'");
}

}  // namespace

Task<std::string> select_protocol(BufferedStream& s, std::span<const std::string> protocols) {
    KITSUNET_ASSERT(!protocols.empty());
    Bytes out = encode_message(kProtocolId);
    append_message(out, protocols.front());
    co_await s.write_all(out);
    co_await expect_header(s);
    for (std::size_t i = 0;;) {
        auto answer = co_await read_message(s);
        if (answer == protocols[i]) co_return answer;
        if (answer != kNotAvailable)
            throw protocol_error(
                P2pErrc::kProtocolMismatch,
                "multistream: proposed '" + printable(protocols[i]) + "', got '" + printable(answer) + "'");
        if (++i == protocols.size())
            throw protocol_error(P2pErrc::kProtocolNotSupported,
                                 "multistream: peer supports none of " + std::to_string(protocols.size()) +
                                     " proposed protocol(s), first '" + printable(protocols.front()) + "'");
        out = encode_message(protocols[i]);
        co_await s.write_all(out);
    }
}

Task<std::string> accept_protocol(BufferedStream& s, std::span<const std::string> supported) {
    co_await expect_header(s);
    Bytes out = encode_message(kProtocolId);
    if (!has_complete_message(s.buffered())) {  // a dialer that waits for our header before proposing
        co_await s.write_all(out);
        out.clear();
    }
    for (int i = 0; i < kMaxProposals; ++i) {
        auto proposal = co_await read_message(s);
        if (std::ranges::find(supported, proposal) != supported.end()) {
            append_message(out, proposal);
            co_await s.write_all(out);
            co_return proposal;
        }
        if (proposal == kList) {
            const Bytes list = encode_list_answer(supported);
            append_message(out, std::string_view(reinterpret_cast<const char*>(list.data()), list.size()));
        } else {
            append_message(out, kNotAvailable);
        }
        co_await s.write_all(out);
        out.clear();
    }
    throw protocol_error(P2pErrc::kLimitExceeded, "multistream: no supported protocol in " +
                                                      std::to_string(kMaxProposals) + " proposals");
}

Task<std::vector<std::string>> list_protocols(BufferedStream& s) {
    Bytes out = encode_message(kProtocolId);
    append_message(out, kList);
    co_await s.write_all(out);
    co_await expect_header(s);
    const auto answer = co_await read_message(s, kMaxListSize);
    auto protocols = decode_list_answer(answer);
    if (!protocols) throw message_error(protocols.error());
    co_return std::move(*protocols);
}

}  // namespace kitsunet::p2p::multistream
