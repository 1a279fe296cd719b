#include "kitsunet/p2p/multiformats/ip_text.hpp"

#include <charconv>
#include <cstddef>

#include "kitsunet/core/hex.hpp"

namespace kitsunet::p2p {

namespace {

/// A decimal octet: 1..3 digits, no leading zero unless "0", value ≤ 255.
std::optional<std::uint8_t> parse_octet(std::string_view digits) noexcept {
    if (digits.empty() || digits.size() > 3 || (digits.size() > 1 && digits[0] == '0')) return std::nullopt;
    unsigned value = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (value > 255) return std::nullopt;
    return static_cast<std::uint8_t>(value);
}

/// One ip6 group: 1..4 hex digits.
std::optional<std::uint16_t> parse_group(std::string_view digits) noexcept {
    if (digits.empty() || digits.size() > 4) return std::nullopt;
    unsigned value = 0;
    for (const char c : digits) {
        const int d = hex_digit_value(c);
        if (d < 0) return std::nullopt;
        value = value * 16 + static_cast<unsigned>(d);
    }
    return static_cast<std::uint16_t>(value);
}

/// The groups of one side of "::" (or of the whole address): "a:b:c" or "a:b:1.2.3.4" (only when
/// `tail_ok`). Appends 16-bit groups to `groups`; false when malformed or more than `max`.
bool parse_groups(std::string_view text, bool tail_ok, std::array<std::uint16_t, 8>& groups,
                  std::size_t& count) {
    if (text.empty()) return true;
    while (true) {
        const std::size_t colon = text.find(':');
        const std::string_view part = text.substr(0, colon);
        if (colon == std::string_view::npos && tail_ok && part.find('.') != std::string_view::npos) {
            const auto ip4 = parse_ip4(part);
            if (!ip4 || count + 2 > groups.size()) return false;
            groups[count++] = static_cast<std::uint16_t>((*ip4)[0] << 8 | (*ip4)[1]);
            groups[count++] = static_cast<std::uint16_t>((*ip4)[2] << 8 | (*ip4)[3]);
            return true;
        }
        const auto group = parse_group(part);
        if (!group || count == groups.size()) return false;
        groups[count++] = *group;
        if (colon == std::string_view::npos) return true;
        text.remove_prefix(colon + 1);
    }
}

}  // namespace

std::optional<Ip4Bytes> parse_ip4(std::string_view text) noexcept {
    Ip4Bytes ip{};
    for (std::size_t i = 0; i < 4; ++i) {
        const std::size_t dot = text.find('.');
        if ((dot == std::string_view::npos) != (i == 3)) return std::nullopt;
        const auto octet = parse_octet(text.substr(0, dot));
        if (!octet) return std::nullopt;
        ip[i] = *octet;
        text.remove_prefix(i == 3 ? text.size() : dot + 1);
    }
    return ip;
}

std::optional<Ip6Bytes> parse_ip6(std::string_view text) noexcept {
    std::array<std::uint16_t, 8> head{};
    std::array<std::uint16_t, 8> tail{};
    std::size_t head_count = 0;
    std::size_t tail_count = 0;
    const std::size_t gap = text.find("::");
    if (gap == std::string_view::npos) {
        if (!parse_groups(text, true, head, head_count) || head_count != 8) return std::nullopt;
    } else {
        const std::string_view before = text.substr(0, gap);
        const std::string_view after = text.substr(gap + 2);
        if (after.find("::") != std::string_view::npos) return std::nullopt;
        if (!parse_groups(before, false, head, head_count) || !parse_groups(after, true, tail, tail_count))
            return std::nullopt;
        if (head_count + tail_count > 7) return std::nullopt;  // "::" stands for at least one group
    }
    std::array<std::uint16_t, 8> groups{};
    std::copy_n(head.begin(), head_count, groups.begin());
    std::copy_n(tail.begin(), tail_count, groups.end() - static_cast<std::ptrdiff_t>(tail_count));
    Ip6Bytes ip{};
    for (std::size_t i = 0; i < 8; ++i) {
        ip[2 * i] = static_cast<std::uint8_t>(groups[i] >> 8);
        ip[2 * i + 1] = static_cast<std::uint8_t>(groups[i]);
    }
    return ip;
}

std::string format_ip4(const Ip4Bytes& ip) {
    std::string out;
    for (std::size_t i = 0; i < 4; ++i) {
        if (i != 0) out.push_back('.');
        out += std::to_string(ip[i]);
    }
    return out;
}

namespace {

/// The longest run of at least two zero groups (first on a tie): {start, length}, length 0 if none.
std::pair<std::size_t, std::size_t> longest_zero_run(const std::array<std::uint16_t, 8>& groups) noexcept {
    std::pair<std::size_t, std::size_t> best{0, 0};
    for (std::size_t i = 0; i < 8;) {
        std::size_t j = i;
        while (j < 8 && groups[j] == 0) ++j;
        if (j - i > best.second && j - i >= 2) best = {i, j - i};
        i = j == i ? i + 1 : j;
    }
    return best;
}

void append_group(std::string& out, std::uint16_t group) {
    std::array<char, 4> buf{};
    const auto end = std::to_chars(buf.data(), buf.data() + buf.size(), group, 16).ptr;
    out.append(buf.data(), end);
}

}  // namespace

std::string format_ip6(const Ip6Bytes& ip) {
    std::array<std::uint16_t, 8> groups{};
    for (std::size_t i = 0; i < 8; ++i)
        groups[i] = static_cast<std::uint16_t>(ip[2 * i] << 8 | ip[2 * i + 1]);
    const auto [start, length] = longest_zero_run(groups);
    std::string out;
    for (std::size_t i = 0; i < 8; ++i) {
        if (length != 0 && i == start) {
            out += "::";
            i += length - 1;
            continue;
        }
        if (!out.empty() && out.back() != ':') out.push_back(':');
        append_group(out, groups[i]);
    }
    return out;
}

}  // namespace kitsunet::p2p
