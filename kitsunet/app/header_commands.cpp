// `kitsunet header decode FILE|-`: a block header's RLP (hex text) → JSON of its fields, hash, fork.
#include <CLI/CLI.hpp>

#include <boost/json.hpp>

#include <cctype>
#include <cstdio>
#include <memory>

#include "kitsunet/app/commands.hpp"
#include "kitsunet/app/io.hpp"
#include "kitsunet/core/header.hpp"
#include "kitsunet/core/hex.hpp"

namespace kitsunet::app {
namespace {

namespace json = boost::json;

std::string quantity(std::uint64_t n) { return U256{n}.to_quantity(); }

json::object header_json(const BlockHeader& h) {
    json::object o{{"parentHash", to_hex(h.parent_hash, true)},
                   {"sha3Uncles", to_hex(h.ommers_hash, true)},
                   {"miner", to_hex(h.beneficiary, true)},
                   {"stateRoot", to_hex(h.state_root, true)},
                   {"transactionsRoot", to_hex(h.transactions_root, true)},
                   {"receiptsRoot", to_hex(h.receipts_root, true)},
                   {"logsBloom", to_hex(h.logs_bloom, true)},
                   {"difficulty", h.difficulty.to_quantity()},
                   {"number", quantity(h.number)},
                   {"gasLimit", quantity(h.gas_limit)},
                   {"gasUsed", quantity(h.gas_used)},
                   {"timestamp", quantity(h.timestamp)},
                   {"extraData", to_hex(h.extra_data, true)},
                   {"mixHash", to_hex(h.mix_hash, true)},
                   {"nonce", to_hex(h.nonce, true)}};
    if (h.base_fee_per_gas) o["baseFeePerGas"] = h.base_fee_per_gas->to_quantity();
    if (h.withdrawals_root) o["withdrawalsRoot"] = to_hex(*h.withdrawals_root, true);
    if (h.blob_gas_used) o["blobGasUsed"] = quantity(*h.blob_gas_used);
    if (h.excess_blob_gas) o["excessBlobGas"] = quantity(*h.excess_blob_gas);
    if (h.parent_beacon_block_root) o["parentBeaconBlockRoot"] = to_hex(*h.parent_beacon_block_root, true);
    if (h.requests_hash) o["requestsHash"] = to_hex(*h.requests_hash, true);
    o["hash"] = to_hex(block_hash(h), true);
    o["fork"] = fork_name(h.fork());
    return o;
}

// Hex text without surrounding whitespace → bytes.
Bytes read_hex_input(const std::string& path) {
    std::string text = read_input(path);
    const auto is_space = [](unsigned char c) { return std::isspace(c) != 0; };
    while (!text.empty() && is_space(static_cast<unsigned char>(text.back()))) text.pop_back();
    const auto start = std::ranges::find_if_not(text, is_space);
    auto bytes = from_hex(std::string_view(start, text.end()));
    if (!bytes) throw CommandError{1, path + ": not hex: " + std::string(describe(bytes.error()))};
    return *bytes;
}

void decode_header(const std::string& path) {
    const Bytes rlp = read_hex_input(path);
    const auto header = rlp::decode_block_header(rlp);
    if (!header) {
        const auto& e = header.error();
        const std::string where =
            e.field < kMaxHeaderFields ? " field " + std::string(header_field_name(e.field)) : "";
        throw CommandError{1, path + ": header" + where + ": " + std::string(describe(e.code))};
    }
    std::printf("%s\n", json::serialize(header_json(*header)).c_str());
}

}  // namespace

void add_header_command(CLI::App& root) {
    auto* cmd = root.add_subcommand("header", "Block headers of every fork");
    cmd->require_subcommand(1);
    auto* decode =
        cmd->add_subcommand("decode", "Decode a header's RLP (hex text) to JSON with its hash and fork");
    auto path = std::make_shared<std::string>();
    decode->add_option("file", *path, "file holding the RLP as hex, - for stdin")->required();
    decode->callback([path] { decode_header(*path); });
}

}  // namespace kitsunet::app
