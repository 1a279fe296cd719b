// check() finds what a partial write or a damaged disk leaves behind, and reads refuse it: the
// crash test relies on both. The damage is done with RocksDB directly, the store closed.
#include <gtest/gtest.h>

#include <rocksdb/db.h>

#include <functional>
#include <map>

#include "kitsunet/core/keccak.hpp"
#include "kitsunet/store/format.hpp"
#include "kitsunet/store/store.hpp"
#include "kitsunet/store/store_test_support.hpp"
#include "kitsunet/store/test_chain.hpp"

namespace kitsunet::store {
namespace {

// Opens the store's RocksDB with every column family, runs `damage`, closes it.
void with_raw_db(
    const std::filesystem::path& dir,
    const std::function<void(rocksdb::DB&, std::map<std::string, rocksdb::ColumnFamilyHandle*>&)>& damage) {
    std::vector<std::string> names;
    ASSERT_TRUE(rocksdb::DB::ListColumnFamilies({}, dir.string(), &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
    for (const auto& n : names) families.emplace_back(n, rocksdb::ColumnFamilyOptions{});
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* db = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open({}, dir.string(), families, &handles, &db).ok());
    std::map<std::string, rocksdb::ColumnFamilyHandle*> by_name;
    for (std::size_t i = 0; i < names.size(); ++i) by_name[names[i]] = handles[i];
    damage(*db, by_name);
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
    delete db;
}

rocksdb::Slice key_of(ByteView b) { return {reinterpret_cast<const char*>(b.data()), b.size()}; }

struct Damaged : ::testing::Test {
    test::ScratchDir dir;
    std::vector<slice::Slice> slices;

    void SetUp() override {
        const test::SyntheticChain chain({.accounts = 200, .code_every = 20, .seed = 2});
        slices = test::SyntheticChain::slices_of(chain.state_at(1), 1);
        auto store = test::open_or_fail(dir.path());
        for (const auto& s : slices) ASSERT_TRUE(store->put_slice(s, 1));
        ASSERT_TRUE(test::consistent(*store));
    }

    // The problems check() reports after the damage.
    std::vector<std::string> problems() {
        auto store = test::open_or_fail(dir.path());
        return store->check().value().problems;
    }
};

TEST_F(Damaged, AMissingNodeIsFoundAndTheSliceRefused) {
    const Hash victim = keccak256(slices[3].nodes.front());
    with_raw_db(dir.path(),
                [&](rocksdb::DB& db, auto& cf) { db.Delete({}, cf.at("nodes"), key_of(victim)); });
    EXPECT_FALSE(problems().empty());
    auto store = test::open_or_fail(dir.path());
    const auto got = store->get_slice(slices[3].id);
    ASSERT_FALSE(got);
    EXPECT_EQ(got.error().code, StoreErrc::kCorrupt);
    EXPECT_TRUE(store->get_slice(slices[4].id).value());  // the others still read
}

TEST_F(Damaged, AChangedNodeFailsItsHash) {
    const Bytes& node = slices[5].nodes.back();
    Bytes changed = node;
    changed.back() ^= 1;
    with_raw_db(dir.path(), [&](rocksdb::DB& db, auto& cf) {
        db.Put({}, cf.at("nodes"), key_of(keccak256(node)), key_of(changed));
    });
    const auto found = problems();
    ASSERT_FALSE(found.empty());
    EXPECT_NE(found[0].find("does not hash to its key"), std::string::npos) << found[0];
    auto store = test::open_or_fail(dir.path());
    EXPECT_EQ(store->get_verified_slice(slices[5].id).error().code, StoreErrc::kCorrupt);
}

TEST_F(Damaged, ARecordWithoutItsCountsIsFound) {
    // As if a slice's record had been written without the rest of its batch.
    with_raw_db(dir.path(), [&](rocksdb::DB& db, auto& cf) {
        const auto key = format::slice_key(slices[2].id);
        std::string record;
        ASSERT_TRUE(db.Get({}, cf.at("slices"), key_of(key), &record).ok());
        auto id = slices[2].id;
        id.prefix = {2, 2};  // a second record naming the same nodes, counted nowhere
        db.Put({}, cf.at("slices"), key_of(format::slice_key(id)), record);
    });
    EXPECT_FALSE(problems().empty());
}

TEST_F(Damaged, WrongTotalsAreFound) {
    with_raw_db(dir.path(), [&](rocksdb::DB& db, auto& cf) {
        db.Put({}, cf.at("default"), "counters", key_of(format::encode_counters({1, 2, 3, 4, 5})));
    });
    const auto found = problems();
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NE(found[0].find("the totals say usage 1"), std::string::npos) << found[0];
}

TEST_F(Damaged, AnotherFormatIsRefusedAtOpen) {
    with_raw_db(dir.path(), [&](rocksdb::DB& db, auto& cf) {
        db.Put({}, cf.at("default"), "format", "kitsunet-store/0");
    });
    const auto store = Store::open(dir.path());
    ASSERT_FALSE(store);
    EXPECT_EQ(store.error().code, StoreErrc::kIncompatible);
    EXPECT_NE(store.error().message.find("kitsunet-store/0"), std::string::npos) << store.error().message;
}

}  // namespace
}  // namespace kitsunet::store
