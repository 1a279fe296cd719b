// The multistream-select reader on arbitrary bytes: never crashes; a message it accepts re-encodes
// to exactly the bytes it consumed; an ls answer it accepts lists protocols that re-encode to it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "kitsunet/p2p/multistream/message.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kitsunet::p2p::multistream;
    const kitsunet::ByteView input(data, size);
    const auto m = decode_message(input, kMaxListSize);
    if (!m || !m->has_value()) return 0;
    const auto& msg = **m;
    if (msg.size > size) std::abort();
    const auto again = encode_message(msg.text);
    if (again.size() != msg.size || !std::equal(again.begin(), again.end(), input.begin())) std::abort();
    if (const auto list = decode_list_answer(msg.text)) {
        const auto body = encode_list_answer(*list);
        if (std::string(body.begin(), body.end()) != msg.text) std::abort();
    }
    return 0;
}
