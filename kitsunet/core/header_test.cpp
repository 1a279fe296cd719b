#include "kitsunet/core/header.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/rlp.hpp"
#include "kitsunet/testing/vectors.hpp"

namespace kitsunet {
namespace {

struct IndexEntry {
    std::string hash;
    std::size_t field_count;
    std::string state_root;
};

// mainnet/headers/index.txt: "number hash fieldCount stateRoot", '#' starts a comment line.
std::map<std::uint64_t, IndexEntry> read_index(const std::filesystem::path& dir) {
    std::istringstream in(testing::read_file(dir / "index.txt"));
    std::map<std::uint64_t, IndexEntry> index;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        std::uint64_t number = 0;
        IndexEntry e;
        fields >> number >> e.hash >> e.field_count >> e.state_root;
        index[number] = e;
    }
    return index;
}

Bytes read_header_rlp(const std::filesystem::path& dir, std::uint64_t number) {
    std::string text = testing::read_file(dir / (std::to_string(number) + ".rlp.hex"));
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    return from_hex(text).value();
}

Bytes encode(const BlockHeader& h) {
    Bytes out;
    rlp::encode(out, h);
    return out;
}

TEST(Header, EveryMainnetForkRoundTripsByteExactAndHashesToItsIndex) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    const auto dir = vectors / "mainnet/headers";
    const auto index = read_index(dir);
    ASSERT_EQ(index.size(), 12u);
    for (const auto& [number, expected] : index) {
        const Bytes raw = read_header_rlp(dir, number);
        const auto header = rlp::decode_block_header(raw);
        ASSERT_TRUE(header) << number << ": " << describe(header.error().code);
        EXPECT_EQ(header->number, number);
        EXPECT_EQ(header->field_count(), expected.field_count) << number;
        EXPECT_EQ(rlp::length(*header), raw.size()) << number;
        EXPECT_EQ(encode(*header), raw) << number;
        EXPECT_EQ(to_hex(block_hash(*header), true), expected.hash) << number;
        EXPECT_EQ(to_hex(header->state_root, true), expected.state_root) << number;
    }
}

TEST(Header, ForksFollowTheFieldCount) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    const auto dir = vectors / "mainnet/headers";
    const std::map<std::uint64_t, std::string_view> forks{{0, "frontier"},      {14151203, "london"},
                                                          {15537394, "london"}, {17034870, "shanghai"},
                                                          {19426587, "cancun"}, {22431084, "prague"}};
    for (const auto& [number, fork] : forks)
        EXPECT_EQ(fork_name(rlp::decode_block_header(read_header_rlp(dir, number))->fork()), fork) << number;
}

TEST(Header, ConsecutiveMainnetHeadersLinkByParentHash) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    const auto dir = vectors / "mainnet/headers";
    const auto header = [&](std::uint64_t n) {
        return rlp::decode_block_header(read_header_rlp(dir, n)).value();
    };
    for (std::uint64_t n = 1000002; n <= 1000005; ++n)
        EXPECT_EQ(header(n).parent_hash, block_hash(header(n - 1))) << n;
    const auto last_pow = header(15537393);
    const auto first_pos = header(15537394);
    EXPECT_EQ(first_pos.parent_hash, block_hash(last_pow));
    EXPECT_FALSE(last_pow.difficulty.is_zero());
    EXPECT_TRUE(first_pos.difficulty.is_zero());  // the merge: proof of stake has no difficulty
}

class HeaderErrors : public ::testing::Test {
  protected:
    void SetUp() override {
        BlockHeader h;
        h.number = 1;
        h.base_fee_per_gas = U256{7};
        const Bytes london = encode(h);
        ByteView in{london};
        const auto items = rlp::split_list(rlp::decode_list(in).value()).value();
        for (auto item : items) items_.emplace_back(item.begin(), item.end());
    }
    // A list of the London header's fields, with field `index` replaced by the raw RLP `field_hex`.
    Bytes with_field(std::size_t index, std::string_view field_hex) const {
        auto fields = items_;
        fields[index] = from_hex(field_hex).value();
        return list_of(fields);
    }
    static Bytes list_of(const std::vector<Bytes>& fields) {
        Bytes payload;
        for (const auto& f : fields) payload.insert(payload.end(), f.begin(), f.end());
        return rlp::wrap_list(payload);
    }
    std::vector<Bytes> items_;  // 16 encoded fields
};

TEST_F(HeaderErrors, NameTheFieldAtFault) {
    const auto leading_zero = rlp::decode_block_header(with_field(8, "820001")).error();  // number = 0x0001
    EXPECT_EQ(leading_zero.code, Errc::kLeadingZero);
    EXPECT_EQ(header_field_name(leading_zero.field), "number");
    const auto short_hash = rlp::decode_block_header(with_field(3, "8401020304")).error();
    EXPECT_EQ(short_hash.code, Errc::kWrongLength);
    EXPECT_EQ(header_field_name(short_hash.field), "stateRoot");
    const auto list_field = rlp::decode_block_header(with_field(12, "c0")).error();
    EXPECT_EQ(list_field.code, Errc::kUnexpectedList);
    EXPECT_EQ(header_field_name(list_field.field), "extraData");
    const auto wrapped_byte = rlp::decode_block_header(with_field(15, "8107")).error();
    EXPECT_EQ(wrapped_byte.code, Errc::kNonCanonicalSingleByte);
    EXPECT_EQ(header_field_name(wrapped_byte.field), "baseFeePerGas");
}

TEST_F(HeaderErrors, RefuseFieldCountsNoForkUses) {
    for (std::size_t count : {0u, 1u, 14u, 18u, 19u, 22u}) {
        std::vector<Bytes> fields = items_;
        fields.resize(count, Bytes{0x80});
        EXPECT_EQ(rlp::decode_block_header(list_of(fields)).error().code, Errc::kHeaderFieldCount) << count;
    }
}

TEST_F(HeaderErrors, RefuseTruncationAndTrailingBytes) {
    const Bytes london = list_of(items_);
    ASSERT_TRUE(rlp::decode_block_header(london));
    Bytes trailing = london;
    trailing.push_back(0);
    EXPECT_EQ(rlp::decode_block_header(trailing).error().code, Errc::kTrailingBytes);
    const Bytes truncated(london.begin(), london.end() - 1);
    EXPECT_EQ(rlp::decode_block_header(truncated).error().code, Errc::kInputTooShort);
    EXPECT_EQ(rlp::decode_block_header(from_hex("80").value()).error().code, Errc::kUnexpectedString);
}

TEST(Header, OptionalFieldsMustFormAFork) {
    BlockHeader h;
    EXPECT_TRUE(h.well_formed());
    h.withdrawals_root = Hash{};
    EXPECT_FALSE(h.well_formed());  // Shanghai without London's base fee
    h.base_fee_per_gas = U256{};
    EXPECT_TRUE(h.well_formed());
    h.blob_gas_used = 0;
    EXPECT_FALSE(h.well_formed());  // Cancun's three fields come together
    h.excess_blob_gas = 0;
    h.parent_beacon_block_root = Hash{};
    EXPECT_EQ(h.field_count(), 20u);
    h.requests_hash = Hash{};
    EXPECT_EQ(h.field_count(), 21u);
    EXPECT_EQ(rlp::decode_block_header(encode(h)).value(), h);
}

}  // namespace
}  // namespace kitsunet
