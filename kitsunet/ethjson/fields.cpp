#include "kitsunet/ethjson/fields.hpp"

#include <boost/json.hpp>

#include "kitsunet/core/hex.hpp"

namespace kitsunet::ethjson {
namespace {

[[noreturn]] void fail(std::string_view what, std::string_view problem) {
    throw FormatError(std::string(what) + ": " + std::string(problem));
}

std::string_view text_of(const boost::json::value& v, std::string_view what) {
    if (!v.is_string()) fail(what, "expected a string");
    return v.get_string();
}

template <class T>
T value_or_fail(Result<T> r, std::string_view what, std::string_view text) {
    if (!r) fail(what, std::string(describe(r.error())) + " in \"" + std::string(text.substr(0, 80)) + "\"");
    return *r;
}

}  // namespace

U256 read_number(const boost::json::value& v, std::string_view what) {
    if (v.is_uint64()) return U256{v.get_uint64()};
    if (v.is_int64()) {
        if (v.get_int64() < 0) fail(what, "negative number");
        return U256{static_cast<std::uint64_t>(v.get_int64())};
    }
    const auto text = text_of(v, what);
    return value_or_fail(U256::parse(text), what, text);
}

std::uint64_t read_uint64(const boost::json::value& v, std::string_view what) {
    const U256 n = read_number(v, what);
    if (n > U256{~std::uint64_t{0}}) fail(what, "above 2^64 - 1");
    return n.limbs[0];
}

U256 read_hex_number(const boost::json::value& v, std::string_view what) {
    const auto text = text_of(v, what);
    return value_or_fail(U256::parse("0x" + std::string(strip_0x(text))), what, text);
}

Bytes read_bytes(const boost::json::value& v, std::string_view what) {
    const auto text = text_of(v, what);
    return value_or_fail(from_hex(text), what, text);
}

Hash read_hash(const boost::json::value& v, std::string_view what) {
    const auto text = text_of(v, what);
    return value_or_fail(fixed_from_hex<32>(text), what, text);
}

Address read_address(std::string_view text, std::string_view what) {
    return value_or_fail(fixed_from_hex<20>(text), what, text);
}

const boost::json::value* find_member(const boost::json::value& v, std::string_view key,
                                      std::string_view what) {
    if (!v.is_object()) fail(what, "expected a JSON object");
    return v.get_object().if_contains(key);
}

const boost::json::value& member(const boost::json::value& v, std::string_view key, std::string_view what) {
    const auto* m = find_member(v, key, what);
    if (m == nullptr) fail(what, "missing \"" + std::string(key) + "\"");
    return *m;
}

}  // namespace kitsunet::ethjson
