#pragma once
/// KITSUNET_ASSERT checks an invariant in every build type (release included): a broken invariant
/// is a bug, and continuing would risk a silently wrong answer.
#include <cstdio>
#include <cstdlib>

#define KITSUNET_ASSERT(cond)                                                                            \
    do {                                                                                                 \
        if (!(cond)) [[unlikely]] {                                                                      \
            std::fprintf(stderr, "kitsunet: invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
            std::abort();                                                                                \
        }                                                                                                \
    } while (false)
