#pragma once
/// Each command group registers its subcommands on the root CLI11 app.
/// A command's callback returns the process exit code through `ExitCode`.
namespace CLI {
class App;
}

namespace kitsunet::app {

/// Thrown by a command callback to end the process with a code after printing `what()` on stderr.
struct CommandError {
    int exit_code;
    const char* message;
};

void add_demo_command(CLI::App& root);
void add_conformance_command(CLI::App& root);

}  // namespace kitsunet::app
