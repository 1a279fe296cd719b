#include "kitsunet/conformance/json_file.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <boost/json/parse.hpp>

#include "kitsunet/core/hex.hpp"

namespace kitsunet::conformance {

boost::json::object read_json_object(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(text.str(), ec);
    if (ec || !v.is_object()) throw std::runtime_error(file.string() + ": not a JSON object");
    return std::move(v.as_object());
}

std::optional<Bytes> test_bytes(std::string_view text) {
    if (!text.starts_with("0x")) {
        const ByteView raw = as_bytes(text);
        return Bytes(raw.begin(), raw.end());
    }
    auto b = from_hex(text);
    if (!b) return std::nullopt;
    return *b;
}

}  // namespace kitsunet::conformance
