#pragma once
/// Each command group registers its subcommands on the root CLI11 app.
#include <string>

namespace CLI {
class App;
}

namespace kitsunet::app {

/// Thrown by a command callback to end the process with `exit_code`, after printing `message`
/// (when not empty) as one line on stderr. main() catches it.
struct CommandError {
    int exit_code;
    std::string message;
};

void add_demo_command(CLI::App& root);
void add_conformance_command(CLI::App& root);
void add_header_command(CLI::App& root);
void add_proof_command(CLI::App& root);
void add_state_root_command(CLI::App& root);
void add_sim_command(CLI::App& root);
void add_slice_command(CLI::App& root);
void add_keygen_command(CLI::App& root);
void add_id_command(CLI::App& root);
void add_node_command(CLI::App& root);
void add_ping_command(CLI::App& root);
void add_pubsub_command(CLI::App& root);

}  // namespace kitsunet::app
