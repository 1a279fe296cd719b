#pragma once
/// Internal to core/slice: gathering a slice's content below its head, shared by cut() (from a
/// NodeSource) and apply() (from a delta and the old slice), so both list nodes in the same
/// order: depth first, children in nibble order, each node once.
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "kitsunet/core/account.hpp"
#include "kitsunet/core/slice/node_source.hpp"
#include "kitsunet/core/slice/walk.hpp"

namespace kitsunet::slice::detail {

/// The nodes below a head and the code hashes of its accounts.
struct Subtree {
    std::vector<Bytes> nodes;
    std::vector<Hash> code_hashes;  ///< distinct, in order of first appearance
};

/// Collects the subtree below `head` (which starts at `head_path`) down to `depth` levels.
/// `lookup(const Hash&) -> Result<Bytes>` gives a node by hash. `with_code_hashes`: read account
/// leaves for their code hashes (state slices). Errors: lookup's, expand()'s.
template <class Lookup>
class SubtreeCollector {
  public:
    SubtreeCollector(Lookup& lookup, std::size_t depth, bool with_code_hashes)
        : lookup_(lookup), depth_(depth), with_code_hashes_(with_code_hashes) {}

    Result<Subtree> collect(ByteView head, ByteView head_path) {
        trie::Nibbles path(head_path.begin(), head_path.end());
        path.reserve(kKeyNibbles + 1);
        if (auto ok = visit(head, path, 0); !ok) return std::unexpected(ok.error());
        return std::move(out_);
    }

  private:
    Status visit(ByteView rlp, trie::Nibbles& path, std::size_t level) {
        return expand(
            rlp, path, [&](const trie::Nibbles&, ByteView value) { return leaf(value); },
            [&](const Hash& hash, trie::Nibbles& child_path) { return child(hash, child_path, level + 1); });
    }

    Status leaf(ByteView value) {
        if (!with_code_hashes_) return {};
        const auto account = rlp::decode_account(value);
        if (account && account->code_hash != kEmptyCodeHash && codes_seen_.insert(account->code_hash).second)
            out_.code_hashes.push_back(account->code_hash);
        return {};
    }

    Status child(const Hash& hash, trie::Nibbles& path, std::size_t level) {
        if (level > depth_) return {};
        const auto [seen, fresh] = levels_.try_emplace(hash, level);
        if (!fresh && seen->second <= level) return {};  // already expanded at least this high up
        seen->second = level;
        auto rlp = lookup_(hash);
        if (!rlp) return std::unexpected(rlp.error());
        if (!fresh) return visit(*rlp, path, level);  // a shared node met higher up: reach deeper
        const std::size_t index = out_.nodes.size();
        out_.nodes.emplace_back();  // placeholder keeps depth-first order; filled after its children
        auto ok = visit(*rlp, path, level);
        out_.nodes[index] = std::move(*rlp);
        return ok;
    }

    Lookup& lookup_;
    std::size_t depth_;
    bool with_code_hashes_;
    Subtree out_;
    std::unordered_map<Hash, std::size_t, HashHasher> levels_;
    std::unordered_set<Hash, HashHasher> codes_seen_;
};

}  // namespace kitsunet::slice::detail
