#include "kitsunet/conformance/blockchain_tests.hpp"

#include <boost/json.hpp>

#include <stdexcept>

#include "kitsunet/core/block.hpp"
#include "kitsunet/core/hex.hpp"
#include "kitsunet/ethjson/state_file.hpp"

namespace kitsunet::conformance {
namespace {

namespace json = boost::json;

struct CaseFailure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

void expect_hash(const Hash& actual, const Hash& expected, const std::string& what) {
    if (actual != expected)
        throw CaseFailure(what + " is " + to_hex(actual, true) + ", expected " + to_hex(expected, true));
}

std::string describe_error(const BlockError& e) {
    std::string where(e.part);
    if (e.part == "header") {
        where.append(" field ").append(header_field_name(e.index));
    } else if (e.part != "block") {
        where.append("[").append(std::to_string(e.index)).append("]");
    }
    return where.append(": ").append(describe(e.code));
}

using ethjson::member;

Block decode_block_hex(const json::value& rlp_text, const std::string& what) {
    const Bytes rlp = ethjson::read_bytes(rlp_text, what + ": rlp");
    auto block = rlp::decode_block(rlp);
    if (!block) throw CaseFailure(what + ": " + describe_error(block.error()));
    return std::move(*block);
}

void check_body_roots(const Block& b, const std::string& what) {
    expect_hash(transactions_root(b.body), b.header.transactions_root, what + " transactionsRoot");
    expect_hash(ommers_hash(b.body), b.header.ommers_hash, what + " ommersHash");
    if (b.header.withdrawals_root)
        expect_hash(withdrawals_root(b.body), *b.header.withdrawals_root, what + " withdrawalsRoot");
}

Hash state_root_of(const json::value& alloc) {
    return state_root(ethjson::account_list(ethjson::read_alloc(alloc)));
}

// The chain so far: the hash and state root of its last valid block.
struct Tip {
    Hash hash;
    Hash state_root;
};

// An expectException block: decode it, and say how that went.
std::string note_invalid_block(const json::value& block, std::size_t index) {
    const std::string what = "block " + std::to_string(index) + " (expects " +
                             json::serialize(member(block, "expectException", "block")) + ")";
    try {
        const Block b = decode_block_hex(member(block, "rlp", what), what);
        check_body_roots(b, what);
        return what + ": decodes, body roots match (its invalidity needs an EVM)";
    } catch (const CaseFailure& e) {
        return std::string(e.what()) + ": refused";
    }
}

void check_valid_block(const json::value& block, std::size_t index, Tip& tip) {
    const std::string what = "block " + std::to_string(index);
    const Block b = decode_block_hex(member(block, "rlp", what), what);
    const Hash hash = block_hash(b.header);
    if (const auto* header = ethjson::find_member(block, "blockHeader", what))
        expect_hash(hash, ethjson::read_hash(member(*header, "hash", what + " blockHeader"), what),
                    what + " hash");
    expect_hash(b.header.parent_hash, tip.hash, what + " parentHash");
    check_body_roots(b, what);
    tip = {hash, b.header.state_root};
}

// Checks one case; returns notes for its PASS line. Throws CaseFailure (or a JSON error) on failure.
std::string check_case(const json::value& test) {
    const Block genesis = decode_block_hex(member(test, "genesisRLP", "case"), "genesis");
    Tip tip{block_hash(genesis.header), genesis.header.state_root};
    const auto& genesis_header = member(test, "genesisBlockHeader", "case");
    expect_hash(tip.hash, ethjson::read_hash(member(genesis_header, "hash", "genesisBlockHeader"), "genesis"),
                "genesis hash");
    expect_hash(state_root_of(member(test, "pre", "case")), tip.state_root, "root of pre");
    std::string notes;
    std::size_t valid = 0;
    const auto& blocks = member(test, "blocks", "case");
    if (!blocks.is_array()) throw CaseFailure("blocks: expected a JSON array");
    for (std::size_t i = 0; i < blocks.get_array().size(); ++i) {
        const auto& block = blocks.get_array()[i];
        if (ethjson::find_member(block, "expectException", "block " + std::to_string(i))) {
            notes += (notes.empty() ? "" : "; ") + note_invalid_block(block, i);
        } else {
            check_valid_block(block, i, tip);
            ++valid;
        }
    }
    expect_hash(tip.hash, ethjson::read_hash(member(test, "lastblockhash", "case"), "lastblockhash"),
                "last block hash");
    if (const auto* post = ethjson::find_member(test, "postState", "case"))
        expect_hash(state_root_of(*post), tip.state_root, "root of postState");
    return std::to_string(valid) + " valid block(s) checked" + (notes.empty() ? "" : "; " + notes);
}

CaseResult run_case(std::string name, const json::value& test) {
    try {
        return {std::move(name), true, check_case(test)};
    } catch (const std::runtime_error& e) {  // CaseFailure and ethjson::FormatError
        return {std::move(name), false, e.what()};
    }
}

}  // namespace

CaseResults run_blockchain_tests(const json::value& file) {
    if (!file.is_object()) return {{"(file)", false, "top level is not a JSON object"}};
    CaseResults results;
    for (const auto& [name, test] : file.get_object()) results.push_back(run_case(std::string(name), test));
    return results;
}

}  // namespace kitsunet::conformance
