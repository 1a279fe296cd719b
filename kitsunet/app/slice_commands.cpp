// `kitsunet slice id|cut|verify|account|diff|apply`: slices of the state trie (DESIGN §4) from the
// command line, in our wire form (RLP) or, as input, the original kitsunet's eth_getSlice JSON.
#include <CLI/CLI.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "kitsunet/app/commands.hpp"
#include "kitsunet/app/slice_input.hpp"
#include "kitsunet/app/state_input.hpp"
#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/slice/cut.hpp"
#include "kitsunet/ethjson/state_nodes.hpp"

namespace kitsunet::app {
namespace {

namespace json = boost::json;

struct IdArgs {
    std::string account;
    std::size_t prefix_length{slice::kDefaultPrefixLength};
};

struct CutArgs {
    StateSource source;
    std::string prefix;
    unsigned depth{slice::kFullDepth};
    std::string storage_of;
    bool without_code{false};
    std::string out;
};

struct VerifyArgs {
    std::string file;
    std::string root;
};

struct AccountArgs {
    std::string file;
    std::string account;
};

struct DiffArgs {
    std::string old_file, new_file, out;
};

struct ApplyArgs {
    std::string old_file, delta, out;
};

// An account named by its address (20 bytes) or by its trie key keccak256(address) (32 bytes).
struct AccountName {
    std::optional<Address> address;
    Hash key;
};

AccountName parse_account(const std::string& text) {
    if (auto address = fixed_from_hex<20>(text)) return {*address, keccak256(*address)};
    if (auto key = fixed_from_hex<32>(text)) return {std::nullopt, *key};
    throw CommandError{1, "account \"" + text +
                              "\": expected an address (0x + 40 hex digits) or an account key "
                              "(0x + 64 hex digits)"};
}

Hash parse_root(const std::string& text) {
    auto root = fixed_from_hex<32>(text);
    if (!root) throw CommandError{1, "--root \"" + text + "\": " + std::string(describe(root.error()))};
    return *root;
}

void print_id(const IdArgs& args) {
    const AccountName name = parse_account(args.account);
    std::printf("%s\n", slice::nibbles_to_text(slice::key_prefix(name.key, args.prefix_length)).c_str());
}

// The id of the slice to cut: the state trie's, or with --storage the storage trie of that account.
slice::SliceId cut_id(const CutArgs& args, const ethjson::StateFile& file, const Hash& state_root) {
    slice::SliceId id;
    auto prefix = slice::nibbles_from_text(strip_0x(args.prefix));
    if (!prefix || prefix->size() > slice::kKeyNibbles)
        throw CommandError{1, "--prefix \"" + args.prefix + "\": expected hex digits, at most 64"};
    id.prefix = std::move(*prefix);
    id.depth = static_cast<std::uint8_t>(args.depth);
    id.root = state_root;
    if (args.storage_of.empty()) return id;
    const AccountName owner = parse_account(args.storage_of);
    const auto found =
        std::ranges::find_if(file.accounts, [&](const auto& a) { return keccak256(a.address) == owner.key; });
    if (found == file.accounts.end())
        throw CommandError{1, "--storage " + args.storage_of + ": no such account in the state file"};
    id.root = found->account.storage_root;
    id.storage_owner = owner.key;
    return id;
}

void cut_slice(const CutArgs& args) {
    const auto file = load_state(args.source);
    slice::NodeMap nodes;
    const Hash state_root = ethjson::add_state_nodes(file, nodes);
    const slice::SliceId id = cut_id(args, file, state_root);
    auto cut = slice::cut(nodes, id, {.with_code = !args.without_code});
    if (!cut)
        throw CommandError{1, "cannot cut " + id.to_string() + ": " + std::string(describe(cut.error()))};
    auto verified = slice::verify(std::move(*cut));  // a self-check: what we write must verify
    if (!verified)
        throw CommandError{1, "the cut slice does not verify: " + std::string(describe(verified.error()))};
    write_output(args.out, rlp::encode_slice(verified->slice()));
    std::fprintf(stderr, "kitsunet: wrote %s\n", args.out.c_str());
    std::printf("%s", describe_slice(*verified).c_str());
}

void verify_slice(const VerifyArgs& args) {
    const auto root = args.root.empty() ? std::nullopt : std::optional<Hash>(parse_root(args.root));
    std::printf("%s", describe_slice(load_slice(args.file, root)).c_str());
}

json::object account_json(const AccountName& name, const slice::VerifiedSlice& verified, const Account& a) {
    json::object out;
    if (name.address) out["address"] = to_hex(*name.address, true);
    out["key"] = to_hex(name.key, true);
    out["nonce"] = U256{a.nonce}.to_quantity();
    out["balance"] = a.balance.to_quantity();
    out["storageHash"] = to_hex(a.storage_root, true);
    out["codeHash"] = to_hex(a.code_hash, true);
    const auto code =
        a.code_hash == kEmptyCodeHash ? std::optional<ByteView>(ByteView{}) : verified.code(a.code_hash);
    out["codeSize"] = code ? json::value(code->size()) : json::value(nullptr);  // null: code not carried
    out["slice"] = verified.id().to_string();
    return out;
}

void read_account(const AccountArgs& args) {
    const AccountName name = parse_account(args.account);
    const auto verified = load_slice(args.file);
    if (verified.id().is_storage()) throw CommandError{1, args.file + ": a storage slice holds no accounts"};
    const auto account = verified.account(name.key);
    if (!account && account.error() == Errc::kSliceOutside)
        throw CommandError{
            1, "account key " + to_hex(name.key, true) + " lies outside slice " +
                   slice::nibbles_to_text(verified.id().prefix) + "… (its prefix is " +
                   slice::nibbles_to_text(slice::key_prefix(name.key, verified.id().prefix.size())) + ")"};
    if (!account && account.error() == Errc::kMissingNode)
        throw CommandError{1, "the slice ends above this account (depth " +
                                  std::to_string(verified.id().depth) +
                                  "): neither presence nor absence is proven"};
    if (!account)
        throw CommandError{
            1, "the account's value is not an account: " + std::string(describe(account.error()))};
    if (!*account) {
        std::printf("proven absent: %s in slice %s\n", args.account.c_str(),
                    verified.id().to_string().c_str());
        return;
    }
    std::printf("%s\n", json::serialize(account_json(name, verified, **account)).c_str());
}

void diff_slices(const DiffArgs& args) {
    const auto old_slice = load_slice(args.old_file);
    const auto new_slice = load_slice(args.new_file);
    const auto delta = slice::diff(old_slice, new_slice);
    if (!delta)
        throw CommandError{1, "no delta between " + old_slice.id().to_string() + " and " +
                                  new_slice.id().to_string() + ": " + std::string(describe(delta.error()))};
    const Bytes wire = rlp::encode_slice_delta(*delta);
    write_output(args.out, wire);
    std::printf("delta: %s → %s\nnodes: %zu (of %zu)\ncodes: %zu\nbytes: %zu (the new slice: %zu)\n",
                to_hex(delta->old_root).c_str(), delta->id.to_string().c_str(), delta->nodes.size(),
                new_slice.slice().nodes.size(), delta->codes.size(), wire.size(),
                rlp::length(new_slice.slice()));
}

void apply_delta(const ApplyArgs& args) {
    const auto old_slice = load_slice(args.old_file);
    const auto delta = load_delta(args.delta);
    auto applied = slice::apply(old_slice, delta);
    if (!applied)
        throw CommandError{1, args.delta + ": delta refused: " + std::string(describe(applied.error()))};
    write_output(args.out, rlp::encode_slice(applied->slice()));
    std::printf("%s", describe_slice(*applied).c_str());
}

void add_id(CLI::App& cmd) {
    auto* id = cmd.add_subcommand(
        "id", "Print the slice prefix of an account: the first nibbles of keccak256(address)");
    auto args = std::make_shared<IdArgs>();
    id->add_option("account", args->account, "address (0x + 40 hex) or account key (0x + 64 hex)")
        ->required();
    id->add_option("--prefix-len", args->prefix_length, "prefix length in nibbles (default 4)")
        ->check(CLI::Range(0, 64));
    id->callback([args] { print_id(*args); });
}

void add_cut(CLI::App& cmd) {
    auto* cut = cmd.add_subcommand("cut", "Cut a slice out of a state file and write it (RLP wire form)");
    auto args = std::make_shared<CutArgs>();
    add_state_source_options(*cut, args->source);
    cut->add_option("--prefix", args->prefix,
                    "the slice's nibble path as hex digits, e.g. 0aa8 (may be empty)")
        ->required();
    cut->add_option("--depth", args->depth, "node levels below the head (default 64: to the leaves)")
        ->check(CLI::Range(0, 64));
    cut->add_option("--storage", args->storage_of,
                    "cut the storage trie of this account (address or account key)");
    cut->add_flag("--without-code", args->without_code, "leave contract code out");
    cut->add_option("--out", args->out, "output file (- for standard output)")->required();
    cut->callback([args] { cut_slice(*args); });
}

void add_verify(CLI::App& cmd) {
    auto* verify = cmd.add_subcommand(
        "verify", "Verify a slice file (ours, or the original kitsunet's eth_getSlice JSON)");
    auto args = std::make_shared<VerifyArgs>();
    verify->add_option("file", args->file, "slice file, - for standard input")->required();
    verify->add_option("--root", args->root, "the state (or storage) root the slice must belong to");
    verify->callback([args] { verify_slice(*args); });
}

void add_account(CLI::App& cmd) {
    auto* account =
        cmd.add_subcommand("account", "Read an account from a slice, proven present or proven absent");
    auto args = std::make_shared<AccountArgs>();
    account->add_option("file", args->file, "slice file, - for standard input")->required();
    account->add_option("account", args->account, "address (0x + 40 hex) or account key (0x + 64 hex)")
        ->required();
    account->callback([args] { read_account(*args); });
}

void add_diff_and_apply(CLI::App& cmd) {
    auto* diff =
        cmd.add_subcommand("diff", "Write the delta from one slice to the same slice at another root");
    auto diff_args = std::make_shared<DiffArgs>();
    diff->add_option("old", diff_args->old_file, "the old slice file")->required();
    diff->add_option("new", diff_args->new_file, "the new slice file")->required();
    diff->add_option("--out", diff_args->out, "delta file to write (- for standard output)")->required();
    diff->callback([diff_args] { diff_slices(*diff_args); });

    auto* apply = cmd.add_subcommand("apply", "Apply a delta to a slice, verify the result and write it");
    auto apply_args = std::make_shared<ApplyArgs>();
    apply->add_option("old", apply_args->old_file, "the old slice file")->required();
    apply->add_option("delta", apply_args->delta, "the delta file")->required();
    apply->add_option("--out", apply_args->out, "new slice file to write (- for standard output)")
        ->required();
    apply->callback([apply_args] { apply_delta(*apply_args); });
}

}  // namespace

void add_slice_command(CLI::App& root) {
    auto* cmd = root.add_subcommand("slice", "Cut, verify, read and update slices of the state trie");
    cmd->require_subcommand(1);
    add_id(*cmd);
    add_cut(*cmd);
    add_verify(*cmd);
    add_account(*cmd);
    add_diff_and_apply(*cmd);
}

}  // namespace kitsunet::app
