#include "kitsunet/conformance/trie_tests.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <utility>

#include "kitsunet/conformance/json_file.hpp"
#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/trie/hash_builder.hpp"
#include "kitsunet/core/trie/proof.hpp"
#include "kitsunet/core/trie/trie.hpp"

namespace kitsunet::conformance {
namespace {

namespace json = boost::json;

/// One write of a case: a value, or nullopt to delete the key.
using Write = std::pair<Bytes, std::optional<Bytes>>;

struct CaseError {
    std::string reason;
};

std::optional<Bytes> string_bytes(const json::value& v) {
    if (!v.is_string()) return std::nullopt;
    return test_bytes(std::string_view{v.as_string()});
}

Write parse_write(const json::value& key, const json::value& value) {
    auto k = string_bytes(key);
    if (!k) throw CaseError{"key is not a test string"};
    if (value.is_null()) return {*k, std::nullopt};
    auto v = string_bytes(value);
    if (!v) throw CaseError{"value is not a test string"};
    return {*k, *v};
}

std::vector<Write> parse_writes(const json::value& in) {
    std::vector<Write> out;
    if (in.is_object()) {
        for (const auto& [k, v] : in.as_object()) out.push_back(parse_write(json::string(k), v));
    } else if (in.is_array()) {
        for (const auto& pair : in.as_array()) {
            if (!pair.is_array() || pair.as_array().size() != 2) throw CaseError{"`in` item is not a pair"};
            out.push_back(parse_write(pair.as_array()[0], pair.as_array()[1]));
        }
    } else {
        throw CaseError{"`in` is neither a list nor an object"};
    }
    return out;
}

Bytes stored_key(const Bytes& key, bool secure) {
    if (!secure) return key;
    const Hash h = keccak256(key);
    return Bytes(h.bytes.begin(), h.bytes.end());
}

// The keys as stored (hashed for secure tries), in byte order, with their final values.
std::map<std::string, Bytes> final_state(const std::vector<Write>& writes, bool secure) {
    std::map<std::string, Bytes> state;  // std::string orders bytes as unsigned, like the trie
    for (const auto& [key, value] : writes) {
        const Bytes k = stored_key(key, secure);
        std::string name(k.begin(), k.end());
        if (value && !value->empty())
            state[name] = *value;
        else
            state.erase(name);
    }
    return state;
}

void check_builder_and_proofs(const std::map<std::string, Bytes>& state, trie::Trie& t, const Hash& root) {
    trie::HashBuilder builder;
    for (const auto& [k, v] : state) builder.add(as_bytes(k), v);
    if (builder.root() != root) throw CaseError{"HashBuilder root " + to_hex(builder.root(), true)};
    for (const auto& [k, v] : state) {
        auto got = trie::verify_proof(root, as_bytes(k), t.proof(as_bytes(k)));
        if (!got || *got != v) throw CaseError{"proof of key 0x" + to_hex(as_bytes(k)) + " does not verify"};
    }
}

void run_case(const json::object& c, bool secure) {
    const json::value* in = c.if_contains("in");
    const json::value* root = c.if_contains("root");
    if (in == nullptr || root == nullptr || !root->is_string()) throw CaseError{"no `in` or `root`"};
    auto expected = fixed_from_hex<32>(std::string_view{root->as_string()});
    if (!expected) throw CaseError{"`root` is not a 32-byte hex string"};
    const auto writes = parse_writes(*in);
    trie::Trie t;
    for (const auto& [key, value] : writes) {
        t.put(stored_key(key, secure), value.value_or(Bytes{}));
    }
    const Hash got = t.root_hash();
    if (got != *expected)
        throw CaseError{"root " + to_hex(got, true) + ", expected " + to_hex(*expected, true)};
    check_builder_and_proofs(final_state(writes, secure), t, got);
}

bool is_secure_file(const std::filesystem::path& file) {
    std::string name = file.filename().string();
    std::ranges::transform(name, name.begin(), [](unsigned char ch) { return std::tolower(ch); });
    return name.find("securetrie") != std::string::npos;
}

}  // namespace

std::vector<std::string> run_trie_tests(const std::filesystem::path& file) {
    const json::object cases = read_json_object(file);
    const bool secure = is_secure_file(file);
    std::vector<std::string> lines;
    for (const auto& [name, c] : cases) {
        const std::string id(name);
        if (c.is_object() && c.as_object().contains("tests")) {
            lines.push_back("SKIP " + id + ": iterator (next/prev) cases are not implemented");
            continue;
        }
        try {
            if (!c.is_object()) throw CaseError{"case is not an object"};
            run_case(c.as_object(), secure);
            lines.push_back("PASS " + id);
        } catch (const CaseError& e) {
            lines.push_back("FAIL " + id + ": " + e.reason);
        } catch (const std::exception& e) {  // a malformed case (Boost.JSON type errors)
            lines.push_back("FAIL " + id + ": " + e.what());
        }
    }
    return lines;
}

}  // namespace kitsunet::conformance
