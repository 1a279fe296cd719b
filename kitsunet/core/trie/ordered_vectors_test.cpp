// Ordered roots of real mainnet blocks (portal-spec-tests block data): the transactions and
// withdrawals roots computed from the bodies equal the roots in the headers. (Receipts are stored
// there without their blooms, so their root needs the bloom rebuilt: left to the receipts code.)
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/trie/ordered.hpp"
#include "kitsunet/testing/vectors.hpp"

namespace kitsunet::trie {
namespace {

// The `key: 0x…` lines of a block-data YAML file, as bytes (values read as strings, never numbers).
std::map<std::string, Bytes> read_block_data(const std::filesystem::path& file) {
    std::map<std::string, Bytes> out;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        const auto colon = line.find(": ");
        if (colon == std::string::npos) continue;
        auto value = from_hex(line.substr(colon + 2));
        if (value) out[line.substr(0, colon)] = *value;
    }
    return out;
}

// The raw encodings of the items of the list encoded by `rlp`.
std::vector<ByteView> list_items(ByteView rlp) {
    auto payload = rlp::decode_list(rlp);
    EXPECT_TRUE(payload);
    return payload ? rlp::split_list(*payload).value() : std::vector<ByteView>{};
}

// What the trie stores per item: a legacy item's whole RLP list, a typed item's envelope bytes.
std::vector<Bytes> trie_values(ByteView list_rlp) {
    std::vector<Bytes> out;
    for (ByteView raw : list_items(list_rlp)) {
        if (raw[0] >= 0xc0) {
            out.emplace_back(raw.begin(), raw.end());
        } else {
            const ByteView envelope = rlp::decode_string(raw).value();
            out.emplace_back(envelope.begin(), envelope.end());
        }
    }
    return out;
}

Hash header_hash_field(ByteView header, std::size_t index) {
    ByteView field = list_items(header).at(index);
    return rlp::decode_fixed<32>(field).value();
}

TEST(OrderedRootVectors, MainnetBlocksMatchTheirHeaders) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    std::size_t blocks = 0;
    std::size_t with_withdrawals = 0;
    for (const auto& entry : std::filesystem::directory_iterator(vectors / "portal-spec-tests/block_data")) {
        const auto data = read_block_data(entry.path());
        const Bytes& header = data.at("header");
        const auto body = list_items(data.at("body"));
        ASSERT_GE(body.size(), 2u) << entry.path();
        const auto txs = trie_values(body[0]);
        EXPECT_EQ(ordered_root(txs), header_hash_field(header, 4))
            << entry.path() << ": " << txs.size() << " txs";
        if (body.size() == 3) {  // Shanghai and later
            EXPECT_EQ(ordered_root(trie_values(body[2])), header_hash_field(header, 16)) << entry.path();
            ++with_withdrawals;
        }
        ++blocks;
    }
    EXPECT_GE(blocks, 2u);
    EXPECT_GE(with_withdrawals, 1u);
}

}  // namespace
}  // namespace kitsunet::trie
