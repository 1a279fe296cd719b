#include "kitsunet/conformance/rlp_tests.hpp"

#include <boost/json.hpp>

#include <optional>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/rlp.hpp"

namespace kitsunet::conformance {
namespace {

namespace json = boost::json;

// Minimal big-endian bytes of a decimal number of any size ("#<decimal>" in the tests).
std::optional<Bytes> decimal_to_bytes(std::string_view digits) {
    if (digits.empty()) return std::nullopt;
    Bytes be;  // big-endian, grows on the left
    for (const char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        unsigned carry = static_cast<unsigned>(c - '0');
        for (auto it = be.rbegin(); it != be.rend(); ++it) {
            const unsigned v = *it * 10u + carry;
            *it = static_cast<std::uint8_t>(v & 0xff);
            carry = v >> 8;
        }
        if (carry != 0) be.insert(be.begin(), static_cast<std::uint8_t>(carry));
    }
    return be;
}

// The payload bytes a scalar `in` stands for: raw string bytes, or an integer's minimal bytes.
std::optional<Bytes> scalar_bytes(const json::value& in) {
    if (in.is_uint64()) return rlp::big_endian(in.get_uint64());
    if (in.is_int64()) {
        if (in.get_int64() < 0) return std::nullopt;
        return rlp::big_endian(static_cast<std::uint64_t>(in.get_int64()));
    }
    if (!in.is_string()) return std::nullopt;
    const std::string_view s = in.get_string();
    if (s.starts_with('#')) return decimal_to_bytes(s.substr(1));
    const ByteView raw = as_bytes(s);
    return Bytes(raw.begin(), raw.end());
}

std::optional<Bytes> encode_json(const json::value& in) {
    if (!in.is_array()) {
        auto bytes = scalar_bytes(in);
        if (!bytes) return std::nullopt;
        return rlp::encode_string(*bytes);
    }
    Bytes payload;
    for (const auto& child : in.get_array()) {
        auto encoded = encode_json(child);
        if (!encoded) return std::nullopt;
        payload.insert(payload.end(), encoded->begin(), encoded->end());
    }
    return rlp::wrap_list(payload);
}

bool same_item(const rlp::Item& item, const json::value& in) {
    if (!in.is_array()) {
        const auto bytes = scalar_bytes(in);
        return !item.list && bytes && std::ranges::equal(item.string, *bytes);
    }
    const auto& children = in.get_array();
    if (!item.list || item.items.size() != children.size()) return false;
    for (std::size_t i = 0; i < children.size(); ++i)
        if (!same_item(item.items[i], children[i])) return false;
    return true;
}

// The reason a valid case fails, or empty when it passes.
std::string check_valid(const json::value& in, const Bytes& out) {
    const auto encoded = encode_json(in);
    if (!encoded) return "cannot read `in`";
    if (*encoded != out) return "encoded " + to_hex(*encoded) + ", expected " + to_hex(out);
    const auto decoded = rlp::decode_item(out);
    if (!decoded) return "decoding `out` failed: " + std::string(describe(decoded.error()));
    if (!same_item(*decoded, in)) return "decoding `out` did not give back `in`";
    return {};
}

CaseResult run_case(std::string name, const json::value& test) {
    const auto* in = test.is_object() ? test.as_object().if_contains("in") : nullptr;
    const auto* out_text = test.is_object() ? test.as_object().if_contains("out") : nullptr;
    if (in == nullptr || out_text == nullptr || !out_text->is_string())
        return {std::move(name), false, "case lacks `in` or a string `out`"};
    const auto out = from_hex(out_text->get_string());
    if (!out) return {std::move(name), false, "`out` is not hex: " + std::string(describe(out.error()))};
    if (in->is_string() && in->get_string() == "INVALID") {
        const auto decoded = rlp::decode_item(*out);
        if (decoded) return {std::move(name), false, "decoder accepted invalid RLP"};
        return {std::move(name), true, std::string(describe(decoded.error()))};
    }
    std::string reason = check_valid(*in, *out);
    const bool ok = reason.empty();
    return {std::move(name), ok, std::move(reason)};
}

}  // namespace

CaseResults run_rlp_tests(const json::value& file) {
    CaseResults results;
    if (!file.is_object()) return {{"(file)", false, "top level is not a JSON object"}};
    for (const auto& [name, test] : file.get_object()) results.push_back(run_case(std::string(name), test));
    return results;
}

}  // namespace kitsunet::conformance
