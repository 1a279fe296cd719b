#pragma once
/// Runner of ethereum/tests TrieTests files (the `kitsunet conformance trie` command).
#include <filesystem>
#include <string>
#include <vector>

namespace kitsunet::conformance {

/// Runs every case of one TrieTests JSON file and returns one line per case: `PASS name`,
/// `FAIL name: reason` or `SKIP name: reason`. A case passes when Trie (SecureTrie for files whose
/// name contains "securetrie", any case) gives the expected root, HashBuilder gives the same root
/// for the final key set, and every final key has a proof that verifies to its value.
/// `in` is a list of [key, value] applied in order (null value: delete) or an object; strings
/// starting with 0x are hex, others raw ASCII. Iterator cases (next/prev) are skipped.
/// Throws std::runtime_error when the file cannot be read or is not a JSON object.
std::vector<std::string> run_trie_tests(const std::filesystem::path& file);

}  // namespace kitsunet::conformance
