#include "kitsunet/core/block.hpp"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/trie/node.hpp"
#include "kitsunet/core/trie/trie.hpp"
#include "kitsunet/testing/vectors.hpp"

namespace kitsunet {
namespace {

// The `key: 0x…` lines of a portal-spec-tests block_data YAML file, values kept as text.
std::map<std::string, Bytes> read_block_data(const std::filesystem::path& file) {
    std::istringstream in(testing::read_file(file));
    std::map<std::string, Bytes> fields;
    for (std::string line; std::getline(in, line);) {
        const auto colon = line.find(": ");
        if (colon == std::string::npos) continue;
        fields[line.substr(0, colon)] = from_hex(line.substr(colon + 2)).value();
    }
    return fields;
}

constexpr std::string_view kEmptyOmmersHash =
    "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347";

TEST(Block, MainnetGenesisBlockHashesAndHasEmptyBody) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    const auto json =
        testing::read_json(vectors / "ethereum-tests/BasicTests/genesishashestest.json").as_object();
    const Bytes rlp = from_hex(json.at("genesis_rlp_hex").as_string()).value();
    const auto block = rlp::decode_block(rlp).value();
    EXPECT_EQ(to_hex(block_hash(block.header)), json.at("genesis_hash").as_string());
    EXPECT_EQ(to_hex(block.header.state_root), json.at("genesis_state_root").as_string());
    EXPECT_EQ(transactions_root(block.body), trie::kEmptyRoot);
    EXPECT_EQ(to_hex(ommers_hash(block.body), true), kEmptyOmmersHash);
    EXPECT_FALSE(block.body.withdrawals);
}

TEST(Block, PortalBlockBodiesAndReceiptsMatchTheirHeaders) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    for (const char* number : {"15537394", "17034870"}) {
        const auto data = read_block_data(vectors / "portal-spec-tests/block_data" /
                                          ("block-data-" + std::string(number) + ".yaml"));
        const auto header = rlp::decode_block_header(data.at("header")).value();
        const auto body = rlp::decode_body(data.at("body")).value();
        const auto receipts = rlp::decode_receipts(data.at("receipts")).value();
        EXPECT_GT(body.transactions.size(), 10u) << number;
        EXPECT_EQ(receipts.size(), body.transactions.size()) << number;
        EXPECT_EQ(transactions_root(body), header.transactions_root) << number;
        EXPECT_EQ(receipts_root(receipts), header.receipts_root) << number;
        EXPECT_EQ(ommers_hash(body), header.ommers_hash) << number;
        EXPECT_EQ(body.withdrawals.has_value(), header.withdrawals_root.has_value()) << number;
        if (header.withdrawals_root) {
            EXPECT_EQ(withdrawals_root(body), *header.withdrawals_root) << number;
        }
    }
}

TEST(Block, KitsunetJsBlockHeaderHashAndItsNinetyThreeTransactions) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    const auto json = testing::read_json(vectors / "kitsunet-js/block-0x7153f9.json").as_object();
    const auto& rpc = json.at("block").as_object();
    const auto block = rlp::decode_block(from_hex(json.at("rlp").as_string()).value()).value();
    EXPECT_EQ(to_hex(block_hash(block.header), true), rpc.at("hash").as_string());
    EXPECT_EQ(block.header.number, 0x7153f9u);
    EXPECT_EQ(block.body.transactions.size(), rpc.at("transactions").as_array().size());
    EXPECT_EQ(block.body.transactions.size(), 93u);
    EXPECT_EQ(to_hex(block.header.transactions_root, true), rpc.at("transactionsRoot").as_string());
    // The fixture's transactions are placeholders (legacy lists of nine empty fields), so their
    // root is not the header's; the streaming root must still equal the plain trie's.
    trie::Trie reference;
    for (std::uint64_t i = 0; i < block.body.transactions.size(); ++i) {
        Bytes key;
        rlp::encode(key, i);
        reference.put(key, block.body.transactions[i]);
    }
    EXPECT_EQ(transactions_root(block.body), reference.root_hash());
    EXPECT_NE(transactions_root(block.body), block.header.transactions_root);
}

// A minimal London block around `txs` (RLP list payload of the transaction items).
Bytes london_block(std::string_view txs_payload_hex, std::string_view extra_hex = "") {
    BlockHeader h;
    h.base_fee_per_gas = U256{};
    Bytes payload;
    rlp::encode(payload, h);
    const Bytes txs = rlp::wrap_list(from_hex(txs_payload_hex).value());
    payload.insert(payload.end(), txs.begin(), txs.end());
    payload.push_back(0xc0);  // no ommers
    const Bytes extra = from_hex(extra_hex).value();
    payload.insert(payload.end(), extra.begin(), extra.end());
    return rlp::wrap_list(payload);
}

TEST(Block, TypedTransactionsAreTheirEnvelopesAndLegacyTheirList) {
    const auto block = rlp::decode_block(london_block("c180"
                                                      "83"
                                                      "02c180"))
                           .value();
    ASSERT_EQ(block.body.transactions.size(), 2u);
    EXPECT_EQ(to_hex(block.body.transactions[0]), "c180");    // legacy: the list itself
    EXPECT_EQ(to_hex(block.body.transactions[1]), "02c180");  // typed: the envelope
}

TEST(Block, RefusesMalformedBodies) {
    const auto error = [](const Bytes& rlp) { return rlp::decode_block(rlp).error(); };
    EXPECT_EQ(error(london_block("83"
                                 "80c180"))
                  .part,
              "transactions");  // type byte >= 0x80
    EXPECT_EQ(error(london_block("83"
                                 "02c180"
                                 "82"
                                 "0280"))
                  .index,
              1u);                                                 // envelope without a list
    EXPECT_EQ(error(london_block("", "c0")).part, "withdrawals");  // withdrawals before Shanghai
    EXPECT_EQ(error(london_block("", "c0c0")).code, Errc::kListLengthMismatch);
    Bytes trailing = london_block("");
    trailing.push_back(0);
    EXPECT_EQ(error(trailing).code, Errc::kTrailingBytes);
    const auto header_error = error(rlp::wrap_list(from_hex("c0c0c0").value()));
    EXPECT_EQ(header_error.part, "header");
    EXPECT_EQ(header_error.code, Errc::kHeaderFieldCount);
}

}  // namespace
}  // namespace kitsunet
