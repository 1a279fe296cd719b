#include "kitsunet/p2p/identity/key_protobuf.hpp"

#include "kitsunet/p2p/multiformats/varint.hpp"

namespace kitsunet::p2p::detail {

namespace {
constexpr std::uint8_t kTypeTag = 0x08;  // field 1, wire type 0 (varint)
constexpr std::uint8_t kDataTag = 0x12;  // field 2, wire type 2 (length-delimited)
constexpr std::uint64_t kMaxKeyType = static_cast<std::uint64_t>(KeyType::kEcdsa);
}  // namespace

CodecResult<KeyMessage> decode_key_message(ByteView in) noexcept {
    constexpr auto kMalformed = CodecError::kMalformedProtobuf;
    if (in.empty() || in[0] != kTypeTag) return std::unexpected(kMalformed);
    in = in.subspan(1);
    auto type = read_varint(in);
    if (!type) return std::unexpected(kMalformed);
    if (in.empty() || in[0] != kDataTag) return std::unexpected(kMalformed);
    in = in.subspan(1);
    auto length = read_varint(in);
    if (!length || *length != in.size()) return std::unexpected(kMalformed);
    if (*type > kMaxKeyType) return std::unexpected(CodecError::kUnknownKeyType);
    return KeyMessage{static_cast<KeyType>(*type), in};
}

Bytes encode_key_message(KeyType type, ByteView data) {
    Bytes out;
    out.reserve(2 + 1 + kMaxVarintSize + data.size());
    out.push_back(kTypeTag);
    append_varint(out, static_cast<std::uint64_t>(type));
    out.push_back(kDataTag);
    append_varint(out, data.size());
    out.insert(out.end(), data.begin(), data.end());
    return out;
}

}  // namespace kitsunet::p2p::detail
