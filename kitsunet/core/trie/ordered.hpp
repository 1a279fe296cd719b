#pragma once
/// Roots of ordered tries (transactions, receipts, withdrawals of a block): item i is stored under
/// the key RLP(i). Pure and thread-safe.
#include <span>

#include "kitsunet/core/bytes.hpp"

namespace kitsunet::trie {

/// The root of the trie mapping RLP(i) to `items[i]` (each item already encoded, e.g. a typed
/// transaction's envelope). kEmptyRoot for no items.
Hash ordered_root(std::span<const Bytes> items);
/// The same, for borrowed items.
Hash ordered_root(std::span<const ByteView> items);

}  // namespace kitsunet::trie
