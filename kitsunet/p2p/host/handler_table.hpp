#pragma once
/// The host's protocol handlers, by protocol id. Thread-safety: none (the host's executor).
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kitsunet/p2p/host/stream.hpp"

namespace kitsunet::p2p {

class HandlerTable {
  public:
    /// Adds or replaces the handler of `protocol`.
    void set(std::string protocol, StreamHandler handler);
    /// Returns whether there was one.
    bool remove(std::string_view protocol);
    /// A copy of the handler (it stays valid if the table changes while the stream is served).
    std::optional<StreamHandler> find(std::string_view protocol) const;
    /// The protocol ids, sorted (what multistream offers and identify announces).
    const std::vector<std::string>& protocols() const noexcept { return protocols_; }

  private:
    std::map<std::string, StreamHandler, std::less<>> handlers_;
    std::vector<std::string> protocols_;
};

}  // namespace kitsunet::p2p
