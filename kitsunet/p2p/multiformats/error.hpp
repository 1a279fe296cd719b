#pragma once
/// Error kinds of p2p's pure codecs: multiformats (varint, multibase, multihash, CID, multiaddr)
/// and identity (key protobufs, keys, peer ids). Decoders of outside bytes return
/// `CodecResult<T>` and never throw.
#include <cstdint>
#include <expected>
#include <string_view>

namespace kitsunet::p2p {

enum class CodecError : std::uint8_t {
    // framing
    kTruncated,      ///< the input ends inside an item (a longer input may complete it)
    kTrailingBytes,  ///< bytes follow a complete item that must span the whole input
    // unsigned varint
    kVarintNonMinimal,  ///< a longer encoding than needed (trailing 0x00 group)
    kVarintOverflow,    ///< more than 9 bytes, i.e. a value of 2^63 or more
    // multibase
    kUnsupportedMultibase,  ///< empty text, or a multibase prefix we do not decode
    kInvalidBase58,
    kInvalidBase32,
    kInvalidBase36,
    kInvalidBase64,
    kInvalidBase16,
    // multihash, CID
    kMultihashLength,        ///< digest length disagrees with the hash function or the input
    kUnsupportedCidVersion,  ///< not a CIDv1
    kWrongCodec,             ///< a CID whose multicodec is not the one expected (libp2p-key)
    // peer id
    kInvalidPeerId,  ///< not an identity (≤ 42 bytes) or sha2-256 multihash, or bad text form
    kNoInlineKey,    ///< the peer id is a sha2-256 hash: the public key cannot be extracted from it
    // multiaddr
    kUnknownProtocol,        ///< a multiaddr protocol code or name we do not know
    kInvalidMultiaddrText,   ///< not "/name/value/...": missing leading '/', empty part, missing value
    kInvalidComponentValue,  ///< a bad address, port, host name, or value length for its protocol
    // key protobufs and keys
    kMalformedProtobuf,  ///< fields missing, repeated, out of order, unknown, or non-minimal
    kUnknownKeyType,     ///< a KeyType outside RSA, Ed25519, Secp256k1, ECDSA
    kInvalidKey,         ///< key bytes that are not a valid key of their type
    kKeyMismatch,        ///< a private key whose embedded public key is not its own
};

/// A short, stable, human-readable description of an error kind.
std::string_view describe(CodecError e) noexcept;

template <class T>
using CodecResult = std::expected<T, CodecError>;

}  // namespace kitsunet::p2p
