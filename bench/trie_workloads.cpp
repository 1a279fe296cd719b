#include "bench/trie_workloads.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <boost/json.hpp>

#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/trie/node.hpp"

namespace kitsunet::bench {
namespace {

Bytes random_bytes(std::mt19937_64& rng, std::size_t n) {
    Bytes out(n);
    for (auto& b : out) b = static_cast<std::uint8_t>(rng());
    return out;
}

Bytes strip_leading_zeros(Bytes b) {
    const auto first = std::ranges::find_if(b, [](std::uint8_t x) { return x != 0; });
    b.erase(b.begin(), first);
    return b;
}

}  // namespace

Bytes account_rlp(std::uint64_t nonce, ByteView balance) {
    const std::size_t payload = rlp::length(nonce) + rlp::length(balance) + 2 * 33;
    Bytes out;
    out.reserve(rlp::length_of_header(payload) + payload);
    rlp::encode_header(out, {true, payload});
    rlp::encode(out, nonce);
    rlp::encode(out, balance);
    rlp::encode(out, trie::kEmptyRoot);
    rlp::encode(out, trie::kEmptyCodeHash);
    return out;
}

Pairs random_accounts(std::mt19937_64& rng, std::size_t n) {
    Pairs out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Hash key = keccak256(random_bytes(rng, 20));
        const Bytes balance = strip_leading_zeros(random_bytes(rng, 1 + rng() % 12));
        out.emplace_back(Bytes(key.bytes.begin(), key.bytes.end()), account_rlp(rng() % 1000, balance));
    }
    return out;
}

Pairs random_pairs(std::mt19937_64& rng, std::size_t n) {
    Pairs out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) out.emplace_back(random_bytes(rng, 32), random_bytes(rng, 70));
    return out;
}

std::vector<std::pair<std::string, std::string>> read_genesis_alloc(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot open " + file.string());
    std::stringstream text;
    text << in.rdbuf();
    std::vector<std::pair<std::string, std::string>> out;
    const boost::json::value alloc = boost::json::parse(text.str());
    for (const auto& [address, balance] : alloc.as_object())
        out.emplace_back(std::string(address), std::string(balance.as_string()));
    return out;
}

void sort_by_key(Pairs& pairs) {
    std::ranges::sort(pairs, [](const auto& a, const auto& b) {
        return std::ranges::lexicographical_compare(a.first, b.first);
    });
}

FlatPairs::FlatPairs(const Pairs& pairs) {
    std::size_t total = 0;
    for (const auto& [k, v] : pairs) total += k.size() + v.size();
    data_.reserve(total);
    offsets_.reserve(2 * pairs.size() + 1);
    for (const auto& [k, v] : pairs)
        for (const Bytes* item : {&k, &v}) {
            data_.insert(data_.end(), item->begin(), item->end());
            offsets_.push_back(data_.size());
        }
}

}  // namespace kitsunet::bench
