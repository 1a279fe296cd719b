#include "kitsunet/p2p/host/handler_table.hpp"

namespace kitsunet::p2p {

namespace {

std::vector<std::string> keys(const std::map<std::string, StreamHandler, std::less<>>& handlers) {
    std::vector<std::string> out;
    out.reserve(handlers.size());
    for (const auto& entry : handlers) out.push_back(entry.first);
    return out;
}

}  // namespace

void HandlerTable::set(std::string protocol, StreamHandler handler) {
    handlers_.insert_or_assign(std::move(protocol), std::move(handler));
    protocols_ = keys(handlers_);
}

bool HandlerTable::remove(std::string_view protocol) {
    const auto it = handlers_.find(protocol);
    if (it == handlers_.end()) return false;
    handlers_.erase(it);
    protocols_ = keys(handlers_);
    return true;
}

std::optional<StreamHandler> HandlerTable::find(std::string_view protocol) const {
    const auto it = handlers_.find(protocol);
    if (it == handlers_.end()) return std::nullopt;
    return it->second;
}

}  // namespace kitsunet::p2p
