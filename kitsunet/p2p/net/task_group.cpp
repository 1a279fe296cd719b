#include "kitsunet/p2p/net/task_group.hpp"

#include <exception>

#include <spdlog/spdlog.h>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/system/system_error.hpp>

namespace kitsunet::p2p {

namespace asio = boost::asio;

namespace {

void log_failure(const std::string& name, const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const boost::system::system_error& e) {
        if (e.code() != asio::error::operation_aborted)
            spdlog::debug("task {} ended: {}", name.empty() ? "?" : name, e.what());
    } catch (const std::exception& e) {
        spdlog::debug("task {} failed: {}", name.empty() ? "?" : name, e.what());
    } catch (...) {
        spdlog::debug("task {} failed", name.empty() ? "?" : name);
    }
}

}  // namespace

TaskGroup::TaskGroup(const asio::any_io_executor& executor) : executor_(executor), idle_(executor) {}

void TaskGroup::spawn(Task<void> task, std::string name) {
    auto it = tasks_.emplace(tasks_.end());
    it->name = std::move(name);
    asio::co_spawn(executor_, std::move(task),
                   asio::bind_cancellation_slot(it->signal.slot(), [this, it](std::exception_ptr error) {
                       it->ended = true;
                       if (error) log_failure(it->name, error);
                       // The entry (and its signal) goes once co_spawn has fully unwound.
                       asio::post(executor_, [this, it] { finished(it); });
                   }));
    if (cancelled_) it->signal.emit(asio::cancellation_type::terminal);
}

void TaskGroup::finished(std::list<Entry>::iterator it) noexcept {
    tasks_.erase(it);
    if (tasks_.empty()) idle_.notify();
}

void TaskGroup::cancel() noexcept {
    cancelled_ = true;
    for (auto& entry : tasks_)
        if (!entry.ended) entry.signal.emit(asio::cancellation_type::terminal);
}

Task<void> TaskGroup::join() {
    bool aborted = false;
    while (!tasks_.empty()) {
        try {
            co_await idle_.wait();
        } catch (const boost::system::system_error& e) {
            if (e.code() != asio::error::operation_aborted) throw;
            aborted = true;
        }
        if (aborted) {
            // Our caller gave up waiting: stop the tasks, and still wait for them to end.
            cancel();
            co_await asio::this_coro::reset_cancellation_state();
        }
    }
    if (aborted) throw boost::system::system_error(asio::error::operation_aborted);
}

}  // namespace kitsunet::p2p
