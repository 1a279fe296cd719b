#pragma once
/// Error kinds of the pure core. Every core function that can fail returns `Result<T>`;
/// nothing in core throws across its API.
#include <cstdint>
#include <expected>
#include <string_view>

namespace kitsunet {

enum class Errc : std::uint8_t {
    // hex
    kOddHexLength,
    kInvalidHexDigit,
    kWrongLength,
    // rlp
    kInputTooShort,
    kInputTooLong,
    kTrailingBytes,
    kLeadingZero,
    kNonCanonicalSize,
    kNonCanonicalSingleByte,
    kUnexpectedList,
    kUnexpectedString,
    kOverflow,
    kListLengthMismatch,
    kTooDeep,
    // trie
    kInvalidNode,
    kInvalidHexPrefix,
    kMissingNode,
    kBadProof,
    // headers and blocks
    kInvalidHeader,
    kHeaderFieldCount,
    kInvalidBlock,
    // values
    kInvalidNumber,
    kInvalidArgument,
    // slices
    kSliceInvalidId,
    kSliceBadHash,
    kSliceWrongRoot,
    kSliceBadStem,
    kSliceNotEmpty,
    kSliceMissingNode,
    kSliceDuplicate,
    kSliceExtraNode,
    kSliceTooDeep,
    kSliceMalformedTrie,
    kSliceBadValue,
    kSliceExtraCode,
    kSliceOutside,
    kSliceMismatch,
};

/// A short, stable, human-readable description of an error kind.
std::string_view describe(Errc e) noexcept;

template <class T>
using Result = std::expected<T, Errc>;

using Status = std::expected<void, Errc>;

}  // namespace kitsunet
