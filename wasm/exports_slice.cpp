// kitsunet_core.wasm exports over slices (core/slice): verification and verified lookups, for the
// browser node. A slice is passed in its wire form (RLP). Conventions in abi.hpp.
#include "kitsunet/core/slice/verify.hpp"
#include "wasm/abi.hpp"

using namespace kitsunet;

namespace {

Result<slice::VerifiedSlice> verify_input(const std::uint8_t* data, std::size_t size,
                                          const std::uint8_t* root32) {
    auto decoded = rlp::decode_slice(wasm::input(data, size));
    if (!decoded) return std::unexpected(decoded.error());
    if (root32 == nullptr) return slice::verify(std::move(*decoded));
    return slice::verify(std::move(*decoded), Hash::from(wasm::input(root32, 32)));
}

}  // namespace

/// Verifies a slice (its RLP wire form), also against `root32` unless it is null. Returns the
/// number of keys it holds (accounts or storage slots) and puts its id's text form in the result
/// buffer; or an error status naming the first reason the slice is refused.
KITSUNET_EXPORT(kitsunet_verify_slice)
std::int32_t kitsunet_verify_slice(const std::uint8_t* data, std::size_t size, const std::uint8_t* root32) {
    wasm::set_result(ByteView{});
    auto verified = verify_input(data, size, root32);
    if (!verified) return wasm::error_status(verified.error());
    wasm::set_result(verified->id().to_string());
    return static_cast<std::int32_t>(verified->stats().leaves);
}

/// Verifies a slice, then reads `key32` (a trie key, e.g. keccak256(address)) from it. Returns 1
/// when present (its value, e.g. the account RLP, goes into the result buffer), 0 when proven
/// absent, or an error status (the slice's refusal; kSliceOutside for a key not under its prefix;
/// kMissingNode for a key below the slice's depth).
KITSUNET_EXPORT(kitsunet_slice_get)
std::int32_t kitsunet_slice_get(const std::uint8_t* data, std::size_t size, const std::uint8_t* key32) {
    wasm::set_result(ByteView{});
    auto verified = verify_input(data, size, nullptr);
    if (!verified) return wasm::error_status(verified.error());
    auto value = verified->get(Hash::from(wasm::input(key32, 32)));
    if (!value) return wasm::error_status(value.error());
    if (!*value) return 0;
    wasm::set_result(**value);
    return 1;
}
