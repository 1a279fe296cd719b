#include "bench/mpt_anchor.hpp"

#include <cstdio>
#include <string>

#include <boost/json.hpp>

namespace kitsunet::bench {

std::optional<MptFigures> run_mpt_anchor(const std::filesystem::path& source_dir, std::size_t pairs,
                                         const std::filesystem::path& genesis_alloc) {
    const auto js = source_dir / "test/js";
    if (!std::filesystem::is_directory(js / "node_modules")) {
        std::fprintf(stderr, "bench trie: %s/node_modules missing: (cd test/js && npm install)\n",
                     js.c_str());
        return std::nullopt;
    }
    const std::string cmd = "cd '" + js.string() +
                            "' && node --import ./polyfill.mjs ../../bench/trie_mpt.mjs 1 " +
                            std::to_string(pairs) + " '" + genesis_alloc.string() + "'";
    FILE* pipe = popen(cmd.c_str(), "r");
    if (pipe == nullptr) return std::nullopt;
    std::string out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
    if (pclose(pipe) != 0) {
        std::fprintf(stderr, "bench trie: trie_mpt.mjs failed: %s\n", out.c_str());
        return std::nullopt;
    }
    const auto v = boost::json::parse(out).as_object();
    return MptFigures{v.at("random_ms").to_number<double>(), v.at("random_wall_ms").to_number<double>(),
                      v.at("genesis_ms").to_number<double>(), v.at("genesis_root_ok").as_bool()};
}

}  // namespace kitsunet::bench
