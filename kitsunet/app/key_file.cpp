#include "kitsunet/app/key_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>

#include "kitsunet/app/commands.hpp"
#include "kitsunet/core/hex.hpp"

namespace kitsunet::app {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail_errno(const std::string& path, const char* what) {
    throw CommandError{1, path + ": " + what + ": " + std::strerror(errno)};
}

/// Writes all of `data` to the new file `path` (O_EXCL, 0600) and syncs it.
void write_new_file(const std::string& path, ByteView data) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            throw CommandError{1, path + ": exists; refusing to overwrite a key (use --force)"};
        fail_errno(path, "cannot create");
    }
    for (std::size_t done = 0; done < data.size();) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ::close(fd);
            fail_errno(path, "cannot write");
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) fail_errno(path, "cannot write");
}

void sync_directory_of(const std::string& path) {
    const fs::path dir = fs::absolute(path).parent_path();
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;  // the file is written; only the directory entry's durability is at stake
    ::fsync(fd);
    ::close(fd);
}

std::string read_file(const std::string& path) {
    if (path == "-") return {std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail_errno(path, "cannot open key file");
    struct stat st{};
    if (::fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw CommandError{1, path + ": not a regular file"};
    }
    if ((st.st_mode & 077) != 0)
        std::fprintf(stderr, "kitsunet: warning: %s can be read by others (mode %04o); run: chmod 600 %s\n",
                     path.c_str(), static_cast<unsigned>(st.st_mode & 07777), path.c_str());
    std::string content;
    char buf[4096];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) != 0;) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            ::close(fd);
            fail_errno(path, "cannot read key file");
        }
        content.append(buf, static_cast<std::size_t>(n));
        if (content.size() > 1 << 20) {
            ::close(fd);
            throw CommandError{1, path + ": too large for a key file"};
        }
    }
    ::close(fd);
    return content;
}

/// The protobuf bytes of a key file: binary (it starts with the Type tag 0x08, never a hex digit)
/// or hex text with surrounding whitespace.
Bytes key_bytes(const std::string& path, const std::string& content) {
    if (content.empty()) throw CommandError{1, path + ": empty key file"};
    if (content[0] == 0x08) return Bytes(content.begin(), content.end());
    std::string_view text = content;
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    auto bytes = from_hex(text);
    if (!bytes) throw CommandError{1, path + ": not a libp2p private key (neither a protobuf nor its hex)"};
    return std::move(*bytes);
}

}  // namespace

void write_secret_file(const std::string& path, ByteView data, bool overwrite) {
    if (!overwrite) {
        write_new_file(path, data);
    } else {
        const std::string temp = path + ".tmp-" + std::to_string(::getpid());
        write_new_file(temp, data);
        if (::rename(temp.c_str(), path.c_str()) != 0) {
            const int saved = errno;
            ::unlink(temp.c_str());
            errno = saved;
            fail_errno(path, "cannot replace");
        }
    }
    sync_directory_of(path);
}

p2p::PrivateKey load_private_key(const std::string& path) {
    const std::string name = path == "-" ? "standard input" : path;
    std::string content = read_file(path);
    Bytes bytes = key_bytes(name, content);
    auto key = p2p::PrivateKey::from_protobuf(bytes);
    // Best effort: no copy of the secret outlives this function in our buffers.
    std::fill(content.begin(), content.end(), '\0');
    std::fill(bytes.begin(), bytes.end(), std::uint8_t{0});
    if (!key)
        throw CommandError{
            1, name + ": not a valid libp2p private key: " + std::string(p2p::describe(key.error()))};
    return std::move(*key);
}

}  // namespace kitsunet::app
