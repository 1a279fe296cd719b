// kitsunet_core.wasm exports over the Merkle Patricia trie: proofs. Conventions in abi.hpp.
#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/trie/proof.hpp"
#include "wasm/abi.hpp"

namespace kitsunet::wasm {

Result<std::vector<Bytes>> decode_proof(ByteView rlp_list) {
    auto payload = rlp::decode_list(rlp_list);
    if (!payload) return std::unexpected(payload.error());
    if (auto ok = rlp::ensure_consumed(rlp_list); !ok) return std::unexpected(ok.error());
    std::vector<Bytes> nodes;
    while (!payload->empty()) {
        auto node = rlp::decode_string(*payload);
        if (!node) return std::unexpected(node.error());
        nodes.emplace_back(node->begin(), node->end());
    }
    return nodes;
}

}  // namespace kitsunet::wasm

using namespace kitsunet;

/// Verifies a Merkle proof of `key` (the raw trie key: hash it first for the state and storage
/// tries) against `root32`. Returns 1 when the proof shows the key present (its value goes into
/// the result buffer), 0 when it shows the key absent, or an error status (kBadProof,
/// kMissingNode, kInvalidNode, kInvalidHexPrefix, RLP errors of the proof carrier).
KITSUNET_EXPORT(kitsunet_verify_proof)
std::int32_t kitsunet_verify_proof(const std::uint8_t* root32, const std::uint8_t* key, std::size_t key_size,
                                   const std::uint8_t* proof, std::size_t proof_size) {
    wasm::set_result(ByteView{});
    auto nodes = wasm::decode_proof(wasm::input(proof, proof_size));
    if (!nodes) return wasm::error_status(nodes.error());
    auto value = trie::verify_proof(Hash::from(wasm::input(root32, 32)), wasm::input(key, key_size), *nodes);
    if (!value) return wasm::error_status(value.error());
    if (!value->has_value()) return 0;
    wasm::set_result(**value);
    return 1;
}
