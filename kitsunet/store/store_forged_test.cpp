// Forged slices and the store: a thousand random forgeries (slice/forgery.hpp: flipped bytes,
// removed, foreign and duplicated nodes, swapped stem nodes, depth overruns, false ids) of slices the
// store already holds are each refused with the verifier's reason, and nothing of them is written:
// the counts, the usage, the slices and the groups stay exactly as they were.
#include <gtest/gtest.h>

#include "kitsunet/core/slice/forgery.hpp"
#include "kitsunet/store/store.hpp"
#include "kitsunet/store/store_test_support.hpp"

namespace kitsunet::store {
namespace {

TEST(StoreForged, AThousandForgeriesAreRefusedAndNothingOfThemIsStored) {
    test::ScratchDir dir;
    auto store = test::open_or_fail(dir.path());
    ASSERT_TRUE(store);
    std::mt19937_64 rng(2027);
    slice::test::ForgeryPool pool = slice::test::make_pool(rng);
    for (const auto& honest : pool.slices) ASSERT_TRUE(store->put_slice(honest, 1));
    const Stats before = store->stats();
    const auto groups_before = store->latest_slices().value();
    ASSERT_GT(before.slices, 0u);

    std::map<std::string, int> causes;
    for (int i = 0; i < 1000; ++i) {
        const auto [mutation, forged] = slice::test::forge(pool, rng);
        // A forgery at a block above the honest slices': accepted, it would become its group's latest.
        const auto put = store->put_slice(forged, 2);
        ASSERT_FALSE(put) << mutation << ": " << forged.id.to_string() << " was stored";
        EXPECT_EQ(put.error().code, StoreErrc::kRefused) << mutation << ": " << put.error().message;
        ++causes[std::string(describe(put.error().cause))];
        ASSERT_TRUE(test::same_totals(store->stats(), before)) << mutation << " changed the store";
        const auto stored = store->get_slice(forged.id).value();
        if (stored) {
            EXPECT_NE(*stored, forged) << mutation;  // only the honest slice of that id
        }
    }
    EXPECT_GE(causes.size(), 5u) << "the forgeries were refused for too few reasons";
    const auto groups_after = store->latest_slices().value();
    EXPECT_EQ(groups_after.size(), groups_before.size());
    for (const auto& latest : groups_after) EXPECT_EQ(latest.number, 1u);
    EXPECT_TRUE(test::consistent(*store, /*verify=*/true));
}

}  // namespace
}  // namespace kitsunet::store
