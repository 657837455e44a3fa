// Autocomplete over the gazetteer: places whose name (in any spelling the index holds) starts
// with what the user typed, folded the way the index folds names.
#ifndef FRONTLINE_SERVER_PLACE_SEARCH_H_
#define FRONTLINE_SERVER_PLACE_SEARCH_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "geo/gazetteer.h"

namespace frontline::server {

class PlaceSearch {
 public:
  // Sorts every folded name of `gazetteer` (which must outlive this): about a second and
  // 16 bytes a name for an index of a few million names.
  explicit PlaceSearch(const geo::Gazetteer& gazetteer);

  struct Hit {
    geo::Place place;
    std::string matched;  // the folded name that matched
  };
  // At most `limit` places with a name starting with `prefix` (of `country` when given): places
  // the gazetteer finds under the whole of `prefix` in any transliteration first (as the geocoder
  // does), then places whose own name is exactly `prefix`, then the most prominent: countries,
  // divisions, capitals and seats of government, populated places, by population. Each place
  // once. A query in Latin letters matches Latin spellings; one in another script matches names
  // in that script. Every name under the prefix is ranked (a precomputed number each), so a
  // short prefix still finds the prominent places.
  std::vector<Hit> Complete(std::string_view prefix, std::string_view country, size_t limit) const;

 private:
  struct Name {
    uint32_t text;  // offset into names_
    uint32_t size;
    uint32_t place;
    uint32_t rank;  // higher first: the place's prominence (see Rank), with 1 << 31 for its own name
  };
  std::string_view TextOf(const Name& n) const { return std::string_view(names_).substr(n.text, n.size); }

  const geo::Gazetteer& gazetteer_;
  std::string names_;  // distinct folded names, concatenated
  std::vector<Name> sorted_;
};

}  // namespace frontline::server

#endif  // FRONTLINE_SERVER_PLACE_SEARCH_H_
