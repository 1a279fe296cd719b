#include "kitsunet/core/slice/slice_id.hpp"

#include <algorithm>
#include <charconv>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/rlp.hpp"

namespace kitsunet::slice {
namespace {

Result<SliceId> invalid_id() { return std::unexpected(Errc::kSliceInvalidId); }

// Splits `text` at '-' into at most `max` fields; nullopt-like empty result when more.
std::vector<std::string_view> split_dashes(std::string_view text) {
    std::vector<std::string_view> fields;
    for (std::size_t start = 0;;) {
        const std::size_t dash = text.find('-', start);
        fields.push_back(text.substr(start, dash - start));
        if (dash == std::string_view::npos) return fields;
        start = dash + 1;
    }
}

Result<std::uint8_t> parse_depth(std::string_view text) noexcept {
    unsigned value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || value > kFullDepth)
        return std::unexpected(Errc::kSliceInvalidId);
    if (text.size() > 1 && text[0] == '0') return std::unexpected(Errc::kSliceInvalidId);
    return static_cast<std::uint8_t>(value);
}

Result<Hash> parse_hash(std::string_view text) noexcept {
    auto h = fixed_from_hex<32>(text);
    if (!h) return std::unexpected(Errc::kSliceInvalidId);
    return *h;
}

}  // namespace

// Built by appending: g++ 12 warns falsely (-Wrestrict) on chains of std::string operator+.
std::string SliceId::group() const {
    std::string text = nibbles_to_text(prefix);
    text.push_back('-');
    text.append(std::to_string(depth));
    return text;
}

std::string SliceId::to_string() const {
    std::string text = group();
    text.push_back('-');
    text.append(to_hex(root));
    if (storage_owner) {
        text.push_back('-');
        text.append(to_hex(*storage_owner));
    }
    return text;
}

Result<SliceId> SliceId::parse(std::string_view text) noexcept {
    const auto fields = split_dashes(text);
    if (fields.size() != 3 && fields.size() != 4) return invalid_id();
    SliceId id;
    auto prefix = nibbles_from_text(fields[0]);
    auto depth = parse_depth(fields[1]);
    auto root = parse_hash(fields[2]);
    if (!prefix || !depth || !root) return invalid_id();
    id.prefix = std::move(*prefix);
    id.depth = *depth;
    id.root = *root;
    if (fields.size() == 4) {
        auto owner = parse_hash(fields[3]);
        if (!owner) return invalid_id();
        id.storage_owner = *owner;
    }
    if (!validate(id)) return invalid_id();
    return id;
}

Status validate(const SliceId& id) noexcept {
    const bool nibbles_ok = std::ranges::all_of(id.prefix, [](std::uint8_t n) { return n < 16; });
    if (!nibbles_ok || id.prefix.size() > kKeyNibbles || id.depth > kFullDepth)
        return std::unexpected(Errc::kSliceInvalidId);
    return {};
}

trie::Nibbles key_prefix(const Hash& key, std::size_t length) {
    auto nibbles = trie::unpack_nibbles(key);
    nibbles.resize(std::min(length, kKeyNibbles));
    return nibbles;
}

trie::Nibbles account_prefix(const Address& address, std::size_t length) {
    return key_prefix(keccak256(address), length);
}

bool key_has_prefix(const Hash& key, ByteView prefix) noexcept {
    if (prefix.size() > kKeyNibbles) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        const std::uint8_t byte = key.bytes[i / 2];
        const std::uint8_t nibble = (i % 2 == 0) ? byte >> 4 : byte & 0x0f;
        if (nibble != prefix[i]) return false;
    }
    return true;
}

std::string nibbles_to_text(ByteView nibbles) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text;
    text.reserve(nibbles.size());
    for (const std::uint8_t n : nibbles) text.push_back(kDigits[n & 0x0f]);
    return text;
}

Result<trie::Nibbles> nibbles_from_text(std::string_view text) noexcept {
    trie::Nibbles nibbles;
    nibbles.reserve(text.size());
    for (const char c : text) {
        const int v = hex_digit_value(c);
        if (v < 0) return std::unexpected(Errc::kInvalidHexDigit);
        nibbles.push_back(static_cast<std::uint8_t>(v));
    }
    return nibbles;
}

}  // namespace kitsunet::slice

namespace kitsunet::rlp {
namespace {

std::size_t payload_length(const slice::SliceId& id) noexcept {
    std::size_t n =
        length(ByteView{trie::encode_hex_prefix(id.prefix, false)}) + length(std::uint64_t{id.depth}) + 33;
    if (id.storage_owner) n += 33;
    return n;
}

}  // namespace

std::size_t length(const slice::SliceId& id) noexcept {
    const std::size_t payload = payload_length(id);
    return length_of_header(payload) + payload;
}

void encode(Bytes& to, const slice::SliceId& id) {
    encode_header(to, {true, payload_length(id)});
    encode(to, ByteView{trie::encode_hex_prefix(id.prefix, false)});
    encode(to, std::uint64_t{id.depth});
    encode(to, id.root);
    if (id.storage_owner) encode(to, *id.storage_owner);
}

Result<slice::SliceId> decode_slice_id(ByteView& from) noexcept {
    auto payload = decode_list(from);
    if (!payload) return std::unexpected(payload.error());
    auto compact = decode_string(*payload);
    if (!compact) return std::unexpected(compact.error());
    auto path = trie::decode_hex_prefix(*compact);
    if (!path || path->leaf) return std::unexpected(Errc::kSliceInvalidId);
    auto depth = decode_uint64(*payload);
    if (!depth) return std::unexpected(depth.error());
    auto root = decode_fixed<32>(*payload);
    if (!root) return std::unexpected(root.error());
    slice::SliceId id;
    id.prefix = std::move(path->nibbles);
    if (*depth > slice::kFullDepth) return std::unexpected(Errc::kSliceInvalidId);
    id.depth = static_cast<std::uint8_t>(*depth);
    id.root = *root;
    if (!payload->empty()) {
        auto owner = decode_fixed<32>(*payload);
        if (!owner) return std::unexpected(owner.error());
        id.storage_owner = *owner;
    }
    if (auto ok = ensure_consumed(*payload); !ok) return std::unexpected(Errc::kListLengthMismatch);
    if (auto ok = slice::validate(id); !ok) return std::unexpected(ok.error());
    return id;
}

}  // namespace kitsunet::rlp
