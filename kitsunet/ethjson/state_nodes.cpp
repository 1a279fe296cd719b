#include "kitsunet/ethjson/state_nodes.hpp"

#include <algorithm>

#include "kitsunet/core/assert.hpp"
#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/rlp.hpp"

namespace kitsunet::ethjson {
namespace {

using KeyedValues = std::vector<std::pair<Hash, Bytes>>;

Hash add_sorted(KeyedValues& entries, slice::NodeMap& nodes) {
    std::ranges::sort(entries, {}, &KeyedValues::value_type::first);
    return slice::add_trie(nodes, entries);
}

Hash add_storage(const std::vector<StorageEntry>& storage, slice::NodeMap& nodes) {
    KeyedValues entries;
    for (const auto& [slot, value] : storage)
        if (!value.is_zero())
            entries.emplace_back(keccak256(slot.to_bytes32()), rlp::encode_string(value.to_big_endian()));
    return add_sorted(entries, nodes);
}

}  // namespace

Hash add_state_nodes(const StateFile& file, slice::NodeMap& nodes) {
    KeyedValues accounts;
    accounts.reserve(file.accounts.size());
    for (const auto& a : file.accounts) {
        // read_alloc/read_dump computed the storage root the same way: the tries must agree.
        KITSUNET_ASSERT(add_storage(a.storage, nodes) == a.account.storage_root);
        nodes.put_code(a.code);
        Bytes value;
        rlp::encode(value, a.account);
        accounts.emplace_back(keccak256(a.address), std::move(value));
    }
    return add_sorted(accounts, nodes);
}

}  // namespace kitsunet::ethjson
