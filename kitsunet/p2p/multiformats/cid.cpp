#include "kitsunet/p2p/multiformats/cid.hpp"

#include "kitsunet/p2p/multiformats/varint.hpp"

namespace kitsunet::p2p {

CodecResult<CidV1View> parse_cid_v1(ByteView in) noexcept {
    auto version = read_varint(in);
    if (!version) return std::unexpected(version.error());
    if (*version != kCidV1) return std::unexpected(CodecError::kUnsupportedCidVersion);
    auto codec = read_varint(in);
    if (!codec) return std::unexpected(codec.error());
    auto mh = parse_multihash(in);
    if (!mh) return std::unexpected(mh.error());
    return CidV1View{*codec, in};
}

Bytes encode_cid_v1(std::uint64_t codec, ByteView multihash) {
    Bytes out;
    out.reserve(1 + kMaxVarintSize + multihash.size());
    append_varint(out, kCidV1);
    append_varint(out, codec);
    out.insert(out.end(), multihash.begin(), multihash.end());
    return out;
}

}  // namespace kitsunet::p2p
