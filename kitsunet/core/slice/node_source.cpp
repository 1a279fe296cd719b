#include "kitsunet/core/slice/node_source.hpp"

#include <cstring>

#include "kitsunet/core/assert.hpp"
#include "kitsunet/core/keccak.hpp"

namespace kitsunet::slice {

std::optional<Bytes> NodeSource::code(const Hash&) const { return std::nullopt; }

std::size_t HashHasher::operator()(const Hash& h) const noexcept {
    std::size_t v = 0;
    std::memcpy(&v, h.data(), sizeof v);
    return v;
}

Result<Bytes> NodeMap::node(const Hash& hash) const {
    const auto found = nodes_.find(hash);
    if (found == nodes_.end()) return std::unexpected(Errc::kMissingNode);
    return found->second;
}

std::optional<Bytes> NodeMap::code(const Hash& code_hash) const {
    const auto found = codes_.find(code_hash);
    if (found == codes_.end()) return std::nullopt;
    return found->second;
}

void NodeMap::put_node(ByteView rlp) { put_node(keccak256(rlp), rlp); }

void NodeMap::put_node(const Hash& hash, ByteView rlp) { nodes_.try_emplace(hash, rlp.begin(), rlp.end()); }

void NodeMap::put_code(ByteView code) {
    if (!code.empty()) codes_.try_emplace(keccak256(code), code.begin(), code.end());
}

trie::HashBuilder::NodeSink NodeMap::sink() {
    return [this](ByteView, const Hash& hash, ByteView rlp) { put_node(hash, rlp); };
}

Hash add_trie(NodeMap& map, std::span<const std::pair<Hash, Bytes>> entries) {
    trie::HashBuilder builder;
    builder.set_node_sink(map.sink());
    for (const auto& [key, value] : entries) builder.add(key, value);
    return builder.root();
}

}  // namespace kitsunet::slice
