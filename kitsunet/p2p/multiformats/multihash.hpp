#pragma once
/// Multihash (multiformats/multihash): varint(hash function code) varint(digest length) digest.
/// Parsing checks the framing for every code and the digest length for the ones we know
/// (sha2-256: 32). Computing hashes is not done here (this module is pure): see
/// kitsunet/p2p/identity for sha2-256 peer ids. Pure, thread-safe.
#include <cstdint>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/p2p/multiformats/error.hpp"

namespace kitsunet::p2p {

enum class MultihashCode : std::uint64_t {
    kIdentity = 0x00,
    kSha2_256 = 0x12,
};

/// A parsed multihash, borrowing its digest from the input.
struct MultihashView {
    std::uint64_t code{0};
    ByteView digest;
};

/// Reads one multihash from the start of `in` and advances `in` past it.
/// Errors: kTruncated, varint errors, kMultihashLength (sha2-256 digest not 32 bytes).
CodecResult<MultihashView> read_multihash(ByteView& in) noexcept;

/// Parses a multihash that spans all of `in` (kTrailingBytes otherwise).
CodecResult<MultihashView> parse_multihash(ByteView in) noexcept;

/// The multihash bytes of `digest` under `code`. Precondition: code ≤ kMaxVarintValue.
Bytes encode_multihash(std::uint64_t code, ByteView digest);

}  // namespace kitsunet::p2p
