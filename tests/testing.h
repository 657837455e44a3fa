// Helpers shared by the tests: where the source tree, the data directory and ../shared are.
#ifndef FRONTLINE_TESTS_TESTING_H_
#define FRONTLINE_TESTS_TESTING_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "pipeline/pipeline.h"

namespace frontline::testing {

inline std::string SourceDir() { return FRONTLINE_SOURCE_DIR; }
inline std::string DataDir() { return SourceDir() + "/data"; }
inline std::string SharedDir() { return FRONTLINE_SHARED_DIR; }
inline std::string FrontlineBinary() { return FRONTLINE_BINARY; }

inline std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A fresh directory under the system's temporary directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("frontline-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes `contents` to `relative` (creating its directories) and returns the full path.
  std::string Write(const std::string& relative, std::string_view contents) const {
    const std::filesystem::path p = path_ / relative;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    return p.string();
  }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// The project's dictionaries, loaded once for the whole test binary.
inline const pipeline::Resources& Resources() {
  static const std::unique_ptr<pipeline::Resources> resources = [] {
    auto r = pipeline::Resources::Load(DataDir());
    if (!r.ok()) {
      ADD_FAILURE() << r.status().message();
      return std::make_unique<pipeline::Resources>();
    }
    return std::move(r).value();
  }();
  return *resources;
}

inline const pipeline::Pipeline& Pipeline() {
  static const pipeline::Pipeline pipeline(Resources());
  return pipeline;
}

#ifdef FRONTLINE_TEST_GAZETTEER
// A pipeline with the test gazetteer index (built by the geo_index CTest fixture), or null when
// the index is absent (the set-up's npm data packages are missing).
inline const pipeline::Pipeline* GazetteerPipeline() {
  static const pipeline::Pipeline* pipeline = []() -> const pipeline::Pipeline* {
    const std::string index = FRONTLINE_TEST_GAZETTEER;
    if (!std::filesystem::exists(index)) return nullptr;
    auto resources = pipeline::Resources::Load(DataDir());
    if (!resources.ok()) {
      ADD_FAILURE() << resources.status().message();
      return nullptr;
    }
    pipeline::Resources* r = std::move(resources).value().release();  // lives as long as the test
    const Status s = r->OpenGazetteer(index);
    if (!s.ok()) {
      ADD_FAILURE() << s.message();
      return nullptr;
    }
    return new pipeline::Pipeline(*r);
  }();
  return pipeline;
}
#endif

}  // namespace frontline::testing

// Skips the current test with a clear message when ../shared is not beside the checkout.
#define FRONTLINE_REQUIRE_SHARED(path)                                                         \
  do {                                                                                         \
    if (!std::filesystem::exists(path)) {                                                      \
      GTEST_SKIP() << "skipped: " << (path) << " is absent (outside data lives in ../shared)"; \
    }                                                                                          \
  } while (0)

#endif  // FRONTLINE_TESTS_TESTING_H_
