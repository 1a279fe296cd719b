#include "kitsunet/p2p/multiformats/error.hpp"

namespace kitsunet::p2p {

std::string_view describe(CodecError e) noexcept {
    switch (e) {
        case CodecError::kTruncated:
            return "input ends inside an item";
        case CodecError::kTrailingBytes:
            return "trailing bytes after the item";
        case CodecError::kVarintNonMinimal:
            return "varint is not minimally encoded";
        case CodecError::kVarintOverflow:
            return "varint longer than 9 bytes";
        case CodecError::kUnsupportedMultibase:
            return "unsupported or missing multibase prefix";
        case CodecError::kInvalidBase58:
            return "invalid base58btc text";
        case CodecError::kInvalidBase32:
            return "invalid base32 text";
        case CodecError::kInvalidBase36:
            return "invalid base36 text";
        case CodecError::kInvalidBase64:
            return "invalid base64url text";
        case CodecError::kInvalidBase16:
            return "invalid base16 text";
        case CodecError::kMultihashLength:
            return "multihash digest length is wrong";
        case CodecError::kUnsupportedCidVersion:
            return "not a CIDv1";
        case CodecError::kWrongCodec:
            return "CID multicodec is not libp2p-key";
        case CodecError::kInvalidPeerId:
            return "not a valid peer id";
        case CodecError::kNoInlineKey:
            return "peer id does not contain its public key";
        case CodecError::kUnknownProtocol:
            return "unknown multiaddr protocol";
        case CodecError::kInvalidMultiaddrText:
            return "malformed multiaddr text";
        case CodecError::kInvalidComponentValue:
            return "invalid multiaddr component value";
        case CodecError::kMalformedProtobuf:
            return "malformed key protobuf";
        case CodecError::kUnknownKeyType:
            return "unknown key type";
        case CodecError::kInvalidKey:
            return "invalid key bytes";
        case CodecError::kKeyMismatch:
            return "private key does not match its public key";
    }
    return "unknown error";
}

}  // namespace kitsunet::p2p
