// Geocoding: place mentions found in sentences and resolved to gazetteer places.
//
// Detection matches gazetteer names on the tokens of each sentence (the longest name first,
// capitalised words, particles such as "al-" or "ez-" inside), then drops what context says is
// not a place: person names (after a title or a first name, or a surname used elsewhere after
// one), organisation and product names ("Aleppo soap"), ordinary English words and small
// places without a locative word before them, a sentence's first word. Country adjectives
// ("Turkish") are not places, except in border phrases ("the Turkish border"), which become
// relative locations anchored on the country. Containment ("Idlib province", "the governorate
// of Idlib") and relative phrases ("north of Idlib", "near the border with Turkey") are kept
// with their anchor place.
//
// Resolution ranks each mention's candidates by the kind of area the text names, the document's
// countries (from all its unambiguous mentions), a division named next to it, population,
// seat of government, spelling distance and distance to the document's other places.
#ifndef FRONTLINE_GEO_GEOCODER_H_
#define FRONTLINE_GEO_GEOCODER_H_

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "geo/gazetteer.h"
#include "status/status.h"
#include "text/layer.h"

namespace frontline::geo {

// How precisely a mention's coordinates place it.
enum class Precision : uint8_t {
  kPlace,     // a town or village
  kAdmin2,    // a district or county
  kAdmin1,    // a province, governorate, state
  kCountry,   // a country
  kRegion,    // a continent or world region
  kRelative,  // near or at some distance of the anchor place, or on a border
};

std::string_view PrecisionName(Precision precision);

// Context words, from data/geo/context.txt.
class GeoWords {
 public:
  static Result<GeoWords> Load(const std::string& data_dir);
  static Result<GeoWords> Parse(std::string_view contents, const std::string& where);

  // The category's value for `phrase` (folded words separated by spaces), or nullptr.
  const std::string* Find(std::string_view category, std::string_view phrase) const;
  bool Has(std::string_view category, std::string_view phrase) const {
    return Find(category, phrase) != nullptr;
  }

 private:
  std::unordered_map<std::string, std::string> entries_;  // "category\tphrase" -> value
};

struct Candidate {
  Place place;
  double score = 0;
  std::string why;  // the score's parts, for --explain
};

struct Toponym {
  text::Span span;       // bytes of the mention (name plus a kind word: "Idlib province")
  text::Span name_span;  // bytes of the name itself
  uint32_t sentence = 0;
  bool resolved = false;
  Place place;  // the chosen place when resolved
  Precision precision = Precision::kPlace;
  std::string relation;               // "", "north of", "near", "border", "route", ...
  std::vector<Candidate> candidates;  // best first, at most five
};

// How many edits a near spelling of a name (folded by LatinFold, `fold_size` bytes) may be
// from a gazetteer spelling for the geocoder to take it: max(2, a quarter of its length).
inline uint32_t NearSpellingEdits(size_t fold_size) {
  return std::max<uint32_t>(2, static_cast<uint32_t>(fold_size / 4));
}

class Geocoder {
 public:
  // Both must outlive the geocoder.
  Geocoder(const Gazetteer& gazetteer, const GeoWords& words);

  // The place mentions of a document, in text order.
  std::vector<Toponym> Find(std::string_view text, const text::TextLayer& layer) const;

  const Gazetteer& gazetteer() const { return *gazetteer_; }

 private:
  const Gazetteer* gazetteer_;
  const GeoWords* words_;
};

}  // namespace frontline::geo

#endif  // FRONTLINE_GEO_GEOCODER_H_
