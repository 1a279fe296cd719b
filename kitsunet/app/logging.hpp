#pragma once
/// Logging for commands: spdlog to stderr (stdout is for a command's output).
#include <string>

namespace kitsunet::app {

/// Levels: trace, debug, info, warn, error, off. Throws CommandError (exit 2) for another name.
void configure_logging(const std::string& level);

}  // namespace kitsunet::app
