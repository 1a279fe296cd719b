#include "kitsunet/conformance/hex_prefix_tests.hpp"

#include "kitsunet/conformance/json_file.hpp"
#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/trie/nibbles.hpp"

namespace kitsunet::conformance {
namespace {

namespace json = boost::json;

// Returns the reason of a failure, or an empty string.
std::string check_case(const json::value& c) {
    const json::object* o = c.if_object();
    if (o == nullptr || !o->contains("seq") || !o->contains("term") || !o->contains("out"))
        return "case lacks seq, term or out";
    trie::Nibbles seq;
    for (const auto& n : o->at("seq").as_array()) {
        if (!n.is_int64() || n.as_int64() < 0 || n.as_int64() > 15) return "seq holds a non-nibble";
        seq.push_back(static_cast<std::uint8_t>(n.as_int64()));
    }
    const bool term = o->at("term").as_bool();
    const std::string_view out{o->at("out").as_string()};
    const std::string got = to_hex(trie::encode_hex_prefix(seq, term));
    if (got != out) return "encoded " + got + ", expected " + std::string(out);
    auto compact = from_hex(out);
    if (!compact) return "`out` is not hex";
    auto back = trie::decode_hex_prefix(*compact);
    if (!back) return "decoding `out` failed: " + std::string(describe(back.error()));
    if (back->nibbles != seq || back->leaf != term) return "decoding `out` does not give back seq/term";
    return {};
}

}  // namespace

std::vector<std::string> run_hex_prefix_tests(const std::filesystem::path& file) {
    std::vector<std::string> lines;
    for (const auto& [name, c] : read_json_object(file)) {
        std::string reason;
        try {
            reason = check_case(c);
        } catch (const std::exception& e) {  // a malformed case (Boost.JSON type errors)
            reason = e.what();
        }
        lines.push_back((reason.empty() ? "PASS " : "FAIL ") + std::string(name) +
                        (reason.empty() ? "" : ": " + reason));
    }
    return lines;
}

}  // namespace kitsunet::conformance
