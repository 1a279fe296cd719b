#include "kitsunet/core/rlp.hpp"

#include <bit>

namespace kitsunet::rlp {
namespace {

void append_big_endian(Bytes& to, std::uint64_t n) {
    for (std::size_t i = byte_count(n); i > 0; --i)
        to.push_back(static_cast<std::uint8_t>(n >> (8 * (i - 1))));
}

// Reads the `len_of_len` bytes of a long-form length; canonical means no leading zero and >= 56.
Result<std::size_t> read_long_length(ByteView& from, std::size_t len_of_len) noexcept {
    if (from.size() < len_of_len) return std::unexpected(Errc::kInputTooShort);
    if (from[0] == 0) return std::unexpected(Errc::kLeadingZero);
    std::uint64_t len = 0;
    for (std::size_t i = 0; i < len_of_len; ++i) len = (len << 8) | from[i];
    from = from.subspan(len_of_len);
    if (len < 56) return std::unexpected(Errc::kNonCanonicalSize);
    if (len > from.size()) return std::unexpected(Errc::kInputTooShort);
    return static_cast<std::size_t>(len);
}

Result<ByteView> take_payload(ByteView& from, bool want_list) noexcept {
    auto h = decode_header(from);
    if (!h) return std::unexpected(h.error());
    if (h->list != want_list)
        return std::unexpected(want_list ? Errc::kUnexpectedString : Errc::kUnexpectedList);
    ByteView payload = from.first(h->payload_length);
    from = from.subspan(h->payload_length);
    return payload;
}

}  // namespace

void encode_header(Bytes& to, Header header) {
    const std::size_t at = to.size();
    to.resize(at + length_of_header(header.payload_length));
    write_header(to.data() + at, header);
}

std::size_t length(std::uint64_t n) noexcept { return n < 0x80 && n != 0 ? 1 : 1 + byte_count(n); }

void encode(Bytes& to, ByteView s) {
    const std::size_t at = to.size();
    to.resize(at + length(s));
    write(to.data() + at, s);
}

void encode(Bytes& to, std::uint64_t n) {
    if (n != 0 && n < 0x80) {
        to.push_back(static_cast<std::uint8_t>(n));
        return;
    }
    to.push_back(static_cast<std::uint8_t>(0x80 + byte_count(n)));
    append_big_endian(to, n);
}

Bytes big_endian(std::uint64_t n) {
    Bytes out;
    append_big_endian(out, n);
    return out;
}

Bytes encode_string(ByteView s) {
    Bytes out;
    out.reserve(length(s));
    encode(out, s);
    return out;
}

Bytes wrap_list(ByteView payload) {
    Bytes out;
    out.reserve(length_of_header(payload.size()) + payload.size());
    encode_header(out, {true, payload.size()});
    out.insert(out.end(), payload.begin(), payload.end());
    return out;
}

Result<Header> decode_header(ByteView& from) noexcept {
    if (from.empty()) return std::unexpected(Errc::kInputTooShort);
    const std::uint8_t b = from[0];
    if (b < 0x80) return Header{false, 1};
    from = from.subspan(1);
    if (b < 0xb8 || (b >= 0xc0 && b < 0xf8)) {
        const bool list = b >= 0xc0;
        const std::size_t len = b - (list ? 0xc0u : 0x80u);
        if (len > from.size()) return std::unexpected(Errc::kInputTooShort);
        if (!list && len == 1 && from[0] < 0x80) return std::unexpected(Errc::kNonCanonicalSingleByte);
        return Header{list, len};
    }
    const bool list = b >= 0xf8;
    auto len = read_long_length(from, b - (list ? 0xf7u : 0xb7u));
    if (!len) return std::unexpected(len.error());
    return Header{list, *len};
}

Result<ByteView> decode_string(ByteView& from) noexcept { return take_payload(from, false); }

Result<ByteView> decode_list(ByteView& from) noexcept { return take_payload(from, true); }

Result<ByteView> decode_raw(ByteView& from) noexcept {
    const ByteView start = from;
    auto h = decode_header(from);
    if (!h) return std::unexpected(h.error());
    from = from.subspan(h->payload_length);
    return start.first(start.size() - from.size());
}

Result<ByteView> decode_uint_bytes(ByteView& from, std::size_t max_bytes) noexcept {
    auto s = decode_string(from);
    if (!s) return std::unexpected(s.error());
    if (s->size() > max_bytes) return std::unexpected(Errc::kOverflow);
    if (!s->empty() && (*s)[0] == 0) return std::unexpected(Errc::kLeadingZero);
    return *s;
}

Result<std::uint64_t> decode_uint64(ByteView& from) noexcept {
    auto s = decode_uint_bytes(from, 8);
    if (!s) return std::unexpected(s.error());
    std::uint64_t n = 0;
    for (std::uint8_t b : *s) n = (n << 8) | b;
    return n;
}

Status ensure_consumed(ByteView rest) noexcept {
    if (!rest.empty()) return std::unexpected(Errc::kTrailingBytes);
    return {};
}

namespace {

Result<Item> decode_item_at(ByteView& from, std::size_t depth_left) {
    auto h = decode_header(from);
    if (!h) return std::unexpected(h.error());
    ByteView payload = from.first(h->payload_length);
    from = from.subspan(h->payload_length);
    if (!h->list) return Item{false, payload, {}};
    if (depth_left == 0) return std::unexpected(Errc::kTooDeep);
    Item item{true, {}, {}};
    while (!payload.empty()) {
        auto child = decode_item_at(payload, depth_left - 1);
        if (!child) return std::unexpected(child.error());
        item.items.push_back(std::move(*child));
    }
    return item;
}

}  // namespace

Result<Item> decode_item(ByteView whole, std::size_t max_depth) {
    auto item = decode_item_at(whole, max_depth);
    if (!item) return item;
    if (auto ok = ensure_consumed(whole); !ok) return std::unexpected(ok.error());
    return item;
}

void encode(Bytes& to, const Item& item) {
    if (!item.list) {
        encode(to, item.string);
        return;
    }
    Bytes payload;
    for (const Item& child : item.items) encode(payload, child);
    encode_header(to, {true, payload.size()});
    to.insert(to.end(), payload.begin(), payload.end());
}

Result<std::vector<ByteView>> split_list(ByteView payload) {
    std::vector<ByteView> items;
    while (!payload.empty()) {
        auto raw = decode_raw(payload);
        if (!raw) return std::unexpected(raw.error());
        items.push_back(*raw);
    }
    return items;
}

}  // namespace kitsunet::rlp
