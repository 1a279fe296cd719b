#pragma once
/// Base encodings and multibase (multiformats/multibase): the encodings libp2p uses for peer ids,
/// CIDs and certificate hashes. Decoders are strict: base32/base64url without padding and with
/// zero unused trailing bits; base58btc maps leading '1's to leading zero bytes exactly. So
/// decode∘encode is the identity, and encode∘decode too up to the letter case of base16/base32.
/// Pure, thread-safe.
#include <string>
#include <string_view>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/p2p/multiformats/error.hpp"

namespace kitsunet::p2p {

/// Bitcoin's base58 alphabet.
std::string base58btc_encode(ByteView data);
/// Errors: kInvalidBase58 (a character outside the alphabet).
CodecResult<Bytes> base58btc_decode(std::string_view text);

/// Base36 (lowercase digits and letters; IPNS keys and some peer id CIDs: "k51…").
std::string base36_encode(ByteView data);
/// Either case. Errors: kInvalidBase36.
CodecResult<Bytes> base36_decode(std::string_view text);

/// RFC 4648 base32, lowercase, unpadded.
std::string base32_encode(ByteView data);
/// Either case (multibase decodes base32 case-insensitively), no padding. Errors: kInvalidBase32
/// (bad character, impossible length, non-zero trailing bits).
CodecResult<Bytes> base32_decode(std::string_view text);

/// RFC 4648 §5 base64url, unpadded.
std::string base64url_encode(ByteView data);
/// Errors: kInvalidBase64 (bad character, impossible length, non-zero trailing bits, padding).
CodecResult<Bytes> base64url_decode(std::string_view text);

/// Multibase prefixes we read; the first three are what we write.
enum class Multibase : char {
    kBase58Btc = 'z',
    kBase32 = 'b',
    kBase64Url = 'u',
    kBase32Upper = 'B',
    kBase16 = 'f',       ///< lowercase hex
    kBase16Upper = 'F',  ///< uppercase hex
    kBase36 = 'k',
    kBase36Upper = 'K',
};

/// `prefix` followed by `data` in that base.
std::string multibase_encode(Multibase base, ByteView data);
/// Decodes text whose first character names its base; base16/32/36 bodies in either case
/// (the multibase test vectors require it). Errors: kUnsupportedMultibase (empty, or
/// a prefix not in Multibase), or the base's own error.
CodecResult<Bytes> multibase_decode(std::string_view text);

}  // namespace kitsunet::p2p
