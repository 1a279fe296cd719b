#include "bench/node_script.hpp"

#include <cstdio>

namespace kitsunet::bench {

std::optional<std::string> run_node_script(const std::filesystem::path& source_dir,
                                           const std::string& bench_name, const std::string& script,
                                           const std::string& args) {
    const auto js = source_dir / "test/js";
    if (!std::filesystem::is_directory(js / "node_modules")) {
        std::fprintf(stderr, "bench %s: %s/node_modules missing: (cd test/js && npm install)\n",
                     bench_name.c_str(), js.c_str());
        return std::nullopt;
    }
    const std::string cmd =
        "cd '" + js.string() + "' && node --import ./polyfill.mjs ../../bench/" + script + " " + args;
    FILE* pipe = popen(cmd.c_str(), "r");
    if (pipe == nullptr) return std::nullopt;
    std::string out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
    if (pclose(pipe) != 0) {
        std::fprintf(stderr, "bench %s: %s failed: %s\n", bench_name.c_str(), script.c_str(), out.c_str());
        return std::nullopt;
    }
    return out;
}

}  // namespace kitsunet::bench
