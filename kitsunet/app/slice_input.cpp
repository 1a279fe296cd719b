#include "kitsunet/app/slice_input.hpp"

#include <boost/json.hpp>

#include <cstdio>
#include <fstream>

#include "kitsunet/app/commands.hpp"
#include "kitsunet/app/io.hpp"
#include "kitsunet/ethjson/kitsunet_slice.hpp"

namespace kitsunet::app {
namespace {

bool looks_like_json(const std::string& content) {
    const auto first = content.find_first_not_of(" \t\r\n");
    return first != std::string::npos && content[first] == '{';
}

[[noreturn]] void refuse(const std::string& path, const std::string& what, Errc e) {
    throw CommandError{1, path + ": " + what + ": " + std::string(describe(e))};
}

// The original kitsunet's JSON: imported, verified, and its leaf claims checked.
slice::VerifiedSlice load_kitsunet_json(const std::string& path, const std::string& content,
                                        const std::optional<Hash>& root) {
    boost::system::error_code ec;
    const auto json = boost::json::parse(content, ec);
    if (ec) throw CommandError{1, path + ": malformed JSON: " + ec.message()};
    if (!ethjson::is_kitsunet_slice(json))
        throw CommandError{1, path + ": not an eth_getSlice response (no slice-id and trie-nodes)"};
    try {
        auto imported = ethjson::read_kitsunet_slice(json);
        auto verified =
            root ? slice::verify(std::move(imported.slice), *root) : slice::verify(std::move(imported.slice));
        if (!verified) refuse(path, "slice refused", verified.error());
        ethjson::check_leaf_claims(*verified, imported.claims);
        return std::move(*verified);
    } catch (const ethjson::FormatError& e) {
        throw CommandError{1, path + ": " + e.what()};
    }
}

}  // namespace

slice::VerifiedSlice load_slice(const std::string& path, const std::optional<Hash>& root) {
    const std::string content = read_input(path);
    if (looks_like_json(content)) return load_kitsunet_json(path, content, root);
    auto decoded = rlp::decode_slice(as_bytes(content));
    if (!decoded) refuse(path, "not a slice", decoded.error());
    auto verified = root ? slice::verify(std::move(*decoded), *root) : slice::verify(std::move(*decoded));
    if (!verified) refuse(path, "slice refused", verified.error());
    return std::move(*verified);
}

slice::SliceDelta load_delta(const std::string& path) {
    auto delta = rlp::decode_slice_delta(as_bytes(read_input(path)));
    if (!delta) refuse(path, "not a slice delta", delta.error());
    return std::move(*delta);
}

void write_output(const std::string& path, ByteView data) {
    if (path == "-") {
        if (std::fwrite(data.data(), 1, data.size(), stdout) != data.size())
            throw CommandError{1, "cannot write to standard output"};
        return;
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
    out.close();
    if (!out) throw CommandError{1, "cannot write " + path};
}

std::string describe_slice(const slice::VerifiedSlice& verified) {
    const auto& s = verified.slice();
    const auto& stats = verified.stats();
    std::string out = "slice: " + s.id.to_string() + "\n";
    out += "nodes: " + std::to_string(stats.nodes) + " (stem " + std::to_string(s.stem.size()) +
           ", below the head " + std::to_string(s.nodes.size()) + ")\n";
    out += "bytes: " + std::to_string(stats.bytes) + "\n";
    out += (s.id.is_storage() ? "slots: " : "accounts: ") + std::to_string(stats.leaves) + "\n";
    out += "codes: " + std::to_string(stats.codes) + "\n";
    if (s.proves_empty()) return out + "levels: none (the prefix is proven empty)\n";
    return out + "levels: " + std::to_string(stats.max_level) + " below the head (" +
           (stats.complete ? "complete" : "cut at the depth") + ")\n";
}

}  // namespace kitsunet::app
