#pragma once
/// Nibble paths and their hex-prefix ("compact") encoding (yellow paper, appendix C).
/// A `Nibbles` value holds one nibble (0..15) per byte. All functions are pure and thread-safe.
#include <cstddef>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/error.hpp"

namespace kitsunet::trie {

/// A path in the trie: one nibble (0..15) per byte, high nibble of each key byte first.
using Nibbles = Bytes;

/// The nibbles of `key`, high nibble first (2 * key.size() of them).
Nibbles unpack_nibbles(ByteView key);
/// Appends the nibbles of `key` to `to`.
void append_nibbles(Nibbles& to, ByteView key);

/// Packs an even number of nibbles back into bytes. Precondition: `nibbles.size()` is even.
Bytes pack_nibbles(ByteView nibbles);

/// Length of the longest common prefix of `a` and `b`.
std::size_t common_prefix_length(ByteView a, ByteView b) noexcept;

/// Size of the hex-prefix encoding of a path of `nibble_count` nibbles.
constexpr std::size_t hex_prefix_length(std::size_t nibble_count) noexcept { return nibble_count / 2 + 1; }

/// Appends the hex-prefix encoding of `nibbles` (a leaf path when `leaf`, else an extension path).
/// Precondition: every element of `nibbles` is below 16.
void append_hex_prefix(Bytes& to, ByteView nibbles, bool leaf);
/// The hex-prefix encoding of `nibbles` as a new buffer.
Bytes encode_hex_prefix(ByteView nibbles, bool leaf);

/// A decoded hex-prefix path.
struct HexPrefixPath {
    Nibbles nibbles;
    bool leaf{false};
};

/// Decodes a hex-prefix path. Errors: kInvalidHexPrefix when `compact` is empty, its flag nibble is
/// above 3, or an even-length path has a non-zero padding nibble.
Result<HexPrefixPath> decode_hex_prefix(ByteView compact);

/// Decodes a hex-prefix path by appending its nibbles to `to` (no allocation when `to` has room);
/// returns whether it is a leaf path. On error `to` is unchanged. Errors: as decode_hex_prefix.
Result<bool> append_hex_prefix_path(Nibbles& to, ByteView compact);

}  // namespace kitsunet::trie
