#include "kitsunet/store/test_chain.hpp"

#include <algorithm>
#include <random>

#include "kitsunet/core/account.hpp"
#include "kitsunet/core/assert.hpp"
#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/slice/cut.hpp"
#include "kitsunet/core/slice/verify.hpp"

namespace kitsunet::store::test {

SyntheticChain::SyntheticChain(ChainParams params) : params_(params), codes_(params.accounts) {
    std::mt19937_64 rng(params.seed);
    for (std::size_t i = 0; i < params.accounts; ++i) {
        Address address;
        for (auto& b : address.bytes) b = static_cast<std::uint8_t>(rng());
        entries_.push_back({keccak256(address), i});
        if (params.code_every != 0 && i % params.code_every == 0) {
            codes_[i].resize(64 + rng() % 512);
            for (auto& b : codes_[i]) b = static_cast<std::uint8_t>(rng());
        }
    }
    std::ranges::sort(entries_, {}, &Entry::key);
}

State SyntheticChain::state_at(std::uint64_t number) const {
    State state;
    std::vector<std::pair<Hash, Bytes>> values;
    values.reserve(entries_.size());
    for (const auto& [key, index] : entries_) {
        const std::uint64_t changes = number / (1 + index % 50);
        Account account;
        account.nonce = changes;
        account.balance = U256{1 + changes};
        if (!codes_[index].empty()) {
            account.code_hash = code_hash(codes_[index]);
            state.nodes.put_code(codes_[index]);
        }
        Bytes value;
        rlp::encode(value, account);
        values.emplace_back(key, std::move(value));
    }
    state.root = slice::add_trie(state.nodes, values);
    return state;
}

std::vector<slice::Slice> SyntheticChain::slices_of(const State& state, std::size_t prefix_length) {
    std::vector<slice::Slice> out;
    const std::size_t count = std::size_t{1} << (4 * prefix_length);
    for (std::size_t n = 0; n < count; ++n) {
        slice::SliceId id;
        id.root = state.root;
        for (std::size_t i = 0; i < prefix_length; ++i)
            id.prefix.push_back(static_cast<std::uint8_t>((n >> (4 * (prefix_length - 1 - i))) & 15));
        auto cut = slice::cut(state.nodes, id);
        KITSUNET_ASSERT(cut.has_value() && slice::verify(*cut).has_value());
        out.push_back(std::move(*cut));
    }
    return out;
}

}  // namespace kitsunet::store::test
