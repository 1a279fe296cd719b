// The child of store_crash_test: ingests the synthetic chain block after block into a store until
// it is killed, as a node would (prune, put every slice, now and then drop a group, a header per
// block). It says "ready" on stdout once the store is open, then "complete N" for each block whose
// slices all went in.
// Usage: store_crash_child DIR QUOTA_BYTES WINDOW
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "kitsunet/core/keccak.hpp"
#include "kitsunet/store/store.hpp"
#include "kitsunet/store/store_crash.hpp"

using namespace kitsunet;

namespace {

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "store_crash_child: %s\n", what.c_str());
    std::exit(1);
}

std::uint64_t next_block(const store::Store& s) {
    std::uint64_t highest = 0;
    const auto latest_slices = s.latest_slices().value();  // (a range-for over value() would dangle)
    for (const auto& latest : latest_slices) highest = std::max(highest, latest.number);
    return highest + 1;
}

BlockHeader header_at(std::uint64_t number) {
    BlockHeader h;
    h.number = number;
    h.parent_hash = keccak256(as_bytes(std::to_string(number)));
    return h;
}

void ingest(store::Store& s, const store::test::SyntheticChain& chain, std::uint64_t n) {
    if (auto pruned = s.prune(n); !pruned) fail(pruned.error().message);
    if (auto put = s.put_header(header_at(n)); !put && put.error().code != store::StoreErrc::kQuotaExceeded)
        fail(put.error().message);
    const auto slices =
        store::test::SyntheticChain::slices_of(chain.state_at(n), store::test::kCrashPrefixLength);
    if (n % 7 == 0) {  // the node stops serving a group for a while
        if (auto latest = s.latest(slices[n % 16].id.prefix).value())
            if (auto removed = s.remove_slice(latest->id); !removed) fail(removed.error().message);
    }
    bool complete = true;
    for (const auto& slice : slices) {
        if (auto put = s.put_slice(slice, n); !put) {
            if (put.error().code != store::StoreErrc::kQuotaExceeded) fail(put.error().message);
            complete = false;
        }
    }
    if (!complete) return;
    const std::string line = "complete " + std::to_string(n) + "\n";
    if (::write(STDOUT_FILENO, line.data(), line.size()) < 0) fail("cannot write to stdout");
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) fail("usage: store_crash_child DIR QUOTA_BYTES WINDOW");
    const store::Options options{.quota_bytes = std::stoull(argv[2]), .prune_window = std::stoull(argv[3])};
    auto opened = store::Store::open(argv[1], options);
    if (!opened) fail(opened.error().message);
    store::Store& s = **opened;
    const store::test::SyntheticChain chain(store::test::kCrashChain);
    if (::write(STDOUT_FILENO, "ready\n", 6) < 0) fail("cannot write to stdout");
    for (std::uint64_t n = next_block(s);; ++n) ingest(s, chain, n);
}
