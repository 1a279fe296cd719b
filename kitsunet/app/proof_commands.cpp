// `kitsunet proof create (--alloc|--dump) FILE ADDRESS` and `kitsunet proof verify FILE --root ROOT`:
// account proofs in the eth_getProof JSON shape.
#include <CLI/CLI.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "kitsunet/app/commands.hpp"
#include "kitsunet/app/io.hpp"
#include "kitsunet/app/state_input.hpp"
#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/trie/proof.hpp"

namespace kitsunet::app {
namespace {

namespace json = boost::json;

struct CreateArgs {
    StateSource source;
    std::string address;
};

struct VerifyArgs {
    std::string file;
    std::string root;
};

template <std::size_t N>
FixedBytes<N> parse_fixed(const std::string& text, const char* what) {
    auto parsed = fixed_from_hex<N>(text);
    if (!parsed)
        throw CommandError{1,
                           std::string(what) + " \"" + text + "\": " + std::string(describe(parsed.error()))};
    return *parsed;
}

json::object account_json(const Address& address, const Account& a) {
    return {{"address", to_hex(address, true)},
            {"balance", a.balance.to_quantity()},
            {"codeHash", to_hex(a.code_hash, true)},
            {"nonce", U256{a.nonce}.to_quantity()},
            {"storageHash", to_hex(a.storage_root, true)}};
}

void create_proof(const CreateArgs& args) {
    const Address address = parse_fixed<20>(args.address, "address");
    const auto file = load_state(args.source);
    auto trie = ethjson::state_trie(file);
    const auto found = std::ranges::lower_bound(file.accounts, address, {}, &ethjson::AccountState::address);
    const bool present = found != file.accounts.end() && found->address == address;
    json::object out = account_json(address, present ? found->account : Account{});
    json::array proof;
    for (const auto& node : trie.proof(address)) proof.emplace_back(to_hex(node, true));
    out["accountProof"] = std::move(proof);
    out["storageProof"] = json::array{};
    std::printf("%s\n", json::serialize(out).c_str());
}

std::vector<Bytes> read_proof_nodes(const json::value& proof) {
    const auto& nodes = ethjson::member(proof, "accountProof", "proof");
    if (!nodes.is_array()) throw ethjson::FormatError("accountProof: expected a JSON array");
    std::vector<Bytes> out;
    for (const auto& n : nodes.get_array())
        out.push_back(ethjson::read_bytes(n, "accountProof[" + std::to_string(out.size()) + "]"));
    return out;
}

// Every field the proof file claims must be what the proof shows.
void compare_claims(const json::value& proof, const json::object& proven) {
    struct Field {
        const char* key;
        bool is_hash;
    };
    for (const auto [key, is_hash] : {Field{"balance", false}, Field{"codeHash", true}, Field{"nonce", false},
                                      Field{"storageHash", true}}) {
        const auto* claim = ethjson::find_member(proof, key, "proof");
        if (claim == nullptr) continue;
        const std::string claimed = is_hash ? to_hex(ethjson::read_hash(*claim, key), true)
                                            : ethjson::read_number(*claim, key).to_quantity();
        const std::string shown(proven.at(key).as_string());
        if (claimed != shown)
            throw CommandError{
                1, std::string("the proof shows ") + key + " " + shown + ", the file claims " + claimed};
    }
}

void verify_account_proof(const VerifyArgs& args) {
    const Hash root = parse_fixed<32>(args.root, "--root");
    const auto proof = read_json_input(args.file);
    try {
        const auto& address_text = ethjson::member(proof, "address", "proof");
        if (!address_text.is_string()) throw ethjson::FormatError("address: expected a string");
        const Address address = ethjson::read_address(address_text.get_string(), "address");
        const auto value = trie::verify_proof(root, keccak256(address), read_proof_nodes(proof));
        if (!value) throw CommandError{1, "proof rejected: " + std::string(describe(value.error()))};
        const auto account = *value ? rlp::decode_account(**value) : Result<Account>{Account{}};
        if (!account)
            throw CommandError{
                1, "the proven value is not an account: " + std::string(describe(account.error()))};
        const auto shown = account_json(address, *account);
        compare_claims(proof, shown);
        if (!*value)
            std::printf("proven absent: %s\n", to_hex(address, true).c_str());
        else
            std::printf("%s\n", json::serialize(shown).c_str());
    } catch (const ethjson::FormatError& e) {
        throw CommandError{1, args.file + ": " + e.what()};
    }
}

}  // namespace

void add_proof_command(CLI::App& root) {
    auto* cmd = root.add_subcommand("proof", "Create and verify account proofs (eth_getProof JSON)");
    cmd->require_subcommand(1);

    auto* create = cmd->add_subcommand("create", "Prove an account (or its absence) in a state file");
    auto create_args = std::make_shared<CreateArgs>();
    add_state_source_options(*create, create_args->source);
    create->add_option("address", create_args->address, "account address (0x + 40 hex digits)")->required();
    create->callback([create_args] { create_proof(*create_args); });

    auto* verify = cmd->add_subcommand("verify", "Check an eth_getProof JSON against a state root");
    auto verify_args = std::make_shared<VerifyArgs>();
    verify->add_option("file", verify_args->file, "proof JSON (eth_getProof result), - for stdin")
        ->required();
    verify->add_option("--root", verify_args->root, "state root (0x + 64 hex digits)")->required();
    verify->callback([verify_args] { verify_account_proof(*verify_args); });
}

}  // namespace kitsunet::app
