// Ordered parallel processing: output in input order whatever the number of threads, and an
// early stop that unwinds the producer.
#include "pipeline/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace frontline::pipeline {
namespace {

TEST(OrderedParallel, KeepsInputOrderWhateverTheThreads) {
  for (const size_t jobs : {0, 1, 2, 4, 8}) {
    std::vector<int> out;
    OrderedParallel<int, std::string>(
        jobs, 3,
        [](const std::function<void(int&&)>& emit) {
          for (int i = 0; i < 500; ++i) emit(int{i});
        },
        [](int& i) {
          // Uneven work, so that later items often finish first.
          if (i % 7 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
          return std::to_string(i);
        },
        [&](std::string&& s) {
          out.push_back(std::stoi(s));
          return true;
        });
    ASSERT_EQ(out.size(), 500u) << jobs << " jobs";
    for (int i = 0; i < 500; ++i) ASSERT_EQ(out[static_cast<size_t>(i)], i) << jobs << " jobs";
  }
}

TEST(OrderedParallel, StopsEarlyAndUnwindsTheProducer) {
  for (const size_t jobs : {0, 2}) {
    std::atomic<int> produced = 0;
    bool unwound = false;
    std::vector<int> out;
    OrderedParallel<int, int>(
        jobs, 4,
        [&](const std::function<void(int&&)>& emit) {
          struct Guard {
            bool& flag;
            ~Guard() { flag = true; }
          } guard{unwound};
          for (int i = 0; i < 1000000; ++i) {
            emit(int{i});
            ++produced;
          }
        },
        [](int& i) { return i; },
        [&](int&& i) {
          out.push_back(i);
          return i < 9;
        });
    EXPECT_EQ(out.size(), 10u) << jobs << " jobs";
    EXPECT_TRUE(unwound);
    EXPECT_LT(produced.load(), 100) << "the producer went on after the stop";
  }
}

}  // namespace
}  // namespace frontline::pipeline
