#pragma once
/// Runner of ethereum/tests BasicTests/hexencodetest.json (hex-prefix encoding).
#include <filesystem>
#include <string>
#include <vector>

namespace kitsunet::conformance {

/// Runs every case (`seq` nibbles, `term` leaf flag, `out` expected hex) both ways: encoding gives
/// `out` and decoding `out` gives back `seq` and `term`. One line per case, as run_trie_tests.
/// Throws std::runtime_error when the file cannot be read or is not a JSON object.
std::vector<std::string> run_hex_prefix_tests(const std::filesystem::path& file);

}  // namespace kitsunet::conformance
