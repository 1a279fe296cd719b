#pragma once
/// Internal to the trie (node codec, Trie, HashBuilder): node RLP written straight into memory
/// that the caller sized with the matching *_length function, with no per-byte push_back, and
/// paths read either from nibbles (one per byte) or from packed key bytes. Not part of the public
/// API. Preconditions as for encode_leaf / encode_extension / encode_branch (node.hpp).
#include <cstring>

#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/trie/node.hpp"

namespace kitsunet::trie::detail {

/// Nibble `i` of packed bytes (high nibble first).
inline std::uint8_t nibble_at(const std::uint8_t* packed, std::size_t i) noexcept {
    return static_cast<std::uint8_t>((packed[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0x0f);
}

/// Nibbles that packed keys `a` and `b` share from their start. The caller may pass `from`, a
/// byte count it knows to be equal in both, to skip it.
std::size_t common_nibbles(ByteView a, ByteView b, std::size_t from = 0) noexcept;

/// A path given as the nibbles [from, to) of packed key bytes: a leaf's path is the tail of its
/// key, so it is read where the key lies instead of being unpacked and copied.
struct PackedPath {
    const std::uint8_t* key;
    std::size_t from;
    std::size_t to;
    std::size_t size() const noexcept { return to - from; }
};

/// Size of a path of `nibble_count` nibbles as the first item of a leaf or extension. A
/// hex-prefix path of one byte is below 0x80 (flag nibble <= 3), so RLP leaves it unwrapped.
inline std::size_t path_item_length(std::size_t nibble_count) noexcept {
    const std::size_t n = hex_prefix_length(nibble_count);
    return n == 1 ? 1 : rlp::length_of_header(n) + n;
}

/// Writes the hex-prefix encoding of a path, hex_prefix_length(path.size()) bytes.
std::uint8_t* write_hex_prefix(std::uint8_t* to, ByteView nibbles, bool leaf) noexcept;
std::uint8_t* write_hex_prefix(std::uint8_t* to, const PackedPath& path, bool leaf) noexcept;

/// Writes the path item of a leaf or extension: the hex-prefix encoding as an RLP string.
template <class Path>
std::uint8_t* write_path_item(std::uint8_t* to, const Path& path, bool leaf) noexcept {
    const std::size_t n = hex_prefix_length(path.size());
    if (n > 1) to = rlp::write_header(to, {false, n});
    return write_hex_prefix(to, path, leaf);
}

/// Writes a child reference as an item of its parent (0x80, 0xa0 + hash, or the embedded node).
inline std::uint8_t* write_ref(std::uint8_t* to, const NodeRef& ref) noexcept {
    const ByteView b = ref.bytes();
    if (ref.is_hash()) *to++ = 0x80 + 32;
    if (ref.empty()) *to++ = 0x80;
    if (!b.empty()) std::memcpy(to, b.data(), b.size());
    return to + b.size();
}

inline std::size_t leaf_payload_length(std::size_t path_nibbles, ByteView value) noexcept {
    return path_item_length(path_nibbles) + rlp::length(value);
}
inline std::size_t leaf_length(std::size_t path_nibbles, ByteView value) noexcept {
    const std::size_t payload = leaf_payload_length(path_nibbles, value);
    return rlp::length_of_header(payload) + payload;
}
template <class Path>
std::uint8_t* write_leaf(std::uint8_t* to, const Path& path, ByteView value) noexcept {
    to = rlp::write_header(to, {true, leaf_payload_length(path.size(), value)});
    to = write_path_item(to, path, true);
    return rlp::write(to, value);
}

inline std::size_t extension_payload_length(std::size_t path_nibbles, const NodeRef& child) noexcept {
    return path_item_length(path_nibbles) + child.encoded_length();
}
inline std::size_t extension_length(std::size_t path_nibbles, const NodeRef& child) noexcept {
    const std::size_t payload = extension_payload_length(path_nibbles, child);
    return rlp::length_of_header(payload) + payload;
}
template <class Path>
std::uint8_t* write_extension(std::uint8_t* to, const Path& path, const NodeRef& child) noexcept {
    to = rlp::write_header(to, {true, extension_payload_length(path.size(), child)});
    to = write_path_item(to, path, false);
    return write_ref(to, child);
}

/// A branch's children, given as a function of the nibble (children are not always NodeRefs in
/// an array: the Trie reads them from its child nodes).
template <class RefOf>
std::size_t branch_payload_length(const RefOf& ref_of, ByteView value) noexcept {
    std::size_t payload = rlp::length(value);
    for (std::uint8_t i = 0; i < 16; ++i) payload += ref_of(i).encoded_length();
    return payload;
}
template <class RefOf>
std::uint8_t* write_branch(std::uint8_t* to, std::size_t payload, const RefOf& ref_of,
                           ByteView value) noexcept {
    to = rlp::write_header(to, {true, payload});
    for (std::uint8_t i = 0; i < 16; ++i) to = write_ref(to, ref_of(i));
    return rlp::write(to, value);
}

/// Makes `buffer` at least `size` bytes long and returns its start: scratch space that keeps its
/// capacity, so that after warm-up encoding allocates nothing.
inline std::uint8_t* scratch(Bytes& buffer, std::size_t size) {
    if (buffer.size() < size) buffer.resize(size);
    return buffer.data();
}

}  // namespace kitsunet::trie::detail
