#include "kitsunet/core/slice/cut.hpp"

#include "kitsunet/core/slice/collect.hpp"
#include "kitsunet/core/slice/walk.hpp"

namespace kitsunet::slice {
namespace {

// The stem and head of `id`: the walk keeps every node it fetched, the head last when hashed.
Status cut_stem(const NodeSource& source, Slice& slice, detail::StemEnd& end) {
    slice.stem.reserve(kKeyNibbles + 1);
    auto walked =
        detail::walk_stem(slice.id.root, slice.id.prefix, [&](const Hash& hash) -> Result<ByteView> {
            auto rlp = source.node(hash);
            if (!rlp) return std::unexpected(rlp.error());
            return slice.stem.emplace_back(std::move(*rlp));
        });
    if (!walked) return std::unexpected(walked.error());
    end = *walked;
    if (end.empty) return {};
    if (end.head_hashed) {
        slice.head = std::move(slice.stem.back());
        slice.stem.pop_back();
    } else {
        slice.head.assign(end.head_ref.bytes().begin(), end.head_ref.bytes().end());
    }
    return {};
}

void add_codes(const NodeSource& source, const std::vector<Hash>& code_hashes, Slice& slice) {
    for (const auto& hash : code_hashes)
        if (auto code = source.code(hash)) slice.codes.push_back(std::move(*code));
}

}  // namespace

Result<Slice> cut(const NodeSource& source, const SliceId& id, const CutOptions& options) {
    if (auto ok = validate(id); !ok) return std::unexpected(ok.error());
    Slice slice;
    slice.id = id;
    detail::StemEnd end;
    if (auto ok = cut_stem(source, slice, end); !ok) return std::unexpected(ok.error());
    if (end.empty) return slice;
    const auto lookup = [&](const Hash& hash) { return source.node(hash); };
    const bool with_code = options.with_code && !id.is_storage();
    detail::SubtreeCollector collector(lookup, id.depth, with_code);
    const ByteView head_path{id.prefix.data(), end.head_position};
    auto subtree = collector.collect(slice.head, head_path);
    if (!subtree) return std::unexpected(subtree.error());
    slice.nodes = std::move(subtree->nodes);
    if (with_code) add_codes(source, subtree->code_hashes, slice);
    return slice;
}

}  // namespace kitsunet::slice
