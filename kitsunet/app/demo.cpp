// `kitsunet demo`: the core's demo until the network exists.
#include <CLI/CLI.hpp>

#include <cstdio>

#include "kitsunet/app/commands.hpp"
#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/keccak.hpp"

namespace kitsunet::app {

void add_demo_command(CLI::App& root) {
    auto* cmd = root.add_subcommand("demo", "Show the core at work on the mainnet genesis state");
    cmd->callback([] { std::printf("keccak256(\"\") = %s\n", to_hex(keccak256({}), true).c_str()); });
}

}  // namespace kitsunet::app
