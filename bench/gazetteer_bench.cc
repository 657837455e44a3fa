// Gazetteer build and look-up speed.
//
//   gazetteer_bench FILE...   GeoNames dump files (cities500.txt, SY.txt, ...)
//
// Prints the build time, places and names indexed, peak RSS, and look-ups per second of names
// as news spells them (some found by folded name, some by name key).
#include <fmt/format.h>

#include <chrono>
#include <string>
#include <vector>

#include "corpus.h"
#include "geo/gazetteer.h"

int main(int argc, char** argv) {
  using namespace frontline;
  using Clock = std::chrono::steady_clock;
  std::vector<std::string> files(argv + 1, argv + argc);
  if (files.empty()) {
    fmt::print(stderr, "usage: gazetteer_bench FILE... (GeoNames dump files)\n");
    return 2;
  }
  const auto t0 = Clock::now();
  size_t problems = 0;
  auto g =
      geo::Gazetteer::FromDumps(files, [&](const std::string&, const std::string&) { ++problems; });
  const auto t1 = Clock::now();
  if (!g.ok()) {
    fmt::print(stderr, "{}\n", g.status().message());
    return 1;
  }
  const double build = std::chrono::duration<double>(t1 - t0).count();
  fmt::print("built {} places, {} names in {:.2f} s ({} problem lines); peak RSS {:.0f} MiB\n",
             g.value().size(), g.value().name_count(), build, problems, bench::PeakRssMiB());
  // Look-ups of names as news spells them: exact folds and name-key matches.
  size_t found = 0, lookups = 0;
  const auto t2 = Clock::now();
  for (const std::string& name :
       {std::string("Maarat al-Numan"), std::string("Khan Cheikhoun"), std::string("Deir ez-Zor"),
        std::string("Aleppo"), std::string("Kafr Nabl"), std::string("Jisr ash-Shughur")}) {
    for (int k = 0; k < 20000; ++k) {
      found += !g.value().Lookup(name, "SY", 3).empty();
      ++lookups;
    }
  }
  const double secs = std::chrono::duration<double>(Clock::now() - t2).count();
  fmt::print("{} look-ups in {:.3f} s: {:.0f} look-ups/s ({} found)\n", lookups, secs,
             lookups / secs, found);
  return 0;
}
