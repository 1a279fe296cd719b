#pragma once
/// Byte containers shared by every module. `Bytes` owns, `ByteView` borrows.
/// (std::basic_string<uint8_t> is avoided: libc++ 19, used for the WebAssembly build, has no
/// char_traits for it.)
#include <algorithm>
#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace kitsunet {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

/// A fixed-size byte string (hashes, addresses). Value type, ordered bytewise.
template <std::size_t N>
struct FixedBytes {
    std::array<std::uint8_t, N> bytes{};

    static constexpr std::size_t size() noexcept { return N; }
    constexpr const std::uint8_t* data() const noexcept { return bytes.data(); }
    constexpr std::uint8_t* data() noexcept { return bytes.data(); }
    constexpr operator ByteView() const noexcept { return {bytes.data(), N}; }  // NOLINT
    constexpr ByteView view() const noexcept { return {bytes.data(), N}; }
    constexpr bool is_zero() const noexcept {
        return std::ranges::all_of(bytes, [](std::uint8_t b) { return b == 0; });
    }
    /// Precondition: `v.size() == N`.
    static constexpr FixedBytes from(ByteView v) noexcept {
        FixedBytes f;
        std::copy_n(v.begin(), std::min(v.size(), N), f.bytes.begin());
        return f;
    }
    friend constexpr auto operator<=>(const FixedBytes&, const FixedBytes&) = default;
};

using Hash = FixedBytes<32>;
using Address = FixedBytes<20>;

inline ByteView as_bytes(std::string_view s) noexcept {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

inline Bytes concat(ByteView a, ByteView b) {
    Bytes out(a.begin(), a.end());
    out.insert(out.end(), b.begin(), b.end());
    return out;
}

}  // namespace kitsunet
