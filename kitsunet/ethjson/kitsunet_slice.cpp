#include "kitsunet/ethjson/kitsunet_slice.hpp"

#include <boost/json.hpp>

#include <set>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/keccak.hpp"

namespace kitsunet::ethjson {
namespace {

namespace json = boost::json;

const json::value& result_of(const json::value& response) {
    const auto* result = find_member(response, "result", "eth_getSlice");
    return result != nullptr ? *result : response;
}

// The nodes of one `trie-nodes` group, each checked against the hash it is listed under.
std::vector<Bytes> read_nodes(const json::value& group, const std::string& what) {
    if (!group.is_object()) throw FormatError(what + ": expected a JSON object");
    std::vector<Bytes> nodes;
    for (const auto& [hash_text, rlp_text] : group.get_object()) {
        const std::string where = what + " " + std::string(hash_text.substr(0, 16));
        const Hash listed = read_hash(json::value(hash_text), where);
        Bytes rlp = read_bytes(rlp_text, where);
        if (keccak256(rlp) != listed) throw FormatError(where + "…: the node does not hash to its key");
        nodes.push_back(std::move(rlp));
    }
    return nodes;
}

// Codes and claims from `leaves`; a code shared by several accounts is carried once.
void read_leaves(const json::value& leaves, KitsunetSlice& out) {
    if (!leaves.is_object()) throw FormatError("leaves: expected a JSON object");
    std::set<Hash> carried;
    for (const auto& [key_text, leaf] : leaves.get_object()) {
        const std::string what = "leaves " + std::string(key_text.substr(0, 16)) + "…";
        const Bytes code = read_bytes(member(leaf, "evm-code", what), what + ": evm-code");
        const Hash hash = code_hash(code);
        out.claims.push_back({read_hash(json::value(key_text), what),
                              read_hash(member(leaf, "storage-root", what), what + ": storage-root"), hash});
        if (!code.empty() && carried.insert(hash).second) out.slice.codes.push_back(code);
    }
}

}  // namespace

bool is_kitsunet_slice(const json::value& json) {
    const auto& result = json.is_object() ? result_of(json) : json;
    return result.is_object() && result.get_object().contains("slice-id") &&
           result.get_object().contains("trie-nodes");
}

KitsunetSlice read_kitsunet_slice(const json::value& response) {
    const auto& result = result_of(response);
    const auto& id_text = member(result, "slice-id", "eth_getSlice");
    if (!id_text.is_string()) throw FormatError("slice-id: expected a string");
    auto id = slice::SliceId::parse(id_text.get_string());
    if (!id)
        throw FormatError("slice-id \"" + std::string(id_text.get_string()) +
                          "\": " + std::string(describe(id.error())));
    const auto& nodes = member(result, "trie-nodes", "eth_getSlice");
    KitsunetSlice out;
    out.slice.id = std::move(*id);
    const auto head = read_nodes(member(nodes, "head", "trie-nodes"), "trie-nodes head");
    if (head.size() > 1) throw FormatError("trie-nodes head: more than one node");
    if (!head.empty()) out.slice.head = head.front();
    auto stem = slice::order_stem(
        out.slice.id, read_nodes(member(nodes, "stem", "trie-nodes"), "trie-nodes stem"), out.slice.head);
    if (!stem) throw FormatError("trie-nodes stem: " + std::string(describe(stem.error())));
    out.slice.stem = std::move(*stem);
    out.slice.nodes = read_nodes(member(nodes, "slice-nodes", "trie-nodes"), "trie-nodes slice-nodes");
    if (const auto* leaves = find_member(result, "leaves", "eth_getSlice")) read_leaves(*leaves, out);
    return out;
}

void check_leaf_claims(const slice::VerifiedSlice& verified, const std::vector<LeafClaim>& claims) {
    for (const auto& claim : claims) {
        const std::string what = "leaves " + to_hex(claim.key).substr(0, 16) + "…";
        const auto account = verified.account(claim.key);
        if (!account) throw FormatError(what + ": " + std::string(describe(account.error())));
        if (!*account) throw FormatError(what + ": no such account in the slice");
        if ((*account)->storage_root != claim.storage_root)
            throw FormatError(what + ": storage-root differs from the account's " +
                              to_hex((*account)->storage_root));
        if ((*account)->code_hash != claim.code_hash)
            throw FormatError(what + ": evm-code does not hash to the account's code hash");
    }
}

}  // namespace kitsunet::ethjson
