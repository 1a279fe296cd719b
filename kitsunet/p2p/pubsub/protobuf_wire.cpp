#include "kitsunet/p2p/pubsub/protobuf_wire.hpp"

namespace kitsunet::p2p::pb {

std::optional<std::uint64_t> Reader::varint(unsigned max_bytes) noexcept {
    std::uint64_t v = 0;
    for (unsigned i = 0; i < max_bytes && i < rest_.size(); ++i) {
        const std::uint64_t b = rest_[i];
        if (i < 10) v |= (b & 0x7f) << (7 * i);  // bits past 64 are dropped, as protobuf does
        if (b < 0x80) {
            rest_ = rest_.subspan(i + 1);
            return v;
        }
    }
    rest_ = {};
    return std::nullopt;
}

std::optional<std::uint32_t> Reader::tag() noexcept {
    const auto v = varint(5);
    if (!v) return std::nullopt;
    const auto tag = static_cast<std::uint32_t>(*v);  // protobuf reads tags as 32 bits
    if ((tag >> 3) == 0) {
        rest_ = {};
        return std::nullopt;
    }
    return tag;
}

std::optional<std::size_t> Reader::length() noexcept {
    const auto n = varint(5);
    if (!n || *n >= (1u << 31) || *n > rest_.size()) {
        rest_ = {};
        return std::nullopt;
    }
    return static_cast<std::size_t>(*n);
}

bool Reader::skip(std::size_t n) noexcept {
    if (n > rest_.size()) {
        rest_ = {};
        return false;
    }
    rest_ = rest_.subspan(n);
    return true;
}

std::optional<Field> Reader::next() noexcept {
    const auto key = tag();
    if (!key) return std::nullopt;
    Field f;
    f.number = *key >> 3;
    f.type = static_cast<WireType>(*key & 7);
    if (skip_value(f)) return f;
    rest_ = {};
    return std::nullopt;
}

bool Reader::skip_value(Field& f, unsigned depth) noexcept {
    switch (f.type) {
        case WireType::kVarint: {
            const auto v = varint(10);
            if (v) f.varint = *v;
            return v.has_value();
        }
        case WireType::kLengthDelimited: {
            const auto n = length();
            if (!n) return false;
            f.bytes = rest_.first(*n);
            return skip(*n);
        }
        case WireType::kFixed64:
            return skip(8);
        case WireType::kFixed32:
            return skip(4);
        case WireType::kStartGroup:
            return skip_group(f.number, depth);
        default:
            return false;  // an end group without its start, and the reserved types 6, 7
    }
}

bool Reader::skip_group(std::uint32_t number, unsigned depth) noexcept {
    // Deprecated groups still occur as unknown fields; protobuf parsers skip them, so do we.
    if (depth >= kMaxGroupDepth) return false;
    for (;;) {
        const auto key = tag();
        if (!key) return false;
        Field inner;
        inner.number = *key >> 3;
        inner.type = static_cast<WireType>(*key & 7);
        if (inner.type == WireType::kEndGroup) return inner.number == number;
        if (!skip_value(inner, depth + 1)) return false;
    }
}

void Writer::varint(std::uint64_t v) {
    while (v >= 0x80) {
        out_.push_back(static_cast<std::uint8_t>(v | 0x80));
        v >>= 7;
    }
    out_.push_back(static_cast<std::uint8_t>(v));
}

void Writer::bytes_field(std::uint32_t number, ByteView payload) {
    begin_message(number, payload.size());
    out_.insert(out_.end(), payload.begin(), payload.end());
}

bool is_utf8(ByteView s) noexcept {
    std::size_t i = 0;
    while (i < s.size()) {
        const std::uint8_t c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        std::uint32_t cp = 0;
        std::uint32_t min = 0;
        if ((c & 0xe0) == 0xc0) {
            len = 2, cp = c & 0x1fu, min = 0x80;
        } else if ((c & 0xf0) == 0xe0) {
            len = 3, cp = c & 0x0fu, min = 0x800;
        } else if ((c & 0xf8) == 0xf0) {
            len = 4, cp = c & 0x07u, min = 0x10000;
        } else {
            return false;
        }
        if (i + len > s.size()) return false;
        for (std::size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xc0) != 0x80) return false;
            cp = (cp << 6) | (s[i + k] & 0x3fu);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
        i += len;
    }
    return true;
}

}  // namespace kitsunet::p2p::pb
