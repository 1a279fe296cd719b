#include "kitsunet/p2p/multiformats/multiaddr.hpp"

#include <algorithm>

#include "kitsunet/core/assert.hpp"
#include "kitsunet/p2p/multiformats/component_value.hpp"
#include "kitsunet/p2p/multiformats/varint.hpp"

namespace kitsunet::p2p {

namespace {

/// Reads the framing of one component (code, size, value) from `in` and advances `in` past it;
/// the value itself is not checked.
CodecResult<Component> read_framing(ByteView& in) noexcept {
    ByteView rest = in;
    auto code = read_varint(rest);
    if (!code) return std::unexpected(code.error());
    const ProtocolInfo* info = protocol_info(*code);
    if (info == nullptr) return std::unexpected(CodecError::kUnknownProtocol);
    std::uint64_t size = static_cast<std::uint64_t>(info->value_size);
    if (info->value_size == kVariableSize) {
        auto length = read_varint(rest);
        if (!length) return std::unexpected(length.error());
        size = *length;
    }
    if (size > rest.size()) return std::unexpected(CodecError::kTruncated);
    const Component c{info->protocol, rest.first(static_cast<std::size_t>(size))};
    in = rest.subspan(c.value.size());
    return c;
}

/// Reads one component strictly: framing and value.
CodecResult<Component> read_component(ByteView& in) noexcept {
    auto c = read_framing(in);
    if (!c) return c;
    if (auto ok = detail::validate_value(c->protocol, c->value); !ok) return std::unexpected(ok.error());
    return c;
}

/// Reads one component of bytes already validated (a Multiaddr's own).
Component read_valid_component(ByteView& in) noexcept {
    auto c = read_framing(in);
    KITSUNET_ASSERT(c.has_value());
    return *c;
}

void append_component_header(Bytes& out, const ProtocolInfo& info, std::size_t value_size) {
    append_varint(out, static_cast<std::uint64_t>(info.protocol));
    if (info.value_size == kVariableSize) append_varint(out, value_size);
}

/// Parses "name[/value]" parts of the text form from `text` (just after a '/'), appending the
/// binary component; advances `text` past what it used.
CodecResult<void> append_text_component(std::string_view& text, Bytes& out) {
    const std::size_t slash = text.find('/');
    const std::string_view name = text.substr(0, slash);
    if (name.empty()) return std::unexpected(CodecError::kInvalidMultiaddrText);
    const ProtocolInfo* info = protocol_info(name);
    if (info == nullptr) return std::unexpected(CodecError::kUnknownProtocol);
    text.remove_prefix(slash == std::string_view::npos ? text.size() : slash + 1);
    if (info->value_size == 0) {
        append_varint(out, static_cast<std::uint64_t>(info->protocol));
        return {};
    }
    const std::size_t end = text.find('/');
    const std::string_view value = text.substr(0, end);
    if (value.empty()) return std::unexpected(CodecError::kInvalidMultiaddrText);
    Bytes bin;
    if (auto ok = detail::append_value_from_text(info->protocol, value, bin); !ok) return ok;
    append_component_header(out, *info, bin.size());
    out.insert(out.end(), bin.begin(), bin.end());
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    return {};
}

}  // namespace

std::string Component::to_string() const {
    const ProtocolInfo* info = protocol_info(static_cast<std::uint64_t>(protocol));
    KITSUNET_ASSERT(info != nullptr);
    std::string out = "/";
    out += info->name;
    if (info->value_size != 0) {
        out.push_back('/');
        out += detail::value_to_text(protocol, value);
    }
    return out;
}

Component Multiaddr::Iterator::operator*() const noexcept {
    ByteView rest{pos_, end_};
    return read_valid_component(rest);
}

Multiaddr::Iterator& Multiaddr::Iterator::operator++() noexcept {
    ByteView rest{pos_, end_};
    read_valid_component(rest);
    pos_ = rest.data();
    return *this;
}

CodecResult<Multiaddr> Multiaddr::from_bytes(ByteView bytes) {
    for (ByteView rest = bytes; !rest.empty();)
        if (auto c = read_component(rest); !c) return std::unexpected(c.error());
    return Multiaddr{Bytes(bytes.begin(), bytes.end())};
}

CodecResult<Multiaddr> Multiaddr::from_string(std::string_view text) {
    if (!text.starts_with('/')) return std::unexpected(CodecError::kInvalidMultiaddrText);
    text.remove_prefix(1);
    Bytes out;
    out.reserve(text.size());
    while (!text.empty())
        if (auto ok = append_text_component(text, out); !ok) return std::unexpected(ok.error());
    return Multiaddr{std::move(out)};
}

CodecResult<Multiaddr> Multiaddr::from_component(Protocol protocol, ByteView value) {
    const ProtocolInfo* info = protocol_info(static_cast<std::uint64_t>(protocol));
    if (info == nullptr) return std::unexpected(CodecError::kUnknownProtocol);
    if (info->value_size != kVariableSize && value.size() != static_cast<std::size_t>(info->value_size))
        return std::unexpected(CodecError::kInvalidComponentValue);
    if (auto ok = detail::validate_value(protocol, value); !ok) return std::unexpected(ok.error());
    Bytes out;
    append_component_header(out, *info, value.size());
    out.insert(out.end(), value.begin(), value.end());
    return Multiaddr{std::move(out)};
}

std::string Multiaddr::to_string() const {
    if (empty()) return "/";
    std::string out;
    for (const Component c : *this) out += c.to_string();
    return out;
}

std::size_t Multiaddr::size() const noexcept {
    return static_cast<std::size_t>(std::distance(begin(), end()));
}

std::optional<Component> Multiaddr::first(Protocol protocol) const noexcept {
    for (const Component c : *this)
        if (c.protocol == protocol) return c;
    return std::nullopt;
}

std::optional<Component> Multiaddr::last(Protocol protocol) const noexcept {
    std::optional<Component> found;
    for (const Component c : *this)
        if (c.protocol == protocol) found = c;
    return found;
}

namespace {

template <std::size_t N>
std::optional<std::array<std::uint8_t, N>> fixed_value(std::optional<Component> c) noexcept {
    if (!c) return std::nullopt;
    std::array<std::uint8_t, N> out{};
    std::ranges::copy(c->value, out.begin());
    return out;
}

std::optional<std::uint16_t> port_value(std::optional<Component> c) noexcept {
    if (!c) return std::nullopt;
    return static_cast<std::uint16_t>(c->value[0] << 8 | c->value[1]);
}

}  // namespace

std::optional<std::array<std::uint8_t, 4>> Multiaddr::ip4() const noexcept {
    return fixed_value<4>(first(Protocol::kIp4));
}
std::optional<std::array<std::uint8_t, 16>> Multiaddr::ip6() const noexcept {
    return fixed_value<16>(first(Protocol::kIp6));
}
std::optional<std::uint16_t> Multiaddr::tcp_port() const noexcept {
    return port_value(first(Protocol::kTcp));
}
std::optional<std::uint16_t> Multiaddr::udp_port() const noexcept {
    return port_value(first(Protocol::kUdp));
}

std::optional<std::string_view> Multiaddr::dns_name() const noexcept {
    for (const Component c : *this) {
        const auto p = c.protocol;
        if (p == Protocol::kDns || p == Protocol::kDns4 || p == Protocol::kDns6 || p == Protocol::kDnsAddr)
            return std::string_view(reinterpret_cast<const char*>(c.value.data()), c.value.size());
    }
    return std::nullopt;
}

std::optional<ByteView> Multiaddr::p2p() const noexcept {
    auto c = last(Protocol::kP2p);
    if (!c) return std::nullopt;
    return c->value;
}

Multiaddr Multiaddr::encapsulate(const Multiaddr& inner) const {
    return Multiaddr{concat(bytes_, inner.bytes_)};
}

Multiaddr Multiaddr::decapsulate(const Multiaddr& suffix) const {
    if (suffix.empty()) return *this;
    // Only a match at a component boundary counts: walk the boundaries, keep the last match.
    std::optional<std::size_t> cut;
    const ByteView all = bytes_;
    for (auto it = begin(); it != end(); ++it) {
        const auto offset = static_cast<std::size_t>(it.pos_ - all.data());
        const ByteView tail = all.subspan(offset);
        if (tail.size() >= suffix.bytes_.size() &&
            std::ranges::equal(tail.first(suffix.bytes_.size()), suffix.bytes_))
            cut = offset;
    }
    if (!cut) return *this;
    return Multiaddr{Bytes(bytes_.begin(), bytes_.begin() + static_cast<std::ptrdiff_t>(*cut))};
}

Multiaddr Multiaddr::decapsulate(Protocol protocol) const {
    std::optional<std::size_t> cut;
    for (auto it = begin(); it != end(); ++it)
        if ((*it).protocol == protocol) cut = static_cast<std::size_t>(it.pos_ - bytes_.data());
    if (!cut) return *this;
    return Multiaddr{Bytes(bytes_.begin(), bytes_.begin() + static_cast<std::ptrdiff_t>(*cut))};
}

}  // namespace kitsunet::p2p

std::size_t std::hash<kitsunet::p2p::Multiaddr>::operator()(
    const kitsunet::p2p::Multiaddr& addr) const noexcept {
    return std::hash<std::string_view>{}(
        std::string_view(reinterpret_cast<const char*>(addr.bytes().data()), addr.bytes().size()));
}
