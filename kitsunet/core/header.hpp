#pragma once
/// Block headers of every fork, told apart by their field count:
///   15 fields  Frontier … Berlin
///   16         London … Paris      (+ baseFeePerGas)
///   17         Shanghai            (+ withdrawalsRoot)
///   20         Cancun              (+ blobGasUsed, excessBlobGas, parentBeaconBlockRoot)
///   21         Prague              (+ requestsHash)
/// Decoding is strict (canonical integers, exact hash sizes, no trailing bytes), so that
/// encode(decode(x)) == x and the hash of a decoded header is the hash of its input.
/// All functions are pure and thread-safe.
#include <cstdint>
#include <optional>
#include <string_view>

#include "kitsunet/core/bytes.hpp"
#include "kitsunet/core/error.hpp"
#include "kitsunet/core/uint256.hpp"

namespace kitsunet {

using Bloom = FixedBytes<256>;

enum class Fork : std::uint8_t { kFrontier, kLondon, kShanghai, kCancun, kPrague };

/// "frontier" (15 fields: Frontier…Berlin), "london", "shanghai", "cancun", "prague".
std::string_view fork_name(Fork f) noexcept;

struct BlockHeader {
    Hash parent_hash;
    Hash ommers_hash;
    Address beneficiary;
    Hash state_root;
    Hash transactions_root;
    Hash receipts_root;
    Bloom logs_bloom;
    U256 difficulty;
    std::uint64_t number{0};
    std::uint64_t gas_limit{0};
    std::uint64_t gas_used{0};
    std::uint64_t timestamp{0};
    Bytes extra_data;
    Hash mix_hash;  // prevRandao since Paris
    FixedBytes<8> nonce;
    std::optional<U256> base_fee_per_gas;          // London
    std::optional<Hash> withdrawals_root;          // Shanghai
    std::optional<std::uint64_t> blob_gas_used;    // Cancun
    std::optional<std::uint64_t> excess_blob_gas;  // Cancun
    std::optional<Hash> parent_beacon_block_root;  // Cancun
    std::optional<Hash> requests_hash;             // Prague

    /// The fork implied by which optional fields are present. Precondition: well_formed().
    Fork fork() const noexcept;
    /// 15, 16, 17, 20 or 21. Precondition: well_formed().
    std::size_t field_count() const noexcept;
    /// True when the optional fields present are exactly those of one fork (a prefix of the list).
    bool well_formed() const noexcept;

    friend bool operator==(const BlockHeader&, const BlockHeader&) = default;
};

/// Number of fields in a header and their names as JSON-RPC spells them (index 0…20).
inline constexpr std::size_t kMaxHeaderFields = 21;
std::string_view header_field_name(std::size_t index) noexcept;

namespace rlp {
/// Precondition (both): h.well_formed().
std::size_t length(const BlockHeader& h) noexcept;
void encode(Bytes& to, const BlockHeader& h);

/// Where a header decode failed: the error, and the index of the field at fault
/// (kMaxHeaderFields when the fault is the list itself: its header, field count or trailing bytes).
struct HeaderError {
    Errc code;
    std::size_t field;
};

/// Decodes one header that spans all of `from`.
/// Errors: RLP errors of the list or a field; kHeaderFieldCount when the list has a field count no
/// fork uses; kWrongLength for a hash, address, bloom or nonce of the wrong size; kOverflow.
std::expected<BlockHeader, HeaderError> decode_block_header_at(ByteView& from);
/// As decode_block_header_at, then refuses trailing bytes.
std::expected<BlockHeader, HeaderError> decode_block_header(ByteView from);
}  // namespace rlp

/// keccak256 of the header's RLP: the block hash.
Hash block_hash(const BlockHeader& h);

}  // namespace kitsunet
