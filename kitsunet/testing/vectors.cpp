#include "kitsunet/testing/vectors.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <boost/json/parse.hpp>

namespace kitsunet::testing {

std::optional<std::filesystem::path> vectors_dir() {
    const char* env = std::getenv("KITSUNET_VECTORS_DIR");
    std::filesystem::path dir = env != nullptr ? env : KITSUNET_VECTORS_DIR;
    if (!std::filesystem::is_directory(dir)) return std::nullopt;
    return std::filesystem::canonical(dir);
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

boost::json::value read_json(const std::filesystem::path& path) {
    return boost::json::parse(read_file(path));
}

std::optional<std::filesystem::path> js_dir() {
    std::filesystem::path dir = KITSUNET_JS_DIR;
    if (!std::filesystem::is_directory(dir / "node_modules")) return std::nullopt;
    return dir;
}

}  // namespace kitsunet::testing
