// `kitsunet sim distribution` as a user runs it: its figures, determinism, and bad parameters.
#include <gtest/gtest.h>

#include "kitsunet/app/cli_test_support.hpp"

namespace {

using namespace kitsunet::testing::cli;
using kitsunet::testing::cli::kitsunet;  // hides namespace kitsunet for unqualified calls

TEST(SimCli, DistributionPrintsLoadAndMovement) {
    const auto r = kitsunet("sim distribution --peers 200 --replicas 3 --prefix-len 3 --seed 5");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(
        r.out.find("200 peers, 3 replicas, 256 virtual keys per peer, 4096 slices (prefix length 3), seed 5"),
        std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("mean 61.4"), std::string::npos) << r.out;  // 4096 × 3 / 200
    EXPECT_NE(r.out.find("join of 2 peers (1%)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("leave of 2 peers (1%)"), std::string::npos) << r.out;
    // Deterministic for a seed.
    EXPECT_EQ(kitsunet("sim distribution --peers 200 --replicas 3 --prefix-len 3 --seed 5").out, r.out);
}

TEST(SimCli, DistributionRefusesBadParameters) {
    EXPECT_EQ(kitsunet("sim distribution --replicas 4").exit_code, 2);
    EXPECT_EQ(kitsunet("sim distribution --peers 0 --replicas 4").exit_code, 2);
    EXPECT_EQ(kitsunet("sim distribution --peers 10 --replicas 4 --prefix-len 7").exit_code, 2);
    EXPECT_EQ(kitsunet("sim distribution --peers ten --replicas 4").exit_code, 2);
    expect_clean_error(kitsunet("sim distribution --peers 1000000 --replicas 4 --virtual-nodes 4096"),
                       "would need gigabytes");
}

}  // namespace
