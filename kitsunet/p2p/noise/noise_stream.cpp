#include "kitsunet/p2p/noise/noise_stream.hpp"

#include <algorithm>
#include <cstring>

#include "kitsunet/p2p/net/errors.hpp"

namespace kitsunet::p2p::noise {

namespace {

constexpr std::size_t kInitialReadBuffer = 16 * 1024;
constexpr std::size_t kMaxReadBuffer = 512 * 1024;
// Frames encrypted per write of the inner stream: bounds the write buffer for large writes.
constexpr std::size_t kFramesPerWrite = 16;
constexpr std::size_t kFrameHeader = 2;

}  // namespace

NoiseStream::NoiseStream(std::unique_ptr<ByteStream> inner, CipherState send, CipherState receive)
    : inner_(std::move(inner)), send_(std::move(send)), receive_(std::move(receive)) {}

std::size_t NoiseStream::complete_frame() const noexcept {
    const std::size_t available = read_end_ - read_begin_;
    if (available < kFrameHeader) return 0;
    const std::size_t length = std::size_t{read_buf_[read_begin_]} << 8 | read_buf_[read_begin_ + 1];
    return available >= kFrameHeader + length ? kFrameHeader + length : 0;
}

void NoiseStream::open_frame(std::size_t frame_size, std::span<std::uint8_t> out) {
    const ByteView ciphertext(read_buf_.data() + read_begin_ + kFrameHeader, frame_size - kFrameHeader);
    if (!receive_.decrypt({}, ciphertext, out))
        throw protocol_error(P2pErrc::kDecryptFailed, "noise: a transport message does not authenticate");
    read_begin_ += frame_size;
}

Task<bool> NoiseStream::read_more() {
    // Precondition: no decrypted bytes are pending (they live in this buffer).
    if (read_begin_ == read_end_) {
        read_begin_ = read_end_ = 0;
    } else if (read_begin_ > 0 && read_buf_.size() - read_end_ < read_buf_.size() / 4) {
        // Little room left behind a partial frame: move it to the front.
        std::memmove(read_buf_.data(), read_buf_.data() + read_begin_, read_end_ - read_begin_);
        read_end_ -= read_begin_;
        read_begin_ = 0;
    }
    // Grow while reads fill the buffer (a busy connection), and always to fit one whole frame.
    if (read_end_ == read_buf_.size())
        read_buf_.resize(std::clamp(read_buf_.size() * 2, kInitialReadBuffer, kMaxReadBuffer));
    const std::size_t n = co_await inner_->read_some(std::span(read_buf_).subspan(read_end_));
    read_end_ += n;
    co_return n > 0;
}

Task<std::size_t> NoiseStream::read_some(std::span<std::uint8_t> buf) {
    while (true) {
        if (plain_begin_ < plain_end_) {
            const std::size_t n = std::min(buf.size(), plain_end_ - plain_begin_);
            std::memcpy(buf.data(), read_buf_.data() + plain_begin_, n);
            plain_begin_ += n;
            co_return n;
        }
        // Decrypt every complete frame that fits straight into the caller's buffer.
        std::size_t done = 0;
        for (std::size_t frame; (frame = complete_frame()) != 0;) {
            if (frame < kFrameHeader + kTagSize)
                throw protocol_error(P2pErrc::kDecryptFailed,
                                     "noise: transport message shorter than its tag");
            const std::size_t plain = frame - kFrameHeader - kTagSize;
            if (plain > buf.size() - done) {
                if (done > 0) break;
                // It does not fit: decrypt in place and hand it out piecewise.
                const std::size_t at = read_begin_ + kFrameHeader;
                open_frame(frame, std::span(read_buf_).subspan(at, plain + kTagSize));
                plain_begin_ = at;
                plain_end_ = at + plain;
                break;
            }
            open_frame(frame, buf.subspan(done));
            done += plain;
        }
        if (done > 0) co_return done;
        if (plain_begin_ < plain_end_) continue;
        if (complete_frame() != 0) continue;  // empty frames only: look further
        const bool more = co_await read_more();
        if (!more) {
            if (read_begin_ == read_end_) co_return 0;
            throw protocol_error(P2pErrc::kBadMessage, "noise: connection ended inside a transport message");
        }
    }
}

Task<void> NoiseStream::write_all(std::span<const std::uint8_t> data) {
    while (!data.empty()) {
        const std::size_t take = std::min(data.size(), kFramesPerWrite * kMaxPlaintextSize);
        const std::size_t frames = (take + kMaxPlaintextSize - 1) / kMaxPlaintextSize;
        write_buf_.resize(take + frames * (kFrameHeader + kTagSize));
        std::size_t out = 0;
        for (std::size_t done = 0; done < take;) {
            const std::size_t plain = std::min(take - done, kMaxPlaintextSize);
            const std::size_t length = plain + kTagSize;
            write_buf_[out] = static_cast<std::uint8_t>(length >> 8);
            write_buf_[out + 1] = static_cast<std::uint8_t>(length);
            send_.encrypt({}, data.subspan(done, plain),
                          std::span(write_buf_).subspan(out + kFrameHeader, length));
            out += kFrameHeader + length;
            done += plain;
        }
        co_await inner_->write_all(write_buf_);
        data = data.subspan(take);
    }
}

Task<void> NoiseStream::close_write() { return inner_->close_write(); }

void NoiseStream::reset() noexcept { inner_->reset(); }

}  // namespace kitsunet::p2p::noise
