// `kitsunet conformance rlp|blockchain|trie FILE...`: the ethereum/tests runners.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <map>

#include <boost/json/value.hpp>

#include "kitsunet/app/commands.hpp"
#include "kitsunet/app/io.hpp"
#include "kitsunet/conformance/blockchain_tests.hpp"
#include "kitsunet/conformance/rlp_tests.hpp"

namespace kitsunet::app {
namespace {

const std::map<std::string, conformance::Runner>& runners() {
    static const std::map<std::string, conformance::Runner> kRunners{
        {"blockchain", &conformance::run_blockchain_tests},
        {"rlp", &conformance::run_rlp_tests},
    };
    return kRunners;
}

void run_suite(const std::string& suite, const std::vector<std::string>& files) {
    const auto runner = runners().at(suite);
    std::size_t passed = 0;
    std::size_t failed = 0;
    for (const auto& file : files) {
        const auto results = runner(read_json_input(file));
        const std::size_t file_failed = conformance::print_results(results, stdout);
        failed += file_failed;
        passed += results.size() - file_failed;
    }
    std::printf("%s\n", conformance::summary(passed, failed).c_str());
    std::fflush(stdout);
    if (failed != 0) throw CommandError{1, {}};
}

}  // namespace

void add_conformance_command(CLI::App& root) {
    auto* cmd = root.add_subcommand("conformance", "Run ethereum/tests JSON suites: one line per case");
    cmd->require_subcommand(1);
    for (const auto& [name, runner] : runners()) {
        auto* suite = cmd->add_subcommand(name, "Run " + name + " test files");
        auto files = std::make_shared<std::vector<std::string>>();
        suite->add_option("files", *files, "test files (JSON)")->required();
        suite->callback([name, files] { run_suite(name, *files); });
    }
}

}  // namespace kitsunet::app
