#pragma once
// Fuzz targets: consuming the fuzz input from the front (zeros once it runs out).
#include <algorithm>
#include <cstdint>

#include "kitsunet/core/bytes.hpp"

namespace kitsunet::fuzz {

struct Reader {
    ByteView rest;
    std::uint8_t byte() {
        if (rest.empty()) return 0;
        const std::uint8_t b = rest[0];
        rest = rest.subspan(1);
        return b;
    }
    Bytes bytes(std::size_t n) {
        n = std::min(n, rest.size());
        Bytes out(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(n));
        rest = rest.subspan(n);
        return out;
    }
};

}  // namespace kitsunet::fuzz
