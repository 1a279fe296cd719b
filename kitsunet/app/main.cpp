// The kitsunet binary: subcommands over the modules below it (DESIGN §2: app is thin).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

#include "kitsunet/app/commands.hpp"

int main(int argc, char** argv) {
    CLI::App root{"kitsunet: the Ethereum state, in verifiable slices, over libp2p"};
    root.require_subcommand(1);
    root.set_help_all_flag("--help-all", "Print help for every subcommand");
    kitsunet::app::add_demo_command(root);
    kitsunet::app::add_conformance_command(root);
    kitsunet::app::add_header_command(root);
    kitsunet::app::add_proof_command(root);
    kitsunet::app::add_state_root_command(root);
    kitsunet::app::add_sim_command(root);
    kitsunet::app::add_slice_command(root);
    kitsunet::app::add_keygen_command(root);
    kitsunet::app::add_id_command(root);
    kitsunet::app::add_node_command(root);
    kitsunet::app::add_ping_command(root);
    kitsunet::app::add_pubsub_command(root);
    try {
        root.parse(argc, argv);
    } catch (const CLI::RuntimeError& e) {  // a command's own exit code (e.g. a failed conformance case)
        return e.get_exit_code();
    } catch (const CLI::ParseError& e) {
        // Usage errors exit with 2 whatever CLI11's own code for them (help and version: 0).
        return root.exit(e) == 0 ? 0 : 2;
    } catch (const kitsunet::app::CommandError& e) {
        if (!e.message.empty()) std::fprintf(stderr, "kitsunet: error: %s\n", e.message.c_str());
        return e.exit_code;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kitsunet: error: %s\n", e.what());
        return 1;
    }
    return 0;
}
