#pragma once
/// The original kitsunet's slices: the JSON its geth fork served for `eth_getSlice` (see
/// ../shared/vectors/kitsunet-js): `slice-id` "<prefix>-<depth>-<root>"; `trie-nodes` with `stem`,
/// `head` and `slice-nodes`, each {keccak(rlp) hex: rlp hex} in no particular order; `leaves`
/// {account key hex: {storage-root, evm-code}} for contract accounts. Read into a core Slice (the
/// stem put in path order, the code carried by code hash); the leaves' claims are kept to be
/// checked against the verified accounts. Errors throw FormatError. Thread-safe.
#include <vector>

#include <boost/json/fwd.hpp>

#include "kitsunet/core/slice/verify.hpp"
#include "kitsunet/ethjson/fields.hpp"

namespace kitsunet::ethjson {

/// What the `leaves` of an eth_getSlice response say of one account.
struct LeafClaim {
    Hash key;  ///< keccak256(address)
    Hash storage_root;
    Hash code_hash;  ///< of `evm-code`
};

struct KitsunetSlice {
    slice::Slice slice;
    std::vector<LeafClaim> claims;
};

/// Whether `json` looks like an eth_getSlice response (the JSON-RPC envelope or its result).
bool is_kitsunet_slice(const boost::json::value& json);

/// Reads an eth_getSlice response. Every node must hash to the key it is listed under. Throws
/// FormatError for missing or malformed members, a node under a wrong key, or a stem that does not
/// lead from the root along the prefix.
KitsunetSlice read_kitsunet_slice(const boost::json::value& json);

/// Checks every claim against the account at its key in `verified` (present, with that storage
/// root and code hash). Throws FormatError naming the first claim that does not hold.
void check_leaf_claims(const slice::VerifiedSlice& verified, const std::vector<LeafClaim>& claims);

}  // namespace kitsunet::ethjson
