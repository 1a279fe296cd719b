// `kitsunet state-root (--alloc|--dump) FILE`: the state root of a state file.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>

#include "kitsunet/app/commands.hpp"
#include "kitsunet/app/state_input.hpp"
#include "kitsunet/core/hex.hpp"

namespace kitsunet::app {
namespace {

void print_state_root(const StateSource& source) {
    const auto file = load_state(source);
    const Hash root = state_root(ethjson::account_list(file));
    if (file.claimed_root && *file.claimed_root != root)
        std::fprintf(stderr, "kitsunet: warning: %s: file claims root %s, recomputed %s\n",
                     source.dump.c_str(), to_hex(*file.claimed_root, true).c_str(),
                     to_hex(root, true).c_str());
    std::printf("%s\n", to_hex(root, true).c_str());
}

}  // namespace

void add_state_root_command(CLI::App& root) {
    auto* cmd = root.add_subcommand("state-root", "Compute the state root of a genesis alloc or a geth dump");
    auto source = std::make_shared<StateSource>();
    add_state_source_options(*cmd, *source);
    cmd->callback([source] { print_state_root(*source); });
}

}  // namespace kitsunet::app
