// Differential fuzzing of the trie's in-memory structure: the input is a program of puts, updates
// and erases on short keys (so that keys share prefixes and are prefixes of one another), run on a
// Trie and on a std::map. The Trie must hold the map's values, and its root (checked midway too,
// so that a stale cached reference would show) must be HashBuilder's root over the map.
#include <cstddef>
#include <cstdint>
#include <map>

#include "kitsunet/core/assert.hpp"
#include "kitsunet/core/trie/hash_builder.hpp"
#include "kitsunet/core/trie/trie.hpp"

using namespace kitsunet;

namespace {

/// Bytewise key order (what HashBuilder needs).
struct BytesLess {
    bool operator()(const Bytes& a, const Bytes& b) const {
        return std::ranges::lexicographical_compare(a, b);
    }
};
using Model = std::map<Bytes, Bytes, BytesLess>;

Hash builder_root(const Model& model) {
    trie::HashBuilder hb;
    for (const auto& [k, v] : model) hb.add(k, v);
    return hb.root();
}

void check(trie::Trie& t, const Model& model) {
    KITSUNET_ASSERT(t.size() == model.size());
    KITSUNET_ASSERT(t.root_hash() == builder_root(model));
}

}  // namespace

// Each operation: a byte (low 3 bits: key length; bit 3: erase; bits 4-7: value length / 8), the
// key bytes (their low 2 bits only: few distinct bytes), then for a put a byte whose value is
// repeated, plus the length's remainder taken from the next byte.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    ByteView in{data, size};
    trie::Trie t;
    Model model;
    for (std::size_t ops = 0; in.size() >= 3; ++ops) {
        const std::uint8_t op = in[0];
        const std::size_t key_size = std::min<std::size_t>(op & 7, in.size() - 3);
        Bytes key(in.begin() + 1, in.begin() + 1 + static_cast<std::ptrdiff_t>(key_size));
        for (auto& b : key) b &= 3;
        const std::uint8_t fill = in[1 + key_size];
        const std::size_t value_size = (op >> 4) * 8u + in[2 + key_size] % 8u;
        in = in.subspan(3 + key_size);
        if ((op & 8) != 0) {
            t.erase(key);
            model.erase(key);
        } else {
            const Bytes value(value_size, fill);
            t.put(key, value);  // an empty value erases
            if (value.empty())
                model.erase(key);
            else
                model[key] = value;
        }
        if (ops % 8 == 7) check(t, model);
    }
    check(t, model);
    for (const auto& [k, v] : model) KITSUNET_ASSERT(t.get(k) == v);
    return 0;
}
