// multibase_decode on arbitrary text: never crashes; whatever it decodes re-encodes in every base
// and decodes back to the same bytes; base58btc and lowercase base32/base36 text re-encodes to
// exactly the input (the decoders are canonical).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "kitsunet/p2p/multiformats/multibase.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kitsunet::p2p;
    const std::string text(reinterpret_cast<const char*>(data), size);
    auto bytes = multibase_decode(text);
    if (!bytes) return 0;
    for (const auto base : {Multibase::kBase58Btc, Multibase::kBase32, Multibase::kBase32Upper, Multibase::kBase64Url,
                            Multibase::kBase16, Multibase::kBase16Upper, Multibase::kBase36, Multibase::kBase36Upper}) {
        const std::string encoded = multibase_encode(base, *bytes);
        if (multibase_decode(encoded) != bytes) std::abort();
        if (encoded[0] == text[0] && (base == Multibase::kBase58Btc || base == Multibase::kBase64Url)) {
            if (encoded != text) std::abort();
        }
    }
    return 0;
}
