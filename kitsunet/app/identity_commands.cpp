// `kitsunet keygen` and `kitsunet id`: libp2p identities (keys and peer ids).
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>

#include "kitsunet/app/commands.hpp"
#include "kitsunet/app/key_file.hpp"
#include "kitsunet/core/hex.hpp"
#include "kitsunet/p2p/identity/peer_id.hpp"

namespace kitsunet::app {
namespace {

const std::map<std::string, p2p::KeyType> kKeyTypes{{"ed25519", p2p::KeyType::kEd25519},
                                                    {"secp256k1", p2p::KeyType::kSecp256k1}};

struct KeygenOptions {
    std::string out;
    std::string type = "ed25519";
    bool force = false;
};

void keygen(const KeygenOptions& o) {
    const p2p::PrivateKey key = p2p::PrivateKey::generate(kKeyTypes.at(o.type));
    const std::string id = p2p::PeerId::from_public_key(key.public_key()).to_string();
    Bytes secret = key.to_protobuf();
    if (!o.out.empty()) {
        write_secret_file(o.out, secret, o.force);
        std::printf("%s\n", id.c_str());
    } else if (::isatty(STDOUT_FILENO)) {
        std::fill(secret.begin(), secret.end(), std::uint8_t{0});
        throw CommandError{
            2, "refusing to print a private key to a terminal: use --out FILE, or redirect stdout"};
    } else {
        std::printf("%s\n", to_hex(secret).c_str());
        std::fprintf(stderr, "kitsunet: peer id %s\n", id.c_str());
    }
    std::fill(secret.begin(), secret.end(), std::uint8_t{0});
}

struct IdOptions {
    std::string key = "-";
    bool json = false;
};

void print_id(const IdOptions& o) {
    if (o.key == "-" && ::isatty(STDIN_FILENO))
        throw CommandError{2, "no key: give --key FILE, or a key on standard input"};
    const p2p::PrivateKey key = load_private_key(o.key);
    const p2p::PeerId id = p2p::PeerId::from_public_key(key.public_key());
    if (!o.json) {
        std::printf("%s\n", id.to_string().c_str());
        return;
    }
    const boost::json::object out{{"id", id.to_string()},
                                  {"cid", id.to_cid_string()},
                                  {"type", p2p::to_string(key.type())},
                                  {"publicKey", to_hex(key.public_key().to_protobuf())}};
    std::printf("%s\n", boost::json::serialize(out).c_str());
}

}  // namespace

void add_keygen_command(CLI::App& root) {
    auto o = std::make_shared<KeygenOptions>();
    auto* cmd = root.add_subcommand("keygen", "Make a new libp2p identity key and print its peer id");
    cmd->footer(
        "The key is a libp2p PrivateKey protobuf (as go-libp2p and js-libp2p store keys).\n"
        "With --out FILE: it is written to FILE with mode 0600 (never over an existing file unless\n"
        "--force, which replaces it atomically) and the peer id is printed on stdout.\n"
        "Without --out: the key is printed as hex on stdout, for a pipe or a redirection into a\n"
        "secret store, and the peer id goes to stderr; a terminal as stdout is refused, so that\n"
        "a key never lands on a screen or in a scrollback by accident.");
    cmd->add_option("--out,-o", o->out, "file to write the key to (mode 0600)");
    cmd->add_option("--type,-t", o->type, "key type (Ed25519 is what every libp2p peer supports)")
        ->check(CLI::IsMember({"ed25519", "secp256k1"}))
        ->capture_default_str();
    cmd->add_flag("--force,-f", o->force, "replace an existing --out file");
    cmd->callback([o] { keygen(*o); });
}

void add_id_command(CLI::App& root) {
    auto o = std::make_shared<IdOptions>();
    auto* cmd = root.add_subcommand("id", "Print the peer id of a libp2p identity key");
    cmd->footer(
        "The key file holds a libp2p PrivateKey protobuf, binary (as `keygen --out` writes it and\n"
        "go-libp2p/js-libp2p store it) or as hex text (as `keygen` prints it without --out).\n"
        "Prints the base58btc peer id (12D3KooW… for Ed25519, 16Uiu2… for secp256k1, Qm… for RSA);\n"
        "--json adds its CIDv1 form, the key type and the public key protobuf.");
    cmd->add_option("--key,-k", o->key, "key file, - for standard input")->capture_default_str();
    cmd->add_flag("--json", o->json, "print {id, cid, type, publicKey} as JSON");
    cmd->callback([o] { print_id(*o); });
}

}  // namespace kitsunet::app
