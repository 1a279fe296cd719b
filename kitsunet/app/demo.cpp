// `kitsunet demo`: the core at work on the mainnet genesis state (until the network exists):
// state root of the genesis alloc, a proof of one account and a proof of an absent one, then the
// account's slice (DESIGN §4) cut, encoded, verified and read as a peer that receives it would.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "kitsunet/app/commands.hpp"
#include "kitsunet/app/state_input.hpp"
#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/slice/cut.hpp"
#include "kitsunet/core/slice/verify.hpp"
#include "kitsunet/core/trie/proof.hpp"
#include "kitsunet/ethjson/state_nodes.hpp"

namespace kitsunet::app {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kMainnetGenesisRoot =
    "0xd7f8974fb5ac78d9ac099b9ad5018bedc2ce0a72dad1827a1709da30580f0544";
constexpr std::string_view kProvenAccount = "0x000d836201318ec6899a67540690382780743280";
constexpr std::string_view kAbsentAccount = "0x00000000000000000000000000000000000000de";

// Where the alloc may be: the shared vectors beside the checkout, else the npm copy in test/js;
// each looked for from the source tree, the binary's tree, and the working directory.
std::vector<fs::path> alloc_candidates() {
    std::vector<fs::path> roots{KITSUNET_SOURCE_DIR, fs::current_path()};
    std::error_code ec;
    if (const auto exe = fs::read_symlink("/proc/self/exe", ec); !ec)
        roots.push_back(exe.parent_path() / "../..");
    std::vector<fs::path> out;
    for (const auto& root : roots) {
        out.push_back(root / "../shared/vectors/mainnet/genesis-alloc.json");
        out.push_back(root / "test/js/node_modules/@ethereumjs/common/dist/genesisStates/mainnet.json");
    }
    return out;
}

fs::path find_alloc() {
    std::string looked;
    for (const auto& p : alloc_candidates()) {
        if (fs::is_regular_file(p)) return p.lexically_normal();
        looked += "\n  " + p.lexically_normal().string();
    }
    throw CommandError{
        1, "mainnet genesis alloc not found (run `cd test/js && npm install`); looked in:" + looked};
}

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::size_t total_size(const std::vector<Bytes>& nodes) {
    std::size_t n = 0;
    for (const auto& node : nodes) n += node.size();
    return n;
}

void prove(trie::SecureTrie& state, const Hash& root, std::string_view address_hex) {
    const Address address = fixed_from_hex<20>(address_hex).value();
    auto start = Clock::now();
    const auto proof = state.proof(address);
    const double create_ms = ms_since(start);
    start = Clock::now();
    const auto value = trie::verify_proof(root, keccak256(address), proof);
    const double verify_ms = ms_since(start);
    if (!value) throw CommandError{1, "demo: our own proof failed: " + std::string(describe(value.error()))};
    std::printf("\nproof of %s: %zu nodes, %zu bytes, created in %.3f ms, verified in %.3f ms\n",
                std::string(address_hex).c_str(), proof.size(), total_size(proof), create_ms, verify_ms);
    if (!*value) {
        std::printf("  proven absent from the state\n");
        return;
    }
    const auto account = rlp::decode_account(**value).value();
    std::printf("  nonce %llu, balance %s wei (%s)\n", static_cast<unsigned long long>(account.nonce),
                account.balance.to_decimal().c_str(), account.balance.to_quantity().c_str());
}

// What a peer serving the account's slice sends, and what a wallet receiving it checks.
void slice_of(const ethjson::StateFile& file, const Hash& root, std::string_view address_hex) {
    const Address address = fixed_from_hex<20>(address_hex).value();
    slice::NodeMap nodes;
    ethjson::add_state_nodes(file, nodes);
    slice::SliceId id;
    id.root = root;
    id.prefix = slice::account_prefix(address);
    auto start = Clock::now();
    auto cut = slice::cut(nodes, id);
    if (!cut)
        throw CommandError{1,
                           "demo: cannot cut " + id.to_string() + ": " + std::string(describe(cut.error()))};
    const Bytes wire = rlp::encode_slice(*cut);
    const double cut_ms = ms_since(start);
    start = Clock::now();
    auto received = rlp::decode_slice(wire);
    auto verified = received ? slice::verify(std::move(*received), root) : std::unexpected(received.error());
    if (!verified)
        throw CommandError{1, "demo: our own slice failed: " + std::string(describe(verified.error()))};
    const auto account = verified->account(keccak256(address));
    const double verify_ms = ms_since(start);
    std::printf(
        "\nslice %s (the slice of %s)\n  %zu nodes, %zu account(s), %zu bytes on the wire; cut and encoded "
        "in "
        "%.3f ms,"
        " decoded and verified in %.3f ms\n",
        id.to_string().c_str(), std::string(address_hex).c_str(), verified->stats().nodes,
        verified->stats().leaves, wire.size(), cut_ms, verify_ms);
    if (!account || !*account) throw CommandError{1, "demo: the account is not proven by its slice"};
    std::printf("  read from the verified slice: balance %s wei\n", (*account)->balance.to_decimal().c_str());
}

void run_demo() {
    std::printf("kitsunet demo: the Ethereum mainnet genesis state, verified by kitsunet's core\n\n");
    const fs::path alloc = find_alloc();
    auto start = Clock::now();
    const auto file = load_state({alloc.string(), {}});
    std::printf("alloc      %s\n           %zu accounts, read in %.1f ms\n", alloc.c_str(),
                file.accounts.size(), ms_since(start));
    start = Clock::now();
    const Hash root = state_root(ethjson::account_list(file));
    const double root_ms = ms_since(start);
    const bool ok = to_hex(root, true) == kMainnetGenesisRoot;
    std::printf("state root %s\n           computed in %.1f ms: %s\n", to_hex(root, true).c_str(), root_ms,
                ok ? "equals the mainnet genesis stateRoot" : "DIFFERS from the mainnet genesis stateRoot");
    if (!ok) throw CommandError{1, "state root mismatch: expected " + std::string(kMainnetGenesisRoot)};
    start = Clock::now();
    auto state = ethjson::state_trie(file);
    const Hash trie_root = state.root_hash();
    std::printf("state trie built in %.1f ms (root %s)\n", ms_since(start),
                trie_root == root ? "agrees" : "DISAGREES");
    prove(state, root, kProvenAccount);
    prove(state, root, kAbsentAccount);
    slice_of(file, root, kProvenAccount);
}

}  // namespace

void add_demo_command(CLI::App& root) {
    auto* cmd = root.add_subcommand("demo", "Show the core at work on the mainnet genesis state");
    cmd->callback(run_demo);
}

}  // namespace kitsunet::app
