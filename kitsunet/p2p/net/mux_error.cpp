#include "kitsunet/p2p/net/mux_error.hpp"

#include <string>

#include <boost/system/system_error.hpp>

namespace kitsunet::p2p {

namespace {

class MuxCategory final : public boost::system::error_category {
  public:
    const char* name() const noexcept override { return "mux"; }

    std::string message(int ev) const override {
        switch (static_cast<MuxErrc>(ev)) {
            case MuxErrc::protocol_error:
                return "muxer protocol error";
            case MuxErrc::stream_reset:
                return "stream reset";
            case MuxErrc::session_closed:
                return "muxer session closed";
            case MuxErrc::write_closed:
                return "stream closed for writing";
            case MuxErrc::go_away:
                return "peer sent go-away";
            case MuxErrc::keepalive_timeout:
                return "keep-alive ping timed out";
            case MuxErrc::read_buffer_overflow:
                return "stream reset: reader fell behind";
            case MuxErrc::stream_refused:
                return "stream refused by the peer";
        }
        return "unknown muxer error";
    }
};

}  // namespace

const boost::system::error_category& mux_category() noexcept {
    static const MuxCategory category;
    return category;
}

namespace {

class MuxError final : public boost::system::system_error {
  public:
    MuxError(MuxErrc e, std::string what) : system_error(make_error_code(e)), what_(std::move(what)) {}
    const char* what() const noexcept override { return what_.c_str(); }

  private:
    std::string what_;
};

}  // namespace

void throw_mux_error(MuxErrc e, const std::string& what) { throw MuxError(e, what); }

}  // namespace kitsunet::p2p
