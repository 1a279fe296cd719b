#include "kitsunet/core/error.hpp"

namespace kitsunet {

std::string_view describe(Errc e) noexcept {
    switch (e) {
        case Errc::kOddHexLength:
            return "hex string has an odd number of digits";
        case Errc::kInvalidHexDigit:
            return "invalid hex digit";
        case Errc::kWrongLength:
            return "wrong length";
        case Errc::kInputTooShort:
            return "rlp: input too short";
        case Errc::kInputTooLong:
            return "rlp: input too long";
        case Errc::kTrailingBytes:
            return "rlp: trailing bytes after the item";
        case Errc::kLeadingZero:
            return "rlp: leading zero in length or integer";
        case Errc::kNonCanonicalSize:
            return "rlp: non-canonical size (long form for a short item)";
        case Errc::kNonCanonicalSingleByte:
            return "rlp: single byte below 0x80 wrapped in a string header";
        case Errc::kUnexpectedList:
            return "rlp: expected a string, got a list";
        case Errc::kUnexpectedString:
            return "rlp: expected a list, got a string";
        case Errc::kOverflow:
            return "rlp: integer overflow";
        case Errc::kListLengthMismatch:
            return "rlp: wrong number of list items";
        case Errc::kTooDeep:
            return "rlp: nesting too deep";
        case Errc::kInvalidNode:
            return "trie: invalid node";
        case Errc::kInvalidHexPrefix:
            return "trie: invalid hex-prefix path";
        case Errc::kMissingNode:
            return "trie: missing node";
        case Errc::kBadProof:
            return "proof does not verify against the root";
        case Errc::kInvalidHeader:
            return "invalid block header";
        case Errc::kHeaderFieldCount:
            return "field count is none of 15, 16, 17, 20, 21 (no fork has such headers)";
        case Errc::kInvalidBlock:
            return "invalid block";
        case Errc::kInvalidNumber:
            return "invalid number";
        case Errc::kInvalidArgument:
            return "invalid argument";
        case Errc::kSliceInvalidId:
            return "slice: invalid slice id";
        case Errc::kSliceBadHash:
            return "slice: a node does not hash to its reference";
        case Errc::kSliceWrongRoot:
            return "slice: not of the expected root";
        case Errc::kSliceBadStem:
            return "slice: the stem does not lead from the root along the prefix to the head";
        case Errc::kSliceNotEmpty:
            return "slice: the prefix is proven empty but the slice has a head or nodes";
        case Errc::kSliceMissingNode:
            return "slice: a node within the depth is missing";
        case Errc::kSliceDuplicate:
            return "slice: a node or code is listed twice";
        case Errc::kSliceExtraNode:
            return "slice: a node is not reachable from the head";
        case Errc::kSliceTooDeep:
            return "slice: a node lies beyond the slice's depth";
        case Errc::kSliceMalformedTrie:
            return "slice: not a trie of 32-byte keys (a leaf ends elsewhere, or a branch holds a value)";
        case Errc::kSliceBadValue:
            return "slice: a leaf value is not an account (state) or a storage value";
        case Errc::kSliceExtraCode:
            return "slice: a code that no account of the slice refers to";
        case Errc::kSliceOutside:
            return "slice: the key lies outside the slice's prefix";
        case Errc::kSliceMismatch:
            return "slice: the delta is for another root, prefix, depth or trie";
    }
    return "unknown error";
}

}  // namespace kitsunet
