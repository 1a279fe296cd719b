#pragma once
// The @ethereumjs/mpt anchor of the trie benchmark: runs bench/trie_mpt.mjs under node (test/js).
#include <filesystem>
#include <optional>

namespace kitsunet::bench {

struct MptFigures {
    double random_ms{0};       // `pairs` random 32 B keys / 70 B values: puts + root (CPU ms)
    double random_wall_ms{0};  // the same, wall-clock ms (for comparison with ANCHORS.md)
    double genesis_ms{0};      // mainnet genesis state root from the alloc (CPU ms)
    bool genesis_root_ok{false};
};

/// One run of the anchor, or nullopt (with a message on stderr) when node or test/js/node_modules
/// is missing or the script fails.
std::optional<MptFigures> run_mpt_anchor(const std::filesystem::path& source_dir, std::size_t pairs,
                                         const std::filesystem::path& genesis_alloc);

}  // namespace kitsunet::bench
