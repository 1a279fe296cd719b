#include "kitsunet/core/trie/ordered.hpp"

#include <algorithm>

#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/trie/hash_builder.hpp"

namespace kitsunet::trie {
namespace {

// Keys RLP(i) in ascending byte order: 0x01..0x7f (i = 1..127), then 0x80 (i = 0), then
// 0x81xx, 0x82xxxx, ... (i >= 128, whose encodings sort like the numbers).
template <class Item>
Hash ordered_root_of(std::span<const Item> items) {
    HashBuilder builder;
    Bytes key;
    const auto add = [&](std::size_t i) {
        key.clear();
        rlp::encode(key, static_cast<std::uint64_t>(i));
        builder.add(key, items[i]);
    };
    const std::size_t n = items.size();
    for (std::size_t i = 1; i < std::min<std::size_t>(n, 0x80); ++i) add(i);
    if (n > 0) add(0);
    for (std::size_t i = 0x80; i < n; ++i) add(i);
    return builder.root();
}

}  // namespace

Hash ordered_root(std::span<const Bytes> items) { return ordered_root_of(items); }
Hash ordered_root(std::span<const ByteView> items) { return ordered_root_of(items); }

}  // namespace kitsunet::trie
