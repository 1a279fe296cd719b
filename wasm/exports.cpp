// kitsunet_core.wasm exports: memory, errors, Keccak-256 and RLP. Conventions in abi.hpp.
#include <cstdlib>
#include <cstring>

#include "kitsunet/core/keccak.hpp"
#include "kitsunet/core/rlp.hpp"
#include "wasm/abi.hpp"

namespace kitsunet::wasm {
namespace {

Bytes result_buffer;  // the result of the last export that has one

}  // namespace

void set_result(ByteView bytes) { result_buffer.assign(bytes.begin(), bytes.end()); }

void set_result(std::string_view text) { set_result(as_bytes(text)); }

void write_hash(const Hash& h, std::uint8_t* out32) noexcept { std::memcpy(out32, h.data(), h.size()); }

}  // namespace kitsunet::wasm

using namespace kitsunet;

/// A buffer of `size` bytes for the host (0 when out of memory).
KITSUNET_EXPORT(kitsunet_alloc) void* kitsunet_alloc(std::size_t size) { return std::malloc(size); }

KITSUNET_EXPORT(kitsunet_free) void kitsunet_free(void* p) { std::free(p); }

KITSUNET_EXPORT(kitsunet_result_ptr) const std::uint8_t* kitsunet_result_ptr() {
    return wasm::result_buffer.data();
}

KITSUNET_EXPORT(kitsunet_result_len) std::size_t kitsunet_result_len() { return wasm::result_buffer.size(); }

/// The text of a negative status into the result buffer; returns its length.
KITSUNET_EXPORT(kitsunet_describe) std::int32_t kitsunet_describe(std::int32_t status) {
    const std::string_view text = status >= 0 ? "ok" : describe(static_cast<Errc>(-1 - status));
    wasm::set_result(text);
    return static_cast<std::int32_t>(text.size());
}

/// keccak256 of `size` bytes at `data` into `out32`. Returns 0.
KITSUNET_EXPORT(kitsunet_keccak256)
std::int32_t kitsunet_keccak256(const std::uint8_t* data, std::size_t size, std::uint8_t* out32) {
    wasm::write_hash(keccak256(wasm::input(data, size)), out32);
    return 0;
}

/// Decodes one RLP item spanning the input (strict, canonical) and re-encodes it into the result
/// buffer. Returns the number of top-level list items (0 for a string), or an error status.
KITSUNET_EXPORT(kitsunet_rlp_decode)
std::int32_t kitsunet_rlp_decode(const std::uint8_t* data, std::size_t size) {
    auto item = rlp::decode_item(wasm::input(data, size));
    if (!item) return wasm::error_status(item.error());
    Bytes encoded;
    rlp::encode(encoded, *item);
    wasm::set_result(encoded);
    return static_cast<std::int32_t>(item->items.size());
}
