// The JSON files a user hands to `kitsunet slice`: the original kitsunet's eth_getSlice response
// (imported, verified, its leaf claims checked), a geth genesis alloc and a geth dump. Outside
// bytes: never a crash, refusals only as FormatError.
#include <boost/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kitsunet/core/slice/verify.hpp"
#include "kitsunet/ethjson/kitsunet_slice.hpp"
#include "kitsunet/ethjson/state_file.hpp"

using namespace kitsunet;

namespace {

void import_slice(const boost::json::value& json) {
    if (!ethjson::is_kitsunet_slice(json)) return;
    try {
        auto imported = ethjson::read_kitsunet_slice(json);
        auto verified = slice::verify(std::move(imported.slice));
        if (!verified) return;
        ethjson::check_leaf_claims(*verified, imported.claims);
    } catch (const ethjson::FormatError&) {
    }
}

template <class Read>
void read_state(const boost::json::value& json, Read read) {
    try {
        const auto file = read(json);
        (void)ethjson::account_list(file);
    } catch (const ethjson::FormatError&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    boost::system::error_code ec;
    const auto json = boost::json::parse(std::string_view(reinterpret_cast<const char*>(data), size), ec);
    if (ec) return 0;
    import_slice(json);
    read_state(json, ethjson::read_alloc);
    read_state(json, ethjson::read_dump);
    return 0;
}
