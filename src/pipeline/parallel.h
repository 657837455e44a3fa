// Ordered parallel processing: items produced in order, worked on by several threads, and
// consumed in the order they were produced, so output is the same bytes whatever the number
// of threads. Memory stays bounded: at most `window` items are in flight at any time.
//
// Built on oneTBB's parallel_pipeline (a serial in-order input, a parallel middle, a serial
// in-order output, with a token limit). The producer here pushes items (a reader walks files
// and calls back for each document), while the pipeline pulls them, so the producer runs on a
// thread of its own and hands items over through a bounded queue.
#ifndef FRONTLINE_PIPELINE_PARALLEL_H_
#define FRONTLINE_PIPELINE_PARALLEL_H_

#include <tbb/concurrent_queue.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <optional>
#include <thread>
#include <utility>

namespace frontline::pipeline {

// Thrown by `emit` after a stop, to unwind the producer.
struct ProducerStopped {};

// Calls `produce(emit)` on a thread of its own; each `emit(item)` queues an item. `work` runs
// on up to `jobs` threads; `consume` runs in production order, one item at a time, and returns
// false to stop early: `emit` then throws ProducerStopped, which `produce` must let pass, so a
// producer reading a pipe does not wait for the pipe's end. With jobs == 0 everything runs on
// the calling thread, one item at a time. `work` must be safe to call from several threads.
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
  // Items, then an empty optional for the end of the input.
  tbb::concurrent_bounded_queue<std::optional<In>> queue;
  queue.set_capacity(static_cast<std::ptrdiff_t>(window));
  std::atomic<bool> stopped = false;
  std::thread producer([&] {
    try {
      produce([&](In&& item) {
        if (stopped) throw ProducerStopped{};
        queue.push(std::optional<In>(std::move(item)));  // throws user_abort after abort()
      });
      queue.push(std::nullopt);  // the end of the input
    } catch (const ProducerStopped&) {
      // Stopped: a pipeline waiting on an empty queue wakes up (when the queue is full, it is
      // not waiting, and sees `stopped` at its next item).
      queue.try_push(std::nullopt);
    } catch (const tbb::user_abort&) {
    }
  });
  auto finish = [&] {
    stopped = true;
    queue.abort();  // wakes a producer blocked on a full queue
    producer.join();
  };
  // `jobs` threads run the pipeline (one of them waits on the queue when the reader is behind,
  // which it seldom is), no more than the machine has: TBB warns about, and ignores, a request
  // for more. With jobs = 1 the work runs on one thread: -j is what the user pays for.
  tbb::task_arena arena(std::min(static_cast<int>(jobs), tbb::this_task_arena::max_concurrency()));
  try {
    arena.execute([&] {
    tbb::parallel_pipeline(
        window,
        tbb::make_filter<void, In>(tbb::filter_mode::serial_in_order,
                                   [&](tbb::flow_control& control) -> In {
                                     std::optional<In> next;
                                     if (!stopped) queue.pop(next);
                                     if (stopped || !next) {
                                       control.stop();
                                       return In();
                                     }
                                     return std::move(*next);
                                   }) &
            tbb::make_filter<In, Out>(tbb::filter_mode::parallel,
                                      [&](In item) -> Out { return work(item); }) &
            tbb::make_filter<Out, void>(tbb::filter_mode::serial_in_order, [&](Out out) {
              if (!stopped && !consume(std::move(out))) stopped = true;
            }));
    });
  } catch (...) {
    finish();
    throw;
  }
  finish();
}

}  // namespace frontline::pipeline

#endif  // FRONTLINE_PIPELINE_PARALLEL_H_
