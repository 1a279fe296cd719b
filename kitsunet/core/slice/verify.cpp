#include "kitsunet/core/slice/verify.hpp"

namespace kitsunet::slice {

Result<VerifiedSlice> verify(Slice) { return std::unexpected(Errc::kInvalidArgument); }

Result<VerifiedSlice> verify(Slice slice, const Hash& expected_root) {
    if (slice.id.root != expected_root) return std::unexpected(Errc::kSliceWrongRoot);
    return verify(std::move(slice));
}

const Bytes* VerifiedSlice::find_node(const Hash&) const noexcept { return nullptr; }
Result<std::optional<ByteView>> VerifiedSlice::get(const Hash&) const {
    return std::unexpected(Errc::kInvalidArgument);
}
Result<std::optional<Account>> VerifiedSlice::account(const Hash&) const {
    return std::unexpected(Errc::kInvalidArgument);
}
Result<U256> VerifiedSlice::storage(const Hash&) const { return std::unexpected(Errc::kInvalidArgument); }
std::optional<ByteView> VerifiedSlice::code(const Hash&) const { return std::nullopt; }
Result<std::vector<Bytes>> VerifiedSlice::proof(const Hash&) const {
    return std::unexpected(Errc::kInvalidArgument);
}
std::vector<SliceLeaf> VerifiedSlice::leaves() const { return {}; }

}  // namespace kitsunet::slice
