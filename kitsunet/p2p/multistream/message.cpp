#include "kitsunet/p2p/multistream/message.hpp"

#include <algorithm>

#include "kitsunet/p2p/multiformats/varint.hpp"

namespace kitsunet::p2p::multistream {

std::string_view describe(MessageError e) noexcept {
    switch (e) {
        case MessageError::kBadLength:
            return "malformed length prefix";
        case MessageError::kTooLong:
            return "message too long";
        case MessageError::kMissingNewline:
            return "message does not end in a newline";
        case MessageError::kBadText:
            return "control character in a protocol id";
    }
    return "unknown multistream error";
}

namespace {

bool is_clean_text(std::string_view text) noexcept {
    return std::ranges::none_of(text,
                                [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

}  // namespace

std::expected<std::optional<Message>, MessageError> decode_message(ByteView in, std::size_t max_size) {
    const auto length = decode_varint(in);
    if (!length) {
        if (length.error() == CodecError::kTruncated) return std::nullopt;
        return std::unexpected(MessageError::kBadLength);
    }
    if (length->value > max_size) return std::unexpected(MessageError::kTooLong);
    const auto body_size = static_cast<std::size_t>(length->value);
    if (in.size() - length->size < body_size) return std::nullopt;
    const auto body = in.subspan(length->size, body_size);
    if (body.empty() || body.back() != '\n') return std::unexpected(MessageError::kMissingNewline);
    const std::string_view text(reinterpret_cast<const char*>(body.data()), body.size() - 1);
    return Message{text, length->size + body_size};
}

void append_message(Bytes& out, std::string_view text) {
    append_varint(out, text.size() + 1);
    out.insert(out.end(), text.begin(), text.end());
    out.push_back('\n');
}

Bytes encode_message(std::string_view text) {
    Bytes out;
    append_message(out, text);
    return out;
}

Bytes encode_list_answer(std::span<const std::string> protocols) {
    Bytes body;
    for (const auto& p : protocols) append_message(body, p);
    return body;
}

std::expected<std::vector<std::string>, MessageError> decode_list_answer(std::string_view body) {
    std::vector<std::string> protocols;
    ByteView rest = as_bytes(body);
    while (!rest.empty()) {
        const auto m = decode_message(rest);
        if (!m) return std::unexpected(m.error());
        if (!*m) return std::unexpected(MessageError::kBadLength);  // an inner message cut short
        if (!is_clean_text((*m)->text)) return std::unexpected(MessageError::kBadText);
        protocols.emplace_back((*m)->text);
        rest = rest.subspan((*m)->size);
    }
    return protocols;
}

}  // namespace kitsunet::p2p::multistream
