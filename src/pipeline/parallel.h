// Ordered parallel processing: items produced in order, worked on by several threads, and
// consumed in the order they were produced, so output is the same bytes whatever the number
// of threads. Memory stays bounded: at most `window` items are between the producer and the
// consumer at any time.
#ifndef FRONTLINE_PIPELINE_PARALLEL_H_
#define FRONTLINE_PIPELINE_PARALLEL_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace frontline::pipeline {

// Calls `produce(emit)` on a thread of its own; each `emit(item)` queues an item. `work` runs
// on `jobs` threads (at least one); `consume` runs on the calling thread, in production order,
// and returns false to stop early (the producer's later items are dropped, emit returns
// quickly). With jobs == 0 everything runs on the calling thread, one item at a time.
// After a stop, `emit` throws an exception of its own that unwinds `produce` (which must let
// it pass), so a producer reading a pipe does not wait for the pipe's end.
// `work` must be safe to call from several threads at once.
struct ProducerStopped {};

template <typename In, typename Out>
void OrderedParallel(size_t jobs, size_t window,
                     const std::function<void(const std::function<void(In&&)>&)>& produce,
                     const std::function<Out(In&)>& work,
                     const std::function<bool(Out&&)>& consume) {
  if (jobs == 0) {
    try {
      produce([&](In&& item) {
        if (!consume(work(item))) throw ProducerStopped{};
      });
    } catch (const ProducerStopped&) {
    }
    return;
  }
  if (window < jobs) window = jobs;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::pair<size_t, In>> queue;  // produced, not yet taken by a worker
  std::map<size_t, Out> done;               // worked, not yet consumed
  size_t produced = 0, consumed = 0;
  bool finished = false, stopped = false;

  std::thread producer([&] {
    try {
      produce([&](In&& item) {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stopped || produced - consumed < window; });
        if (stopped) throw ProducerStopped{};
        queue.emplace_back(produced++, std::move(item));
        changed.notify_all();
      });
    } catch (const ProducerStopped&) {
    }
    std::lock_guard lock(mutex);
    finished = true;
    changed.notify_all();
  });
  std::vector<std::thread> workers;
  for (size_t i = 0; i < jobs; ++i) {
    workers.emplace_back([&] {
      while (true) {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stopped || !queue.empty() || finished; });
        if (stopped || queue.empty()) return;
        auto [index, item] = std::move(queue.front());
        queue.pop_front();
        lock.unlock();
        Out out = work(item);
        lock.lock();
        done.emplace(index, std::move(out));
        changed.notify_all();
      }
    });
  }
  while (true) {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] {
      return done.count(consumed) > 0 || (finished && queue.empty() && consumed == produced);
    });
    auto next = done.find(consumed);
    if (next == done.end()) break;  // everything produced was consumed
    Out out = std::move(next->second);
    done.erase(next);
    lock.unlock();
    const bool go_on = consume(std::move(out));
    lock.lock();
    ++consumed;
    changed.notify_all();
    if (!go_on) {
      stopped = true;
      break;
    }
  }
  {
    std::lock_guard lock(mutex);
    stopped = true;
    changed.notify_all();
  }
  producer.join();
  for (std::thread& worker : workers) worker.join();
}

}  // namespace frontline::pipeline

#endif  // FRONTLINE_PIPELINE_PARALLEL_H_
