// apply() on outside bytes. A fixed old slice (a storage trie with embedded nodes, built here) and
// a new state derived from it. First byte even: the rest is a delta in the wire form, applied to
// the old slice; never a crash. First byte odd: the input changes values of the new state, the
// honest delta is mutated as the input says; whatever apply() accepts must be exactly the honest
// new slice (a verified slice of a root, prefix and depth is unique).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <random>

#include "fuzz/reader.hpp"
#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/slice/cut.hpp"
#include "kitsunet/core/slice/delta.hpp"

using namespace kitsunet;

namespace {

using fuzz::Reader;

using Entries = std::map<Hash, Bytes>;

Bytes small_value(std::uint64_t v) {
    Bytes out;
    rlp::encode(out, U256{v});
    return out;
}

// Keys sharing long paths (so that leaves and small branches are embedded), small values.
Entries old_entries() {
    std::mt19937_64 rng(2026);
    Hash base;
    for (auto& b : base.bytes) b = static_cast<std::uint8_t>(rng());
    Entries out;
    while (out.size() < 64) {
        Hash key = base;
        if (rng() % 4 == 0) key.bytes[0] = static_cast<std::uint8_t>(rng());
        key.bytes[30] = static_cast<std::uint8_t>(rng() % 3);
        key.bytes[31] = static_cast<std::uint8_t>(rng() % 3 << 4 | rng() % 3);
        out[key] = small_value(1 + rng() % 100);
    }
    return out;
}

slice::Slice cut_entries(const Entries& entries) {
    slice::NodeMap nodes;
    const std::vector<std::pair<Hash, Bytes>> sorted(entries.begin(), entries.end());
    slice::SliceId id;
    id.root = slice::add_trie(nodes, sorted);
    id.storage_owner = Hash{};
    return slice::cut(nodes, id).value();
}

const Entries& old_state() {
    static const Entries entries = old_entries();
    return entries;
}

const slice::VerifiedSlice& old_slice() {
    static const slice::VerifiedSlice verified = slice::verify(cut_entries(old_state())).value();
    return verified;
}

void mutate(slice::SliceDelta& delta, Reader& in) {
    while (!in.rest.empty()) {
        const std::uint8_t op = in.byte();
        auto& list = op % 2 == 0 ? delta.nodes : delta.stem;
        if (op % 8 == 7 && !delta.head.empty()) delta.head[in.byte() % delta.head.size()] ^= in.byte() | 1;
        if (list.empty()) continue;
        Bytes& node = list[in.byte() % list.size()];
        if (op % 8 < 2) node[in.byte() % node.size()] ^= static_cast<std::uint8_t>(in.byte() | 1);
        if (op % 8 == 2 || op % 8 == 3)
            list.erase(list.begin() + static_cast<std::ptrdiff_t>(in.byte() % list.size()));
        if (op % 8 == 4)
            list.push_back(old_slice().slice().nodes[in.byte() % old_slice().slice().nodes.size()]);
        if (op % 8 == 5) std::swap(node, list[in.byte() % list.size()]);
    }
}

void honest_then_mutated(Reader& in) {
    Entries changed = old_state();
    for (std::size_t n = in.byte() % 8; n > 0 && !changed.empty(); --n) {
        auto it = std::next(changed.begin(), in.byte() % changed.size());
        const std::uint8_t v = in.byte();
        if (v == 0)
            changed.erase(it);
        else
            it->second = small_value(v);
    }
    const auto new_slice = slice::verify(cut_entries(changed)).value();
    auto delta = slice::diff(old_slice(), new_slice).value();
    mutate(delta, in);
    const auto applied = slice::apply(old_slice(), delta);
    if (applied && applied->slice() != new_slice.slice()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Reader in{{data, size}};
    if (in.byte() % 2 == 1) {
        honest_then_mutated(in);
        return 0;
    }
    if (auto delta = rlp::decode_slice_delta(in.rest)) (void)slice::apply(old_slice(), *delta);
    return 0;
}
