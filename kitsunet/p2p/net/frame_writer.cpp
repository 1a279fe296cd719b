#include "kitsunet/p2p/net/frame_writer.hpp"

#include <utility>

#include <boost/system/system_error.hpp>

namespace kitsunet::p2p {

FrameWriter::FrameWriter(ByteStream& out, const boost::asio::any_io_executor& executor,
                         std::size_t batch_limit)
    : out_(out),
      batch_limit_(batch_limit),
      has_data_(executor),
      has_room_(executor),
      written_more_(executor) {
    next_.reserve(batch_limit);
    current_.reserve(batch_limit);
}

void FrameWriter::append(std::span<const std::uint8_t> head, std::span<const std::uint8_t> body) {
    if (stopped_) return;
    if (next_.empty()) has_data_.notify();
    next_.insert(next_.end(), head.begin(), head.end());
    next_.insert(next_.end(), body.begin(), body.end());
    appended_ += head.size() + body.size();
}

Task<void> FrameWriter::wait_room(std::size_t n) {
    while (!stopped_ && !next_.empty() && next_.size() + n > batch_limit_) co_await has_room_.wait();
    if (stopped_) throw boost::system::system_error(stop_reason_);
}

Task<void> FrameWriter::flush() {
    const std::uint64_t target = appended_;
    while (written_ < target) {
        if (stopped_ && !running_) throw boost::system::system_error(stop_reason_);
        co_await written_more_.wait();
    }
}

Task<void> FrameWriter::run() {
    // Marks the end of run() however it ends (return, error, cancellation) for flush().
    struct Running {
        FrameWriter& w;
        explicit Running(FrameWriter& writer) : w(writer) { w.running_ = true; }
        ~Running() {
            w.running_ = false;
            w.written_more_.notify();
        }
        Running(const Running&) = delete;
        Running& operator=(const Running&) = delete;
    } running{*this};
    for (;;) {
        while (next_.empty()) {
            if (stopped_) co_return;
            co_await has_data_.wait();
        }
        std::swap(next_, current_);
        has_room_.notify();
        writing_ = true;
        co_await out_.write_all(current_);
        writing_ = false;
        written_ += current_.size();
        current_.clear();
        written_more_.notify();
    }
}

void FrameWriter::stop(boost::system::error_code reason) noexcept {
    if (stopped_) return;
    stopped_ = true;
    stop_reason_ = reason;
    has_data_.notify();
    has_room_.notify();
    written_more_.notify();
}

}  // namespace kitsunet::p2p
