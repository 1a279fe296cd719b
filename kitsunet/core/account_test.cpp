#include "kitsunet/core/account.hpp"

#include <gtest/gtest.h>

#include "kitsunet/core/hex.hpp"
#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/trie/nibbles.hpp"

namespace kitsunet {
namespace {

Bytes encode(const Account& a) {
    Bytes out;
    rlp::encode(out, a);
    return out;
}

const std::string kEmptyRootHex = "56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421";
const std::string kEmptyCodeHashHex = "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470";

TEST(Account, EmptyAccountEncodesZerosAsEmptyStrings) {
    const Account empty;
    EXPECT_EQ(to_hex(encode(empty)), "f8448080a0" + kEmptyRootHex + "a0" + kEmptyCodeHashHex);
    EXPECT_EQ(rlp::length(empty), 70u);
    EXPECT_EQ(code_hash({}), kEmptyCodeHash);
}

TEST(Account, RoundTripsAndRefusesNonCanonicalFields) {
    const Account a{0xb538f9, U256::parse("0x02042d55a624beaf4bc1").value(), keccak256(as_bytes("s")),
                    keccak256(as_bytes("c"))};
    const Bytes rlp = encode(a);
    EXPECT_EQ(rlp.size(), rlp::length(a));
    EXPECT_EQ(rlp::decode_account(rlp).value(), a);

    Bytes trailing = rlp;
    trailing.push_back(0x80);
    EXPECT_EQ(rlp::decode_account(trailing).error(), Errc::kTrailingBytes);
    const Bytes zero_as_byte = from_hex(
                                   "f84480"
                                   "00"
                                   "a0" +
                                   kEmptyRootHex + "a0" + kEmptyCodeHashHex)
                                   .value();
    EXPECT_FALSE(rlp::decode_account(zero_as_byte));  // balance 0 must be 0x80, never 0x00
    const Bytes short_hash = from_hex(
                                 "e48080"
                                 "a0" +
                                 kEmptyRootHex + "80")
                                 .value();
    EXPECT_EQ(rlp::decode_account(short_hash).error(), Errc::kWrongLength);
    const Bytes five_fields =
        from_hex("f8458080a0" + kEmptyRootHex + "a0" + kEmptyCodeHashHex + "80").value();
    EXPECT_EQ(rlp::decode_account(five_fields).error(), Errc::kListLengthMismatch);
}

TEST(Account, OneSlotStorageIsASingleLeafAndZeroValuesAreAbsent) {
    const StorageEntry slot{U256{1}, U256{0x0200}};
    // The only node: a leaf [hex-prefix(all 64 nibbles of keccak(slot)), RLP(RLP(0x0200))].
    Bytes leaf_payload;
    const Hash key = keccak256(U256{1}.to_bytes32());
    rlp::encode(leaf_payload, ByteView{trie::encode_hex_prefix(trie::unpack_nibbles(key), true)});
    rlp::encode(leaf_payload, ByteView{rlp::encode_string(from_hex("0200").value())});
    EXPECT_EQ(storage_root({&slot, 1}), keccak256(rlp::wrap_list(leaf_payload)));

    const StorageEntry with_zero[] = {slot, {U256{2}, U256{}}};
    EXPECT_EQ(storage_root(with_zero), storage_root({&slot, 1}));
    EXPECT_EQ(storage_root({}), trie::kEmptyRoot);
}

TEST(Account, StateRootIgnoresOrder) {
    const auto a = Address::from(from_hex("000d836201318ec6899a67540690382780743280").value());
    const auto b = Address::from(from_hex("a94f5374fce5edbc8e2a8697c15331677e6ebf0b").value());
    const std::pair<Address, Account> ab[] = {{a, Account{1, U256{5}}}, {b, Account{}}};
    const std::pair<Address, Account> ba[] = {ab[1], ab[0]};
    EXPECT_EQ(state_root(ab), state_root(ba));
    EXPECT_NE(state_root(ab), trie::kEmptyRoot);
    EXPECT_EQ(state_root({}), trie::kEmptyRoot);
}

}  // namespace
}  // namespace kitsunet
