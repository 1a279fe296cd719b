#include "kitsunet/app/io.hpp"

#include <boost/json.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

#include "kitsunet/app/commands.hpp"

namespace kitsunet::app {

std::string read_input(const std::string& path) {
    std::ostringstream content;
    if (path == "-") {
        content << std::cin.rdbuf();
        return content.str();
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw CommandError{1, "cannot open " + path};
    content << in.rdbuf();
    if (in.bad()) throw CommandError{1, "cannot read " + path};
    return content.str();
}

boost::json::value read_json_input(const std::string& path) {
    boost::system::error_code ec;
    auto value = boost::json::parse(read_input(path), ec);
    if (ec) throw CommandError{1, path + ": malformed JSON: " + ec.message()};
    return value;
}

}  // namespace kitsunet::app
