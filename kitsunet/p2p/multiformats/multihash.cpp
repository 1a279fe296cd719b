#include "kitsunet/p2p/multiformats/multihash.hpp"

#include "kitsunet/p2p/multiformats/varint.hpp"

namespace kitsunet::p2p {

namespace {
constexpr std::size_t kSha2_256Size = 32;
}

CodecResult<MultihashView> read_multihash(ByteView& in) noexcept {
    ByteView rest = in;
    auto code = read_varint(rest);
    if (!code) return std::unexpected(code.error());
    auto length = read_varint(rest);
    if (!length) return std::unexpected(length.error());
    if (*length > rest.size()) return std::unexpected(CodecError::kTruncated);
    if (*code == static_cast<std::uint64_t>(MultihashCode::kSha2_256) && *length != kSha2_256Size)
        return std::unexpected(CodecError::kMultihashLength);
    const MultihashView mh{*code, rest.first(static_cast<std::size_t>(*length))};
    in = rest.subspan(mh.digest.size());
    return mh;
}

CodecResult<MultihashView> parse_multihash(ByteView in) noexcept {
    auto mh = read_multihash(in);
    if (mh && !in.empty()) return std::unexpected(CodecError::kTrailingBytes);
    return mh;
}

Bytes encode_multihash(std::uint64_t code, ByteView digest) {
    Bytes out;
    out.reserve(2 * kMaxVarintSize + digest.size());
    append_varint(out, code);
    append_varint(out, digest.size());
    out.insert(out.end(), digest.begin(), digest.end());
    return out;
}

}  // namespace kitsunet::p2p
