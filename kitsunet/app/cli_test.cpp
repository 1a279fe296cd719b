// The kitsunet binary as a user runs it: outputs on vectors, and bad input → exit code + one-line
// error, never a crash.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "kitsunet/testing/vectors.hpp"

namespace {

namespace fs = std::filesystem;

struct Run {
    int exit_code{-1};
    std::string out;
    std::string err;
};

fs::path scratch_dir() {
    const auto dir = fs::temp_directory_path() / ("kitsunet_cli_test_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir;
}

// Removes the scratch directory after the last test.
struct ScratchCleanup : ::testing::Environment {
    void TearDown() override { fs::remove_all(scratch_dir()); }
};
const auto* const kCleanup = ::testing::AddGlobalTestEnvironment(new ScratchCleanup);

fs::path write_file(const std::string& name, const std::string& content) {
    const auto path = scratch_dir() / name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
}

// Runs `kitsunet ARGS` (a shell fragment); a death by signal fails the test.
Run kitsunet(const std::string& args) {
    const auto dir = scratch_dir();
    const std::string cmd = std::string(KITSUNET_BIN_DIR) + "/kitsunet " + args + " >" +
                            (dir / "out").string() + " 2>" + (dir / "err").string();
    const int status = std::system(cmd.c_str());
    EXPECT_TRUE(WIFEXITED(status)) << "crashed: " << args;
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, kitsunet::testing::read_file(dir / "out"),
            kitsunet::testing::read_file(dir / "err")};
}

// One line on stderr, starting "kitsunet: error: ", exit code 1.
void expect_clean_error(const Run& r, const std::string& fragment) {
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(r.err.starts_with("kitsunet: error: ")) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(fragment), std::string::npos) << r.err;
}

constexpr std::string_view kGenesisRoot =
    "0xd7f8974fb5ac78d9ac099b9ad5018bedc2ce0a72dad1827a1709da30580f0544";
constexpr std::string_view kAccount = "0x000d836201318ec6899a67540690382780743280";

TEST(Cli, StateRootOfTheMainnetGenesisAlloc) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    const auto r = kitsunet("state-root --alloc " + (vectors / "mainnet/genesis-alloc.json").string());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, std::string(kGenesisRoot) + "\n");
}

TEST(Cli, StateRootOfADumpWarnsAboutFalseClaims) {
    const auto dump = write_file(
        "dump.json", R"({"root": "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421",
        "accounts": {"0x000000000000000000000000000000000000aaaa": {"balance": "1", "nonce": 0,
        "root": "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421", "code": "0x60",
        "codeHash": "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"}}})");
    const auto r = kitsunet("state-root --dump " + dump.string());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.size(), 67u);
    EXPECT_NE(r.err.find("warning: " + dump.string() +
                         ": 0x000000000000000000000000000000000000aaaa: file claims codeHash"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("file claims root 0x56e8"), std::string::npos) << r.err;
}

TEST(Cli, HeaderDecodeGivesHashAndForkOfEveryVectorHeader) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    const auto dir = vectors / "mainnet/headers";
    const std::pair<const char*, const char*> cases[] = {
        {"0",
         "\"hash\":\"0xd4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3\",\"fork\":"
         "\"frontier\""},
        {"15537394",
         "\"hash\":\"0x56a9bb0302da44b8c0b3df540781424684c3af04d0b7a38d72842b762076a664\",\"fork\":"
         "\"london\""},
        {"17034870",
         "\"hash\":\"0xe22c56f211f03baadcc91e4eb9a24344e6848c5df4473988f893b58223f5216c\",\"fork\":"
         "\"shanghai\""},
        {"19426587",
         "\"hash\":\"0xf8e2f40d98fe5862bc947c8c83d34799c50fb344d7445d020a8a946d891b62ee\",\"fork\":"
         "\"cancun\""},
        {"22431084",
         "\"hash\":\"0x50c8cab760b2948349c590461b166773c45d8f4858cccf5a43025ab2960152e8\",\"fork\":"
         "\"prague\""}};
    for (const auto& [number, tail] : cases) {
        const auto r = kitsunet("header decode " + (dir / (std::string(number) + ".rlp.hex")).string());
        EXPECT_EQ(r.exit_code, 0) << number << r.err;
        EXPECT_NE(r.out.find(tail), std::string::npos) << number << ": " << r.out;
    }
    const auto from_stdin = kitsunet("header decode - < " + (dir / "1000001.rlp.hex").string());
    EXPECT_NE(from_stdin.out.find("\"number\":\"0xf4241\""), std::string::npos) << from_stdin.out;
}

TEST(Cli, HeaderDecodeRefusesBadInputCleanly) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    std::string header = kitsunet::testing::read_file(vectors / "mainnet/headers/1000001.rlp.hex");
    while (!header.empty() && header.back() == '\n') header.pop_back();
    expect_clean_error(
        kitsunet("header decode " + write_file("truncated", header.substr(0, header.size() - 2)).string()),
        "rlp: input too short");
    expect_clean_error(kitsunet("header decode " + write_file("trailing", header + "00").string()),
                       "trailing bytes");
    expect_clean_error(kitsunet("header decode " + write_file("not-hex", "0xf9zz").string()),
                       "not hex: invalid hex digit");
    expect_clean_error(kitsunet("header decode " + write_file("odd", "0xf90").string()), "not hex");
    expect_clean_error(kitsunet("header decode " + write_file("empty", "").string()), "rlp: input too short");
    expect_clean_error(kitsunet("header decode " + write_file("string", "0x83646f67").string()),
                       "expected a list");
    expect_clean_error(kitsunet("header decode " + write_file("fields", "0xc3820001").string()),
                       "field count");
    expect_clean_error(kitsunet("header decode /nonexistent/header"), "cannot open /nonexistent/header");
    // A length claiming far more than exists (oversized).
    expect_clean_error(kitsunet("header decode " + write_file("oversized", "0xbfffffffffffffffff").string()),
                       "rlp:");
}

TEST(Cli, ProofCreateAndVerifyAnAccountAndAnAbsence) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    const std::string alloc = "--alloc " + (vectors / "mainnet/genesis-alloc.json").string();
    const auto created = kitsunet("proof create " + alloc + " " + std::string(kAccount));
    ASSERT_EQ(created.exit_code, 0) << created.err;
    EXPECT_NE(created.out.find("\"balance\":\"0xad78ebc5ac6200000\""), std::string::npos) << created.out;
    EXPECT_NE(created.out.find("\"storageProof\":[]"), std::string::npos);
    const auto proof = write_file("proof.json", created.out);
    const auto verified = kitsunet("proof verify " + proof.string() + " --root " + std::string(kGenesisRoot));
    EXPECT_EQ(verified.exit_code, 0) << verified.err;
    EXPECT_NE(verified.out.find("\"nonce\":\"0x0\""), std::string::npos) << verified.out;

    const auto absent = kitsunet("proof create " + alloc + " 0x00000000000000000000000000000000000000de");
    const auto absence = kitsunet("proof verify - --root " + std::string(kGenesisRoot) + " < " +
                                  write_file("absent.json", absent.out).string());
    EXPECT_EQ(absence.exit_code, 0) << absence.err;
    EXPECT_EQ(absence.out, "proven absent: 0x00000000000000000000000000000000000000de\n");
}

TEST(Cli, ProofVerifyRefusesWrongProofsCleanly) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    const auto created =
        kitsunet("proof create --alloc " + (vectors / "mainnet/genesis-alloc.json").string() + " " +
                 std::string(kAccount));
    const auto proof = write_file("proof.json", created.out);
    const std::string wrong_root = "0x" + std::string(64, '1');
    expect_clean_error(kitsunet("proof verify " + proof.string() + " --root " + wrong_root),
                       "proof rejected");
    std::string lie = created.out;
    lie.replace(lie.find("0xad78ebc5ac6200000"), 19, "0xad78ebc5ac6200001");
    expect_clean_error(kitsunet("proof verify " + write_file("lie.json", lie).string() + " --root " +
                                std::string(kGenesisRoot)),
                       "the proof shows balance 0xad78ebc5ac6200000, the file claims 0xad78ebc5ac6200001");
    std::string tampered = created.out;
    tampered[tampered.find("accountProof") + 20] ^= 1;  // a hex digit of the root node
    expect_clean_error(kitsunet("proof verify " + write_file("tampered.json", tampered).string() +
                                " --root " + std::string(kGenesisRoot)),
                       "");
    expect_clean_error(
        kitsunet("proof verify " + write_file("cut.json", created.out.substr(0, 100)).string() + " --root " +
                 wrong_root),
        "malformed JSON");
    expect_clean_error(kitsunet("proof verify " + proof.string() + " --root 0x1234"),
                       "--root \"0x1234\": wrong length");
}

TEST(Cli, StateInputErrorsNameTheEntry) {
    expect_clean_error(kitsunet("state-root --alloc " + write_file("bad.json", R"({"0x12": "1"})").string()),
                       "0x12: wrong length");
    expect_clean_error(kitsunet("state-root --alloc " + write_file("bad2.json", "{").string()),
                       "malformed JSON");
    expect_clean_error(kitsunet("proof create --alloc " + write_file("ok.json", "{}").string() + " 0xnothex"),
                       "address \"0xnothex\"");
}

TEST(Cli, UsageErrorsExitWithTwo) {
    EXPECT_EQ(kitsunet("").exit_code, 2);
    EXPECT_EQ(kitsunet("state-root").exit_code, 2);
    EXPECT_EQ(kitsunet("state-root --alloc a --dump b").exit_code, 2);
    EXPECT_EQ(kitsunet("header").exit_code, 2);
    EXPECT_EQ(kitsunet("proof verify x").exit_code, 2);  // --root is required
    EXPECT_EQ(kitsunet("no-such-command").exit_code, 2);
}

TEST(Cli, ConformanceRunsTheSuitesAndFailsOnAFailure) {
    KITSUNET_VECTORS_OR_SKIP(vectors);
    const auto ok =
        kitsunet("conformance rlp " + (vectors / "ethereum-tests/RLPTests/rlptest.json").string());
    EXPECT_EQ(ok.exit_code, 0);
    EXPECT_TRUE(ok.out.ends_with(" passed, 0 failed\n")) << ok.out;
    const auto bad = kitsunet("conformance rlp " +
                              write_file("wrong.json", R"({"x": {"in": 1, "out": "0x02"}})").string());
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_EQ(bad.out, "FAIL x: encoded 01, expected 02\n0 passed, 1 failed\n");
}

TEST(Cli, DemoProvesTheGenesisState) {
    KITSUNET_VECTORS_OR_SKIP(vectors);  // the demo finds the alloc there (or in test/js)
    (void)vectors;
    const auto r = kitsunet("demo");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("equals the mainnet genesis stateRoot"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("proven absent"), std::string::npos) << r.out;
}

// ---- keygen / id (libp2p identities) ----

/// A key file as a careful user keeps it: mode 0600.
fs::path write_key_file(const std::string& name, const std::string& content) {
    const auto path = write_file(name, content);
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
    return path;
}

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

TEST(Cli, KeygenWritesAPrivateKeyFileAndIdReadsIt) {
    const auto key = scratch_dir() / "node.key";
    fs::remove(key);
    const auto made = kitsunet("keygen --out " + key.string());
    ASSERT_EQ(made.exit_code, 0) << made.err;
    EXPECT_TRUE(made.out.starts_with("12D3KooW")) << made.out;
    EXPECT_EQ((fs::status(key).permissions() & fs::perms::all),
              fs::perms::owner_read | fs::perms::owner_write);
    const std::string content = kitsunet::testing::read_file(key);
    EXPECT_EQ(content.size(), 68u);  // 08 01 12 40 ‖ seed ‖ public
    EXPECT_EQ(content.substr(0, 4), std::string("\x08\x01\x12\x40", 4));
    const auto id = kitsunet("id --key " + key.string());
    EXPECT_EQ(id.exit_code, 0) << id.err;
    EXPECT_EQ(id.out, made.out);
    EXPECT_EQ(id.err, "");
}

TEST(Cli, KeygenRefusesToOverwriteUnlessForced) {
    const auto key = scratch_dir() / "kept.key";
    fs::remove(key);
    const auto first = kitsunet("keygen -o " + key.string());
    ASSERT_EQ(first.exit_code, 0) << first.err;
    const std::string before = kitsunet::testing::read_file(key);
    expect_clean_error(kitsunet("keygen --out " + key.string()), "refusing to overwrite");
    EXPECT_EQ(kitsunet::testing::read_file(key), before);
    const auto forced = kitsunet("keygen --force --type secp256k1 --out " + key.string());
    ASSERT_EQ(forced.exit_code, 0) << forced.err;
    EXPECT_TRUE(forced.out.starts_with("16Uiu2HA")) << forced.out;
    EXPECT_EQ(kitsunet("id --key " + key.string()).out, forced.out);
    EXPECT_EQ((fs::status(key).permissions() & fs::perms::all),
              fs::perms::owner_read | fs::perms::owner_write);
}

TEST(Cli, KeygenWithoutOutPrintsHexAndThePeerIdOnStderr) {
    const auto made = kitsunet("keygen --type secp256k1");
    ASSERT_EQ(made.exit_code, 0) << made.err;
    EXPECT_EQ(made.out.size(), 2 * 36 + 1u);  // 08 02 12 20 ‖ 32-byte scalar, as hex, newline
    const auto hex_key = write_key_file("hex.key", made.out);
    const auto id = kitsunet("id --key " + hex_key.string());
    ASSERT_EQ(id.exit_code, 0) << id.err;
    EXPECT_EQ(made.err, "kitsunet: peer id " + id.out);
    EXPECT_EQ(kitsunet("id < " + hex_key.string()).out, id.out);  // standard input by default
}

TEST(Cli, IdOfTheSpecEd25519Key) {
    // libp2p specs peer-ids.md test vector; the peer id as @libp2p/peer-id computes it.
    const auto key = write_key_file("spec.key",
                                    "080112407e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d"
                                    "1ed1e8fae2c4a144b8be8fd4b47bf3d3b"
                                    "34b871c3cacf6010f0e42d474fce27e\n");
    const auto r = kitsunet("id --json --key " + key.string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out,
              R"({"id":"12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq",)"
              R"("cid":"bafzaajaiaejcahwr5d5ofrfbis4l5d6uwr57hu5tjodrypfm6yaq6dsc2r2pzyt6","type":"ed25519",)"
              R"("publicKey":"080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e"})"
              "\n");
}

TEST(Cli, IdReportsMissingAndCorruptKeys) {
    expect_clean_error(kitsunet("id --key " + (scratch_dir() / "absent.key").string()), "No such file");
    expect_clean_error(kitsunet("id --key " + write_key_file("text.key", "hello\n").string()),
                       "not a libp2p private key");
    expect_clean_error(
        kitsunet("id --key " + write_key_file("cut.key", std::string("\x08\x01\x12\x40\x01", 5)).string()),
        "malformed key protobuf");
    expect_clean_error(kitsunet("id --key " + write_key_file("pub.key",
                                                             "080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b8"
                                                             "71c3cacf6010f0e42d474fce27e")
                                                  .string()),
                       "invalid key bytes");
    expect_clean_error(kitsunet("id --key " + write_key_file("empty.key", "").string()), "empty key file");
    expect_clean_error(kitsunet("id --key " + scratch_dir().string()), "not a regular file");
}

TEST(Cli, IdWarnsAboutAKeyOthersCanRead) {
    const auto key =
        write_file("open.key", "0802122053dadf1d5a164d6b4acdb15e24aa4c5b1d3461bdbd42abedb0a4404d56ced8fb");
    fs::permissions(key, fs::perms::owner_read | fs::perms::owner_write | fs::perms::others_read);
    const auto r = kitsunet("id --key " + key.string());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(trimmed(r.out), "16Uiu2HAmLhLvBoYaoZfaMUKuibM6ac163GwKY74c5kiSLg5KvLpY");
    EXPECT_NE(r.err.find("warning: " + key.string() + " can be read by others"), std::string::npos) << r.err;
}

TEST(Cli, KeygenUsageErrors) {
    EXPECT_EQ(kitsunet("keygen --type rsa").exit_code, 2);
    EXPECT_EQ(kitsunet("keygen --out").exit_code, 2);
    EXPECT_EQ(kitsunet("id --key").exit_code, 2);
}

}  // namespace
