#include "kitsunet/core/slice/cut.hpp"

namespace kitsunet::slice {

Result<Slice> cut(const NodeSource&, const SliceId& id, const CutOptions&) {
    if (auto ok = validate(id); !ok) return std::unexpected(ok.error());
    return std::unexpected(Errc::kInvalidArgument);
}

Result<std::vector<Bytes>> order_stem(const SliceId&, std::vector<Bytes>, ByteView) {
    return std::unexpected(Errc::kInvalidArgument);
}

}  // namespace kitsunet::slice
