#include "kitsunet/app/logging.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "kitsunet/app/commands.hpp"

namespace kitsunet::app {

void configure_logging(const std::string& level) {
    const auto parsed = spdlog::level::from_str(level);
    if (parsed == spdlog::level::off && level != "off")
        throw CommandError{2, "unknown log level '" + level + "' (trace, debug, info, warn, error, off)"};
    auto logger = spdlog::stderr_color_mt("kitsunet");
    spdlog::set_default_logger(logger);
    spdlog::set_level(parsed);
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
}

}  // namespace kitsunet::app
