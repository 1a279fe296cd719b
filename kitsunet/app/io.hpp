#pragma once
/// File and JSON input for commands. Errors are thrown as CommandError (exit code 1) with a
/// one-line message naming the file, so every command reports bad input the same way.
#include <string>

#include <boost/json/fwd.hpp>

namespace kitsunet::app {

/// The whole content of `path`, or of standard input when `path` is "-".
std::string read_input(const std::string& path);

/// `path` parsed as JSON.
boost::json::value read_json_input(const std::string& path);

}  // namespace kitsunet::app
