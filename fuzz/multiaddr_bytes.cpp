// Multiaddr::from_bytes on arbitrary bytes: never crashes; what it accepts keeps the input bytes,
// and its text form reads back to the same multiaddr (round trip binary → text → binary).
// Component access and decapsulation work on every accepted address.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "kitsunet/p2p/multiformats/multiaddr.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kitsunet::p2p;
    const kitsunet::ByteView input(data, size);
    auto m = Multiaddr::from_bytes(input);
    if (!m) return 0;
    if (!std::equal(m->bytes().begin(), m->bytes().end(), input.begin(), input.end())) std::abort();
    const std::string text = m->to_string();
    auto back = Multiaddr::from_string(text);
    if (!back || *back != *m || back->to_string() != text) std::abort();
    Multiaddr rebuilt;
    std::size_t count = 0;
    for (const Component c : *m) {
        auto one = Multiaddr::from_component(c.protocol, c.value);
        if (!one) std::abort();
        rebuilt = rebuilt.encapsulate(*one);
        if (m->decapsulate(c.protocol).size() >= m->size()) std::abort();
        ++count;
    }
    if (rebuilt != *m || count != m->size()) std::abort();
    (void)m->tcp_port(), (void)m->ip6(), (void)m->dns_name(), (void)m->p2p();
    return 0;
}
