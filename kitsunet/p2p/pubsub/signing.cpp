#include "kitsunet/p2p/pubsub/signing.hpp"

#include <chrono>

namespace kitsunet::p2p::pubsub {

namespace {

using Verified = std::expected<std::optional<PeerId>, SignatureError>;

Verified check_anonymous(const Message& m) {
    if (m.from || m.seqno || m.signature || m.key) return std::unexpected(SignatureError::kUnexpectedField);
    return std::optional<PeerId>{};
}

std::expected<PublicKey, SignatureError> author_key(const Message& m, const PeerId& from) {
    if (m.key) {
        auto key = PublicKey::from_protobuf(*m.key);
        if (!key || !from.matches(*key)) return std::unexpected(SignatureError::kInvalidKey);
        return std::move(*key);
    }
    if (!from.has_inline_key()) return std::unexpected(SignatureError::kNoKey);
    auto key = from.public_key();
    if (!key) return std::unexpected(SignatureError::kInvalidFrom);
    return std::move(*key);
}

Bytes big_endian(std::uint64_t v) {
    Bytes b(8);
    for (int i = 7; i >= 0; --i, v >>= 8) b[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v);
    return b;
}

std::uint64_t wall_clock_ns() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count());
}

}  // namespace

std::string_view describe(SignatureError e) noexcept {
    switch (e) {
        case SignatureError::kMissingFrom:
            return "message has no from";
        case SignatureError::kInvalidFrom:
            return "message from is not a valid peer id";
        case SignatureError::kInvalidSeqno:
            return "message seqno is not 8 bytes";
        case SignatureError::kMissingSignature:
            return "message is not signed";
        case SignatureError::kInvalidKey:
            return "message key is invalid or not the author's";
        case SignatureError::kNoKey:
            return "message author's key is unknown";
        case SignatureError::kBadSignature:
            return "message signature does not verify";
        case SignatureError::kUnexpectedField:
            return "anonymous message carries author fields";
    }
    return "unknown signature error";
}

Bytes signing_bytes(const Message& m) {
    Bytes out;
    out.reserve(kSignPrefix.size() + signed_part_size(m));
    out.insert(out.end(), kSignPrefix.begin(), kSignPrefix.end());
    encode_signed_part(out, m);
    return out;
}

bool conforms(const Message& m, SignaturePolicy policy) noexcept {
    if (policy == SignaturePolicy::kStrictNoSign) return !m.from && !m.seqno && !m.signature && !m.key;
    return m.from && m.seqno && m.seqno->size() == 8 && m.signature;
}

Verified verify_message(const Message& m, SignaturePolicy policy) {
    if (policy == SignaturePolicy::kStrictNoSign) return check_anonymous(m);
    if (!m.from) return std::unexpected(SignatureError::kMissingFrom);
    if (!m.seqno || m.seqno->size() != 8) return std::unexpected(SignatureError::kInvalidSeqno);
    if (!m.signature) return std::unexpected(SignatureError::kMissingSignature);
    auto from = PeerId::from_bytes(*m.from);
    if (!from) return std::unexpected(SignatureError::kInvalidFrom);
    const auto key = author_key(m, *from);
    if (!key) return std::unexpected(key.error());
    if (!key->verify(signing_bytes(m), *m.signature)) return std::unexpected(SignatureError::kBadSignature);
    return std::optional<PeerId>(*from);
}

MessageAuthor::MessageAuthor(PrivateKey key)
    : key_(std::move(key)), id_(PeerId::from_public_key(key_->public_key())), last_seqno_(wall_clock_ns()) {
    if (!id_->has_inline_key()) key_field_ = key_->public_key().to_protobuf();
}

Message MessageAuthor::make(TopicId topic, Bytes data) {
    Message m;
    m.topic = std::move(topic);
    m.data = std::move(data);
    if (!key_) return m;
    m.from = Bytes(id_->bytes().begin(), id_->bytes().end());
    m.seqno = big_endian(++last_seqno_);
    m.signature = key_->sign(signing_bytes(m));
    m.key = key_field_;
    return m;
}

}  // namespace kitsunet::p2p::pubsub
