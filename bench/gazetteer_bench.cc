// Gazetteer build and look-up speed.
//
//   gazetteer_bench FILE...   GeoNames dump files (cities500.txt, SY.txt, ...), built in memory
//   gazetteer_bench INDEX.idx an index built by `frontline gazetteer build`, opened by mmap
//
// Prints the build time, places and names indexed, peak RSS, and look-ups per second of names
// as news spells them (some found by folded name, some by name key).
#include <fmt/format.h>

#include <chrono>
#include <string>
#include <vector>

#include "corpus.h"
#include "geo/gazetteer.h"
#include "geo/geocoder.h"
#include "geo/name_key.h"

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
  const bool index = files.size() == 1 && files[0].ends_with(".idx");
  auto g = index ? geo::Gazetteer::Open(files[0])
                 : geo::Gazetteer::FromDumps(
                       files, [&](const std::string&, const std::string&) { ++problems; });
  const auto t1 = Clock::now();
  if (!g.ok()) {
    fmt::print(stderr, "{}\n", g.status().message());
    return 1;
  }
  const double build = std::chrono::duration<double>(t1 - t0).count();
  fmt::print("{} {} places, {} names in {:.3f} s ({} problem lines); peak RSS {:.0f} MiB\n",
             index ? "opened" : "built", g.value().size(), g.value().name_count(), build, problems,
             bench::PeakRssMiB());
  // Look-ups of names as news spells them: exact folds and name-key matches; once with every
  // spelling of the key ranked (the API's default), once within the geocoder's bound on edits
  // (max(2, length / 4): what extraction asks).
  const std::vector<std::string> names = {"Maarat al-Numan", "Khan Cheikhoun", "Deir ez-Zor",
                                          "Aleppo",          "Kafr Nabl",      "Jisr ash-Shughur"};
  for (const bool bounded : {false, true}) {
    fmt::print("{}\n", bounded ? "within the geocoder's bound on edits:"
                               : "every spelling of the key ranked:");
    size_t found = 0, lookups = 0;
    const auto t2 = Clock::now();
    for (const std::string& name : names) {
      const uint32_t bound =
          bounded ? geo::NearSpellingEdits(geo::LatinFold(name).size()) : UINT32_MAX;
      const auto n0 = Clock::now();
      for (int k = 0; k < 20000; ++k) {
        found += !g.value().Lookup(name, "SY", 3, bound).empty();
        ++lookups;
      }
      fmt::print("  {:<18} {:>9.0f} look-ups/s\n", name,
                 20000 / std::chrono::duration<double>(Clock::now() - n0).count());
    }
    const double secs = std::chrono::duration<double>(Clock::now() - t2).count();
    fmt::print("  {} look-ups in {:.3f} s: {:.0f} look-ups/s ({} found)\n", lookups, secs,
               lookups / secs, found);
  }
  return 0;
}
