// The gazetteer: GeoNames places, countries and first-level divisions with every name, in one
// compact binary index that opens by mmap.
//
// A GazetteerBuilder reads GeoNames' 19-column dumps (cities500.txt, a country file such as
// SY.txt, allCountries.txt; rows merged by id: the first file's values stand, a later file
// adds its names and fills the fields the first left empty), countries (the npm package
// world-countries: names in English and French, ISO codes, demonyms, capital, centre) and
// first-level divisions (the npm package country-state-city: names, ISO codes, centres; matched to
// GeoNames admin1 codes), and writes the index. A Gazetteer opens one (or holds one built in
// memory) and finds places by name: by the folded name first, then by name key, nearest spelling
// first.
//
// Index layout (little-endian, all offsets from the file's start): a header, the place records
// (fixed size), the string pool, and two open-addressing hash tables (folded name -> places,
// name key -> (place, folded name)) with their posting lists. Nothing is parsed on open.
#ifndef FRONTLINE_GEO_GAZETTEER_H_
#define FRONTLINE_GEO_GAZETTEER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "status/status.h"

namespace frontline::geo {

struct LatLon {
  double lat = 0;
  double lon = 0;
};

// True when every letter of `name` is in the Latin blocks: a transliteration, not a native
// script.
bool IsLatinScript(std::string_view name);

// How prominent a feature code makes a place: capital 5, seats of first- to third-level
// divisions 4..2, other populated places 1, the rest 0.
int SeatImportance(std::string_view feature_code);

// Great-circle distance in kilometres (mean Earth radius 6,371 km).
double DistanceKm(const LatLon& a, const LatLon& b);

// What kind of place an entry is.
enum class Level : uint8_t {
  kPlace = 0,    // a populated place or another GeoNames feature
  kAdmin1 = 1,   // a first-level division (province, governorate, state)
  kCountry = 2,  // a country
  kRegion = 3,   // a continent or a named world region
};

std::string_view LevelName(Level level);

// One place of the index, as a view: the strings point into the index and live as long as it.
struct Place {
  uint32_t index = 0;  // position in the index
  int64_t id = 0;      // GeoNames id; 0 when the place has none (countries, divisions, regions)
  std::string_view name;
  LatLon position;
  char feature_class = 0;         // P populated place, A administrative area, H water, ...
  std::string_view feature_code;  // PPL, PPLA, PPLC, ADM1, PCLI, CONT ...
  std::string_view country;       // ISO 3166-1 alpha-2 ("" for regions)
  std::string_view admin1;        // GeoNames admin1 code ("12" for Idlib in Syria)
  Level level = Level::kPlace;
  int64_t population = 0;
};

// Flags of one name of the index.
enum NameFlag : uint32_t {
  kCommonWord = 1,    // the name, lower-cased, is an ordinary English word ("Mobile", "Reading")
  kDemonym = 2,       // an adjective or demonym of the country ("Syrian", "syrienne")
  kAbbreviation = 4,  // a country's initials ("US", "U.S.", "UK")
  kMain = 8,          // the place's own name (GeoNames name or ASCII name, a country's name)
};

class Gazetteer {
 public:
  Gazetteer();
  Gazetteer(Gazetteer&&) noexcept;
  Gazetteer& operator=(Gazetteer&&) noexcept;
  ~Gazetteer();

  // Opens an index file written by GazetteerBuilder::Write (mmap, read-only). Fails with the
  // path and what is wrong when the file is missing, truncated or of another format.
  static Result<Gazetteer> Open(const std::string& path);
  // Takes an index built in memory (GazetteerBuilder::Finish).
  static Result<Gazetteer> FromBytes(std::string bytes);
  // Convenience: builds an index in memory from GeoNames dump files alone (no countries or
  // divisions). Problems with single lines go to `problem` as ("file:line", what).
  static Result<Gazetteer> FromDumps(
      const std::vector<std::string>& paths,
      const std::function<void(const std::string&, const std::string&)>& problem);

  size_t size() const;        // places
  size_t name_count() const;  // distinct (folded name, place) pairs
  size_t bytes() const;       // size of the index

  Place place(uint32_t index) const;
  // The place with GeoNames id `id`, or nullptr-equivalent (index == UINT32_MAX) when absent.
  bool FindId(int64_t id, Place& out) const;
  // The first-level division `admin1` of `country`, when the index has one.
  bool FindAdmin1(std::string_view country, std::string_view admin1, Place& out) const;
  // The country with ISO code `country`, when the index has it.
  bool FindCountry(std::string_view country, Place& out) const;

  struct Match {
    Place place;
    uint32_t distance = 0;  // 0: same folded name; else edit distance of the nearest spelling
    uint32_t flags = 0;     // NameFlag bits of the name that matched
  };
  // Places named `name` (any script): those with a name that folds to the same text first,
  // then those with the same name key, nearest spelling first; within each, places of
  // `country` (when given) first, then countries, divisions, populated places, seats of
  // government before other places (PPLC, PPLA, PPLA2 ...), then by population. At most
  // `limit` places. With `max_edits`, spellings of the key more than that many edits from
  // the name are left out (the same places as filtering the full answer, found faster); with
  // `country_only`, the key's places outside `country` too.
  std::vector<Match> Lookup(std::string_view name, std::string_view country = "", size_t limit = 10,
                            uint32_t max_edits = UINT32_MAX, bool country_only = false) const;
  // Only the exact (folded) names: no key matching. `folded` must already be folded
  // (LatinFold). Cheap: used to try every phrase of a sentence.
  std::vector<Match> LookupFolded(std::string_view folded) const;
  // Whether some name of the index starts with the folded word `word` followed by a space or
  // ends there: prunes phrase matching.
  bool StartsName(std::string_view word) const;
  // Calls `visit` with every (folded name, place index, NameFlag bits) of the index, in the
  // index's order.
  void ForEachName(const std::function<void(std::string_view folded, uint32_t place,
                                            uint32_t flags)>& visit) const;
  // Whether the folded word is an ordinary English word (from the word list given at build).
  bool IsCommonWord(std::string_view word) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Compiles places into an index.
class GazetteerBuilder {
 public:
  using ProblemSink = std::function<void(const std::string&, const std::string&)>;

  GazetteerBuilder();
  ~GazetteerBuilder();

  // Adds a GeoNames dump. Malformed lines go to `problem`; an unreadable file fails the call.
  Status AddDump(const std::string& path, const ProblemSink& problem);
  // Adds countries from world-countries' countries.json, and the continents and world regions
  // they belong to (centred on the mean of their countries' centres).
  Status AddCountries(const std::string& path);
  // Adds the English names that country-state-city's country.json gives countries already
  // added ("Turkey" beside world-countries' "Türkiye", "Ivory Coast"); call after
  // AddCountries.
  Status AddCountryNames(const std::string& path);
  // Adds first-level divisions from country-state-city's state.json; each is matched to the
  // GeoNames admin1 code of the places around it (call after the dumps).
  Status AddDivisions(const std::string& path);
  // Marks names that are ordinary English words, from a word list (one word per line; only
  // all-lower-case entries count).
  Status MarkCommonWords(const std::string& words_path);

  size_t size() const;
  // The finished index.
  std::string Finish() const;
  // Writes the index to `path` atomically (temporary file, then rename).
  Status Write(const std::string& path) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace frontline::geo

#endif  // FRONTLINE_GEO_GAZETTEER_H_
