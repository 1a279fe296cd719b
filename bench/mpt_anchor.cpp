#include "bench/mpt_anchor.hpp"

#include <string>

#include <boost/json.hpp>

#include "bench/node_script.hpp"

namespace kitsunet::bench {

std::optional<MptFigures> run_mpt_anchor(const std::filesystem::path& source_dir, std::size_t pairs,
                                         const std::filesystem::path& genesis_alloc) {
    const auto out = run_node_script(source_dir, "trie", "trie_mpt.mjs",
                                     "1 " + std::to_string(pairs) + " '" + genesis_alloc.string() + "'");
    if (!out) return std::nullopt;
    const auto v = boost::json::parse(*out).as_object();
    return MptFigures{v.at("random_ms").to_number<double>(), v.at("random_wall_ms").to_number<double>(),
                      v.at("genesis_ms").to_number<double>(), v.at("genesis_root_ok").as_bool()};
}

}  // namespace kitsunet::bench
