// `kitsunet conformance SUITE FILE...`: runs third-party vector files, one line per case, then a
// summary; exits 1 when any case fails.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "kitsunet/app/commands.hpp"
#include "kitsunet/app/io.hpp"
#include "kitsunet/conformance/blockchain_tests.hpp"
#include "kitsunet/conformance/case_result.hpp"
#include "kitsunet/conformance/hex_prefix_tests.hpp"
#include "kitsunet/conformance/rlp_tests.hpp"
#include "kitsunet/conformance/trie_tests.hpp"

namespace kitsunet::app {
namespace {

using Runner = std::function<std::vector<std::string>(const std::filesystem::path&)>;

// A JSON-suite runner as a Runner: malformed JSON is a CommandError naming the file.
Runner lines_of(conformance::CaseRunner runner) {
    return [runner](const std::filesystem::path& file) {
        return conformance::result_lines(runner(read_json_input(file.string())));
    };
}

int run_files(const Runner& runner, const std::vector<std::string>& files) {
    std::size_t passed = 0;
    std::size_t failed = 0;
    for (const auto& file : files) {
        for (const auto& line : runner(file)) {
            std::printf("%s\n", line.c_str());
            if (line.starts_with("PASS ")) ++passed;
            if (line.starts_with("FAIL ")) ++failed;
        }
    }
    std::printf("%zu passed, %zu failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}

void add_suite(CLI::App& parent, const std::string& name, const std::string& help, Runner runner) {
    auto* cmd = parent.add_subcommand(name, help);
    auto files = std::make_shared<std::vector<std::string>>();
    cmd->add_option("files", *files, "vector files")->required()->check(CLI::ExistingFile);
    cmd->callback([files, runner] {
        if (const int code = run_files(runner, *files); code != 0) throw CLI::RuntimeError(code);
    });
}

}  // namespace

void add_conformance_command(CLI::App& root) {
    auto* cmd = root.add_subcommand("conformance", "Run ethereum/tests vector files");
    cmd->require_subcommand(1);
    add_suite(*cmd, "trie", "TrieTests files (roots, builder, proofs)", conformance::run_trie_tests);
    add_suite(*cmd, "hex-prefix", "BasicTests/hexencodetest.json", conformance::run_hex_prefix_tests);
    add_suite(*cmd, "rlp", "RLPTests files (rlptest.json, invalidRLPTest.json)",
              lines_of(conformance::run_rlp_tests));
    add_suite(*cmd, "blockchain", "BlockchainTests files (hashes, links, body and state roots; no EVM)",
              lines_of(conformance::run_blockchain_tests));
}

}  // namespace kitsunet::app
