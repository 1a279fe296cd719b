#include "kitsunet/core/slice/delta.hpp"

#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/slice/codec.hpp"

namespace kitsunet::slice {

Result<SliceDelta> diff(const VerifiedSlice&, const VerifiedSlice&) {
    return std::unexpected(Errc::kInvalidArgument);
}
Result<VerifiedSlice> apply(const VerifiedSlice&, const SliceDelta&) {
    return std::unexpected(Errc::kInvalidArgument);
}

}  // namespace kitsunet::slice

namespace kitsunet::rlp {
namespace {

std::size_t payload_length(const slice::SliceDelta& d) noexcept {
    return 33 + length(d.id) + slice::detail::strings_length(d.stem) + length(ByteView{d.head}) +
           slice::detail::strings_length(d.nodes) + slice::detail::strings_length(d.codes);
}

}  // namespace

std::size_t length(const slice::SliceDelta& d) noexcept {
    const std::size_t payload = payload_length(d);
    return length_of_header(payload) + payload;
}

void encode(Bytes& to, const slice::SliceDelta& d) {
    encode_header(to, {true, payload_length(d)});
    encode(to, d.old_root);
    encode(to, d.id);
    slice::detail::encode_strings(to, d.stem);
    encode(to, ByteView{d.head});
    slice::detail::encode_strings(to, d.nodes);
    slice::detail::encode_strings(to, d.codes);
}

Bytes encode_slice_delta(const slice::SliceDelta& d) {
    Bytes out;
    out.reserve(length(d));
    encode(out, d);
    return out;
}

Result<slice::SliceDelta> decode_slice_delta(ByteView) { return std::unexpected(Errc::kInvalidArgument); }

}  // namespace kitsunet::rlp
