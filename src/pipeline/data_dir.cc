#include "pipeline/data_dir.h"

#include <cstdlib>

namespace frontline::pipeline {

std::string ResolveDataDir(std::string_view flag) {
  if (!flag.empty()) return std::string(flag);
  if (const char* env = std::getenv("FRONTLINE_DATA"); env != nullptr && *env != '\0') return env;
  return FRONTLINE_DATA_DIR;
}

std::string ResolveGazetteer(std::string_view flag) {
  if (!flag.empty()) return std::string(flag);
  if (const char* env = std::getenv("FRONTLINE_GAZETTEER"); env != nullptr && *env != '\0')
    return env;
  return FRONTLINE_GAZETTEER;
}

std::string ResolveWebDir(std::string_view flag) {
  if (!flag.empty()) return std::string(flag);
  if (const char* env = std::getenv("FRONTLINE_WEB"); env != nullptr && *env != '\0') return env;
  return FRONTLINE_WEB_DIR;
}

std::string PackagesDir() {
  if (const char* env = std::getenv("FRONTLINE_PACKAGES"); env != nullptr && *env != '\0')
    return env;
  return FRONTLINE_PACKAGES;
}

}  // namespace frontline::pipeline
