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
    }
    return "unknown error";
}

}  // namespace kitsunet
