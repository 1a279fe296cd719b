#pragma once
/// Test support: a child process (e.g. a js-libp2p peer under Node) whose stdout is read line by
/// line with a timeout and whose stdin can be written. The destructor kills (SIGKILL) and reaps
/// the child if it is still running, so a failing test never leaves a process behind.
/// Errors: std::runtime_error (spawn failure, write to a closed pipe). Thread-safety: none.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kitsunet::testing {

class ChildProcess {
  public:
    struct Options {
        std::filesystem::path cwd;                         // empty: the current directory
        std::vector<std::string> env;                      // "NAME=value" added to the environment
        std::optional<std::filesystem::path> stderr_file;  // a file for the child's stderr; default: ours
    };

    /// Starts argv[0] (looked up in PATH) with the given arguments.
    explicit ChildProcess(std::vector<std::string> argv, Options options = {});
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    /// The next stdout line (without its '\n'), or nullopt at end of output or when `timeout`
    /// passes first (timed_out() tells which).
    std::optional<std::string> read_line(std::chrono::milliseconds timeout);
    bool timed_out() const noexcept { return timed_out_; }

    /// Reads lines until one contains `fragment`; returns it. Throws std::runtime_error (with the
    /// lines seen) on timeout or end of output.
    std::string wait_for_line(std::string_view fragment, std::chrono::milliseconds timeout);

    /// Writes `line` and a '\n' to the child's stdin.
    void write_line(std::string_view line);
    void close_stdin() noexcept;

    /// Sends `signal` (if still running).
    void signal(int signal) noexcept;
    /// Waits up to `timeout` for the child to exit; returns its wait status, or nullopt.
    std::optional<int> wait(std::chrono::milliseconds timeout);
    /// SIGKILL and reap.
    void kill() noexcept;

    pid_t pid() const noexcept { return pid_; }
    bool running() const noexcept { return pid_ > 0 && !status_; }

  private:
    void reap(bool block) noexcept;

    pid_t pid_{-1};
    int stdin_fd_{-1};
    int stdout_fd_{-1};
    std::string pending_;
    bool timed_out_{false};
    std::optional<int> status_;
};

/// Node.js running a test/js script with the Promise.withResolvers polyfill, cwd = test/js.
/// Returns nullopt when test/js has no node_modules (the caller skips).
std::optional<std::vector<std::string>> node_command(std::string_view script, std::vector<std::string> args);

}  // namespace kitsunet::testing
