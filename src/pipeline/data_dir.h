// Where frontline finds its dictionaries (the data/ folder of the source tree or an install).
#ifndef FRONTLINE_PIPELINE_DATA_DIR_H_
#define FRONTLINE_PIPELINE_DATA_DIR_H_

#include <string>
#include <string_view>

namespace frontline::pipeline {

// The data directory: `flag` when not empty, else $FRONTLINE_DATA, else the directory the build
// was configured with (the source tree's data/).
std::string ResolveDataDir(std::string_view flag);

// The gazetteer index: `flag` when not empty, else $FRONTLINE_GAZETTEER, else the index the
// set-up builds (var/gazetteer.idx in the source tree).
std::string ResolveGazetteer(std::string_view flag);

// The web page's built assets (scripts/build-web.sh): `flag` when not empty, else
// $FRONTLINE_WEB, else the build directory's web/.
std::string ResolveWebDir(std::string_view flag);

// Where the set-up installed the npm data packages (node_modules in the source tree), or
// $FRONTLINE_PACKAGES.
std::string PackagesDir();

}  // namespace frontline::pipeline

#endif  // FRONTLINE_PIPELINE_DATA_DIR_H_
