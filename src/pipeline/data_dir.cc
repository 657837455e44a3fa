#include "pipeline/data_dir.h"

#include <cstdlib>

namespace frontline::pipeline {

std::string ResolveDataDir(std::string_view flag) {
  if (!flag.empty()) return std::string(flag);
  if (const char* env = std::getenv("FRONTLINE_DATA"); env != nullptr && *env != '\0') return env;
  return FRONTLINE_DATA_DIR;
}

}  // namespace frontline::pipeline
