// verify() on outside bytes (a slice in the wire form). Never a crash; and whatever it accepts
// must read consistently: every leaf it lists reads back through get(), and the proof the slice
// gives for it verifies against the root with trie::verify_proof (an independent verifier) to the
// same value; a key next to it reads the same from the slice and from its proof.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "kitsunet/core/rlp.hpp"
#include "kitsunet/core/slice/verify.hpp"
#include "kitsunet/core/trie/proof.hpp"

using namespace kitsunet;

namespace {

void check_key(const slice::VerifiedSlice& v, const Hash& key) {
    const auto got = v.get(key);
    if (!got) return;  // outside the prefix, or beyond the depth
    const auto proof = v.proof(key);
    if (!proof) std::abort();
    const auto proven = trie::verify_proof(v.id().root, key, *proof);
    if (!proven || *proven != *got) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto decoded = rlp::decode_slice({data, size});
    if (!decoded) return 0;
    const auto verified = slice::verify(std::move(*decoded));
    if (!verified) return 0;
    for (const auto& leaf : verified->leaves()) {
        const auto got = verified->get(leaf.key);
        if (!got || !*got || **got != leaf.value) std::abort();
        check_key(*verified, leaf.key);
        Hash near = leaf.key;
        near.bytes[31] ^= 1;
        check_key(*verified, near);
    }
    return 0;
}
