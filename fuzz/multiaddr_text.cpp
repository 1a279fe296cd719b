// Multiaddr::from_string on arbitrary text: never crashes; what it accepts has a canonical text
// form that reads back to the same bytes and is a fixed point (text → binary → text → binary).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kitsunet/p2p/multiformats/multiaddr.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kitsunet::p2p;
    auto m = Multiaddr::from_string(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!m) return 0;
    auto from_bytes = Multiaddr::from_bytes(m->bytes());
    if (!from_bytes || *from_bytes != *m) std::abort();
    const std::string canonical = m->to_string();
    auto again = Multiaddr::from_string(canonical);
    if (!again || *again != *m || again->to_string() != canonical) std::abort();
    return 0;
}
