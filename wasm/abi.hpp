#pragma once
/// The C ABI conventions of kitsunet_core.wasm, shared by the export files.
///
/// - Memory: the host allocates input and output buffers with kitsunet_alloc and frees them with
///   kitsunet_free; pointers are offsets into the module's exported memory.
/// - Status: every export returns an int32. A value >= 0 is success (its meaning is the export's);
///   a negative value is -(1 + code) for a core error code (kitsunet_describe gives its text).
/// - Variable-length results go into one module-owned result buffer, read with
///   kitsunet_result_ptr / kitsunet_result_len, valid until the next export call.
/// - Fixed-size results (hashes) are written into a caller-provided buffer of that size.
/// Thread-safety: none; a wasm instance is single-threaded.
#include <cstdint>
#include <string_view>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/error.hpp"

#define KITSUNET_EXPORT(name) extern "C" [[clang::export_name(#name)]]

namespace kitsunet::wasm {

/// The status of an error: -(1 + code).
inline std::int32_t error_status(Errc e) noexcept { return -1 - static_cast<std::int32_t>(e); }

/// Replaces the result buffer's contents.
void set_result(ByteView bytes);
void set_result(std::string_view text);

/// `size` bytes at `data` (the host's pointer; may be null when size is 0).
inline ByteView input(const std::uint8_t* data, std::size_t size) noexcept { return {data, size}; }

/// Writes a hash into the caller's 32-byte buffer.
void write_hash(const Hash& h, std::uint8_t* out32) noexcept;

}  // namespace kitsunet::wasm
