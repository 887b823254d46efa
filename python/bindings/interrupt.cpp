#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "common.hpp"

namespace narcosim::python {

void run_interruptibly(const std::function<void()>& work, CancelToken& cancel,
                       const std::function<void()>& poll) {
  std::exception_ptr failure;
  std::mutex mutex;
  std::condition_variable finished_cv;
  bool finished = false;
  std::thread worker([&] {
    try {
      work();
    } catch (...) {
      failure = std::current_exception();
    }
    const std::lock_guard lock(mutex);
    finished = true;
    finished_cv.notify_all();
  });
  // Python delivers signals only to its main thread and only when it runs Python code, so the
  // waiting thread looks for them itself (PyErr_CheckSignals runs the handlers).
  std::optional<py::error_already_set> interrupt;
  for (;;) {
    bool done = false;
    {
      const py::gil_scoped_release release;
      std::unique_lock lock(mutex);
      done = finished_cv.wait_for(lock, std::chrono::milliseconds(50), [&] { return finished; });
    }
    if (done) break;
    if (interrupt) continue;  // cancelled: wait for the work to stop
    if (PyErr_CheckSignals() != 0) {
      interrupt.emplace();  // takes the pending KeyboardInterrupt
      cancel.cancel();
      continue;
    }
    if (poll) {
      try {
        poll();
      } catch (py::error_already_set& e) {
        interrupt.emplace(std::move(e));
        cancel.cancel();
      }
    }
  }
  worker.join();
  if (interrupt) throw std::move(*interrupt);
  if (poll) poll();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace narcosim::python
