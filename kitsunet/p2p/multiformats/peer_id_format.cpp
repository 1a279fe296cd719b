#include "kitsunet/p2p/multiformats/peer_id_format.hpp"

#include "kitsunet/p2p/multiformats/cid.hpp"
#include "kitsunet/p2p/multiformats/multibase.hpp"
#include "kitsunet/p2p/multiformats/multihash.hpp"

namespace kitsunet::p2p {

CodecResult<void> validate_peer_id(ByteView multihash) noexcept {
    auto mh = parse_multihash(multihash);
    if (!mh) return std::unexpected(CodecError::kInvalidPeerId);
    const bool inline_key = mh->code == static_cast<std::uint64_t>(MultihashCode::kIdentity) &&
                            mh->digest.size() <= kMaxInlineKeyLength;
    // parse_multihash has checked the sha2-256 digest length.
    const bool hashed = mh->code == static_cast<std::uint64_t>(MultihashCode::kSha2_256);
    if (!inline_key && !hashed) return std::unexpected(CodecError::kInvalidPeerId);
    return {};
}

namespace {

CodecResult<Bytes> checked(CodecResult<Bytes> multihash) {
    if (!multihash || !validate_peer_id(*multihash)) return std::unexpected(CodecError::kInvalidPeerId);
    return multihash;
}

CodecResult<Bytes> peer_id_from_cid_text(std::string_view text) {
    auto bytes = multibase_decode(text);
    if (!bytes) return std::unexpected(CodecError::kInvalidPeerId);
    auto cid = parse_cid_v1(*bytes);
    if (!cid) return std::unexpected(CodecError::kInvalidPeerId);
    if (cid->codec != kLibp2pKeyCodec) return std::unexpected(CodecError::kWrongCodec);
    return checked(Bytes(cid->multihash.begin(), cid->multihash.end()));
}

}  // namespace

CodecResult<Bytes> peer_id_from_text(std::string_view text) {
    if (text.starts_with('1') || text.starts_with("Qm")) return checked(base58btc_decode(text));
    return peer_id_from_cid_text(text);
}

std::string peer_id_to_base58(ByteView multihash) { return base58btc_encode(multihash); }

std::string peer_id_to_cid_text(ByteView multihash) {
    return multibase_encode(Multibase::kBase32, encode_cid_v1(kLibp2pKeyCodec, multihash));
}

}  // namespace kitsunet::p2p
