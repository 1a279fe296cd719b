#pragma once
/// Loading a state file for the state commands: `--alloc FILE` (genesis alloc) or `--dump FILE`
/// (geth dump). Warnings (the file's claims that disagree with what was recomputed) go to stderr;
/// bad content throws CommandError naming the file and the entry.
#include <string>

#include "kitsunet/ethjson/state_file.hpp"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace kitsunet::app {

/// The paths given to a command's --alloc / --dump options (exactly one is set once parsed).
struct StateSource {
    std::string alloc;
    std::string dump;
};

/// Adds the mutually exclusive, required --alloc and --dump options to `cmd`.
void add_state_source_options(CLI::App& cmd, StateSource& source);

/// Reads the file named by `source`.
ethjson::StateFile load_state(const StateSource& source);

}  // namespace kitsunet::app
