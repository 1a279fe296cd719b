#include "kitsunet/testing/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "kitsunet/testing/vectors.hpp"

extern char** environ;

namespace kitsunet::testing {

namespace {

using Clock = std::chrono::steady_clock;

std::runtime_error sys_error(const std::string& what) {
    return std::runtime_error(what + ": " + std::strerror(errno));
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

std::vector<std::string> environment_with(const std::vector<std::string>& extra) {
    std::vector<std::string> env;
    for (char** e = environ; *e != nullptr; ++e) env.emplace_back(*e);
    env.insert(env.end(), extra.begin(), extra.end());
    return env;
}

// Spawn file actions: the child's stdin/stdout are our pipes, stderr optionally a file.
struct FileActions {
    posix_spawn_file_actions_t actions{};
    FileActions() { posix_spawn_file_actions_init(&actions); }
    ~FileActions() { posix_spawn_file_actions_destroy(&actions); }
};

}  // namespace

ChildProcess::ChildProcess(std::vector<std::string> argv, Options options) {
    int in[2], out[2];
    if (::pipe2(in, O_CLOEXEC) != 0) throw sys_error("pipe");
    if (::pipe2(out, O_CLOEXEC) != 0) throw sys_error("pipe");
    FileActions fa;
    posix_spawn_file_actions_adddup2(&fa.actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa.actions, out[1], 1);
    if (options.stderr_file)
        posix_spawn_file_actions_addopen(&fa.actions, 2, options.stderr_file->c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (!options.cwd.empty()) posix_spawn_file_actions_addchdir_np(&fa.actions, options.cwd.c_str());
    auto env = environment_with(options.env);
    auto c_argv = c_strings(argv);
    auto c_env = c_strings(env);
    const int rc = ::posix_spawnp(&pid_, c_argv[0], &fa.actions, nullptr, c_argv.data(), c_env.data());
    ::close(in[0]);
    ::close(out[1]);
    stdin_fd_ = in[1];
    stdout_fd_ = out[0];
    if (rc != 0) {
        close_stdin();
        ::close(stdout_fd_);
        pid_ = -1;
        throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
    }
}

ChildProcess::~ChildProcess() {
    kill();
    close_stdin();
    if (stdout_fd_ >= 0) ::close(stdout_fd_);
}

std::optional<std::string> ChildProcess::read_line(std::chrono::milliseconds timeout) {
    timed_out_ = false;
    const auto deadline = Clock::now() + timeout;
    while (true) {
        if (const auto nl = pending_.find('\n'); nl != std::string::npos) {
            std::string line = pending_.substr(0, nl);
            pending_.erase(0, nl + 1);
            return line;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        pollfd pfd{stdout_fd_, POLLIN, 0};
        const int ready = left.count() > 0 ? ::poll(&pfd, 1, static_cast<int>(left.count())) : 0;
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) {
            timed_out_ = true;
            return std::nullopt;
        }
        char buf[4096];
        const ssize_t n = ::read(stdout_fd_, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return std::nullopt;  // end of output
        pending_.append(buf, static_cast<std::size_t>(n));
    }
}

std::string ChildProcess::wait_for_line(std::string_view fragment, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    std::string seen;
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        auto line = read_line(std::max(left, std::chrono::milliseconds(0)));
        if (!line)
            throw std::runtime_error(std::string(timed_out_ ? "timed out" : "end of output") +
                                     " waiting for '" + std::string(fragment) + "'; child printed:\n" + seen);
        if (line->find(fragment) != std::string::npos) return *line;
        seen += *line + "\n";
    }
}

void ChildProcess::write_line(std::string_view line) {
    std::string data(line);
    data += '\n';
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(stdin_fd_, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw sys_error("write to child stdin");
        done += static_cast<std::size_t>(n);
    }
}

void ChildProcess::close_stdin() noexcept {
    if (stdin_fd_ >= 0) ::close(stdin_fd_);
    stdin_fd_ = -1;
}

void ChildProcess::signal(int sig) noexcept {
    reap(false);
    if (running()) ::kill(pid_, sig);
}

std::optional<int> ChildProcess::wait(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (true) {
        reap(false);
        if (status_ || pid_ <= 0 || Clock::now() >= deadline) return status_;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

void ChildProcess::kill() noexcept {
    reap(false);
    if (!running()) return;
    ::kill(pid_, SIGKILL);
    reap(true);
}

void ChildProcess::reap(bool block) noexcept {
    if (!running()) return;
    int status = 0;
    pid_t r;
    do r = ::waitpid(pid_, &status, block ? 0 : WNOHANG);
    while (r < 0 && errno == EINTR);
    if (r == pid_) status_ = status;
}

std::optional<std::vector<std::string>> node_command(std::string_view script, std::vector<std::string> args) {
    const auto dir = js_dir();
    if (!dir) return std::nullopt;
    std::vector<std::string> argv{"node", "--import", (*dir / "polyfill.mjs").string(),
                                  (*dir / std::string(script)).string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
}

}  // namespace kitsunet::testing
