// Where frontline finds its dictionaries (the data/ folder of the source tree or an install).
#ifndef FRONTLINE_PIPELINE_DATA_DIR_H_
#define FRONTLINE_PIPELINE_DATA_DIR_H_

#include <string>
#include <string_view>

namespace frontline::pipeline {

// The data directory: `flag` when not empty, else $FRONTLINE_DATA, else the directory the build
// was configured with (the source tree's data/).
std::string ResolveDataDir(std::string_view flag);

}  // namespace frontline::pipeline

#endif  // FRONTLINE_PIPELINE_DATA_DIR_H_
