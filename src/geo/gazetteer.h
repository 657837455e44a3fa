// The gazetteer: GeoNames places with every Latin-script name, found by exact name or by name key.
//
// Built in memory from files in GeoNames' 19-column dump format (cities500.txt, a country file
// such as SY.txt, allCountries.txt): rows are merged by id (a later file's row replaces an
// earlier one's fields and adds its names). Names in other scripts are not indexed yet: news in
// English and French names places in Latin script. The compact on-disk index, countries and
// admin1 areas come with the rest of the geocoding stage.
#ifndef FRONTLINE_GEO_GAZETTEER_H_
#define FRONTLINE_GEO_GAZETTEER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "status/status.h"
#include "text/abbreviations.h"

namespace frontline::geo {

struct LatLon {
  double lat = 0;
  double lon = 0;
};

// Great-circle distance in kilometres (mean Earth radius 6,371 km).
double DistanceKm(const LatLon& a, const LatLon& b);

struct Place {
  int64_t id = 0;    // GeoNames id (negative or >= 990000000 for places GeoNames lacks)
  std::string name;  // the preferred name
  LatLon position;
  char feature_class = 0;    // P populated place, A administrative area, H water, ...
  std::string feature_code;  // PPL, PPLA, PPLC, ADM1, ...
  std::string country;       // ISO 3166-1 alpha-2
  std::string admin1;        // GeoNames admin1 code
  int64_t population = 0;
};

class Gazetteer {
 public:
  // Reads GeoNames dump files in order. A malformed line goes to `problem` as ("file:line",
  // what) and reading goes on; a file that cannot be opened fails the whole call.
  static Result<Gazetteer> FromDumps(
      const std::vector<std::string>& paths,
      const std::function<void(const std::string&, const std::string&)>& problem);

  // Places named `name`: those with a name that folds to the same text first, then those with
  // the same name key, nearest spelling first (edit distance between the folded names); within
  // each, places of `country` (when given) first, then populated places, seats of government
  // before other places (PPLC, PPLA, PPLA2 ...), then by population.
  // At most `limit` places.
  std::vector<const Place*> Lookup(std::string_view name, std::string_view country = "",
                                   size_t limit = 10) const;

  size_t size() const { return places_.size(); }
  size_t name_count() const { return names_; }

 private:
  void AddName(uint32_t place, std::string_view name);

  std::vector<Place> places_;
  std::unordered_map<int64_t, uint32_t> by_id_;
  using Index =
      std::unordered_map<std::string, std::vector<uint32_t>, text::StringHash, std::equal_to<>>;
  Index by_fold_;  // LatinFold(name) -> places
  struct KeyEntry {
    uint32_t place;
    std::string fold;  // the folded name that gave the key
  };
  std::unordered_map<std::string, std::vector<KeyEntry>, text::StringHash, std::equal_to<>> by_key_;
  size_t names_ = 0;
};

}  // namespace frontline::geo

#endif  // FRONTLINE_GEO_GAZETTEER_H_
