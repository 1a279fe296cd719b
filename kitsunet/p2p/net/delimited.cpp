#include "kitsunet/p2p/net/delimited.hpp"

#include <boost/asio/error.hpp>

#include "kitsunet/p2p/multiformats/varint.hpp"
#include "kitsunet/p2p/net/errors.hpp"

namespace kitsunet::p2p {

Task<std::optional<Bytes>> read_delimited(BufferedStream& stream, std::size_t max_size) {
    while (true) {
        const auto length = decode_varint(stream.buffered());
        if (length) {
            if (length->value > max_size)
                throw protocol_error(P2pErrc::kMessageTooLarge,
                                     "message of " + std::to_string(length->value) + " bytes, limit " +
                                         std::to_string(max_size));
            const std::size_t total = length->size + static_cast<std::size_t>(length->value);
            co_await stream.fill_to(total);
            const auto body = stream.buffered().subspan(length->size, total - length->size);
            Bytes message(body.begin(), body.end());
            stream.consume(total);
            co_return message;
        }
        if (length.error() != CodecError::kTruncated)
            throw protocol_error(P2pErrc::kBadMessage, "malformed message length");
        const bool was_empty = stream.buffered().empty();
        const bool more = co_await stream.fill();
        if (!more) {
            if (was_empty) co_return std::nullopt;
            throw boost::system::system_error(boost::asio::error::eof,
                                              "stream ended inside a message length");
        }
    }
}

Task<void> write_delimited(ByteStream& stream, ByteView message) {
    Bytes out;
    out.reserve(kMaxVarintSize + message.size());
    append_varint(out, message.size());
    out.insert(out.end(), message.begin(), message.end());
    co_await stream.write_all(out);
}

}  // namespace kitsunet::p2p
