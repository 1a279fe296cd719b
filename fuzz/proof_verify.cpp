// verify_proof on outside bytes. First byte even: arbitrary root, key and proof nodes; it must
// not crash. First byte odd: a trie is built from the input, a key proven, the proof mutated as the
// input says; any answer verify_proof gives must be the truth (value present, or absent).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>

#include "fuzz/reader.hpp"
#include "kitsunet/core/trie/proof.hpp"
#include "kitsunet/core/trie/trie.hpp"

using namespace kitsunet;

namespace {

/// Consumes the fuzz input from the front.
using fuzz::Reader;

void arbitrary(Reader& in) {
    const Hash root = Hash::from(in.bytes(32));
    const Bytes key = in.bytes(in.byte() % 40);
    std::vector<Bytes> proof;
    while (!in.rest.empty())
        proof.push_back(in.bytes(std::size_t{in.byte()} << 8 | in.byte()));  // 2-byte lengths
    (void)trie::verify_proof(root, key, proof);
}

void mutate(std::vector<Bytes>& proof, Reader& in) {
    while (!in.rest.empty() && !proof.empty()) {
        const std::uint8_t op = in.byte();
        Bytes& node = proof[in.byte() % proof.size()];
        if (op % 4 == 0 && !node.empty())
            node[in.byte() % node.size()] ^= static_cast<std::uint8_t>(in.byte() | 1);
        if (op % 4 == 1) proof.erase(proof.begin() + static_cast<std::ptrdiff_t>(in.byte() % proof.size()));
        if (op % 4 == 2) proof.push_back(proof[in.byte() % proof.size()]);
        if (op % 4 == 3 && !node.empty()) node.resize(in.byte() % node.size());
    }
}

void mutated_honest_proof(Reader& in) {
    trie::Trie t;
    std::map<Bytes, Bytes> truth;
    for (std::size_t n = in.byte() % 32; n > 0; --n) {
        Bytes key = in.bytes(in.byte() % 6);
        Bytes value = in.bytes(1 + in.byte() % 40);
        t.put(key, value);
        if (value.empty())
            truth.erase(key);
        else
            truth[key] = value;
    }
    const Bytes key = in.bytes(in.byte() % 6);
    auto proof = trie::create_proof(t, key);
    mutate(proof, in);
    const auto got = trie::verify_proof(t.root_hash(), key, proof);
    if (!got) return;
    const auto it = truth.find(key);
    if (it == truth.end() ? got->has_value() : *got != it->second) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Reader in{{data, size}};
    if (in.byte() % 2 == 0)
        arbitrary(in);
    else
        mutated_honest_proof(in);
    return 0;
}
