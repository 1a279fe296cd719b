#pragma once
/// CIDv1 (multiformats/cid): varint(1) varint(multicodec) multihash. libp2p names peers with the
/// `libp2p-key` multicodec. Text CIDs are multibase (base32 'b' by default). Pure, thread-safe.
#include <cstdint>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/p2p/multiformats/error.hpp"
#include "kitsunet/p2p/multiformats/multihash.hpp"

namespace kitsunet::p2p {

inline constexpr std::uint64_t kCidV1 = 0x01;
inline constexpr std::uint64_t kLibp2pKeyCodec = 0x72;

/// A parsed CIDv1, borrowing from the input.
struct CidV1View {
    std::uint64_t codec{0};
    ByteView multihash;  ///< the whole multihash (code, length, digest)
};

/// Parses binary CIDv1 bytes spanning all of `in`. Errors: kUnsupportedCidVersion (CIDv0 or any
/// version but 1), varint and multihash errors, kTrailingBytes.
CodecResult<CidV1View> parse_cid_v1(ByteView in) noexcept;

/// The binary CIDv1 of `multihash` under `codec`. Precondition: codec ≤ kMaxVarintValue.
Bytes encode_cid_v1(std::uint64_t codec, ByteView multihash);

}  // namespace kitsunet::p2p
