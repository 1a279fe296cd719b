#pragma once
/// Test and benchmark support (never linked into the kitsunet binary): a deterministic chain of
/// state tries whose accounts change at different rates, so that consecutive roots share most of
/// their nodes as mainnet's do, and the slices cut from them.
///   account i: address from (seed, i); balance 1 + number / period(i), nonce number / period(i),
///   period(i) = 1 + i % 50 (some accounts change every block, some every 50); one account in
///   `code_every` is a contract with its own code.
/// Thread-safety: const calls may run concurrently.
#include <cstdint>
#include <vector>

#include "kitsunet/core/slice/node_source.hpp"
#include "kitsunet/core/slice/slice.hpp"

namespace kitsunet::store::test {

struct ChainParams {
    std::size_t accounts{2000};
    std::size_t code_every{40};
    std::uint64_t seed{1};
};

/// One block's state: every node of its trie and every code, and the root.
struct State {
    slice::NodeMap nodes;
    Hash root;
};

class SyntheticChain {
  public:
    explicit SyntheticChain(ChainParams params = {});

    State state_at(std::uint64_t number) const;

    /// The slices of `state` at every prefix of `prefix_length` nibbles (full depth, with codes),
    /// in prefix order. Aborts when one does not cut or verify (a bug of the cutter, not the data).
    static std::vector<slice::Slice> slices_of(const State& state, std::size_t prefix_length);

  private:
    struct Entry {
        Hash key;
        std::size_t index{0};
    };
    ChainParams params_;
    std::vector<Entry> entries_;  // sorted by key
    std::vector<Bytes> codes_;    // by account index; empty for plain accounts
};

}  // namespace kitsunet::store::test
