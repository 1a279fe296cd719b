#include "kitsunet/app/state_input.hpp"

#include <CLI/CLI.hpp>

#include <boost/json/value.hpp>

#include <cstdio>

#include "kitsunet/app/commands.hpp"
#include "kitsunet/app/io.hpp"

namespace kitsunet::app {

void add_state_source_options(CLI::App& cmd, StateSource& source) {
    auto* group = cmd.add_option_group("state", "the state file (exactly one)");
    group->add_option("--alloc", source.alloc, "genesis alloc JSON ({address: balance | {balance, …}})");
    group->add_option("--dump", source.dump, "geth dump JSON ({root, accounts})");
    group->require_option(1);
}

ethjson::StateFile load_state(const StateSource& source) {
    const bool is_dump = !source.dump.empty();
    const std::string& path = is_dump ? source.dump : source.alloc;
    const auto json = read_json_input(path);
    try {
        auto file = is_dump ? ethjson::read_dump(json) : ethjson::read_alloc(json);
        for (const auto& w : file.warnings)
            std::fprintf(stderr, "kitsunet: warning: %s: %s\n", path.c_str(), w.c_str());
        return file;
    } catch (const ethjson::FormatError& e) {
        throw CommandError{1, path + ": " + e.what()};
    }
}

}  // namespace kitsunet::app
