#include "server/place_search.h"

#include <algorithm>
#include <unordered_map>

#include "geo/name_key.h"
#include "text/fold.h"

namespace frontline::server {

PlaceSearch::PlaceSearch(const geo::Gazetteer& gazetteer) : gazetteer_(gazetteer) {
  // Folded names repeat across places ("al qaryatayn" of several): each text stored once.
  std::unordered_map<std::string_view, uint32_t> offsets;
  gazetteer.ForEachName([&](std::string_view folded, uint32_t place, uint32_t flags) {
    auto [it, added] = offsets.try_emplace(folded, static_cast<uint32_t>(names_.size()));
    if (added) names_ += folded;
    sorted_.push_back(Name{it->second, static_cast<uint32_t>(folded.size()), place, flags});
  });
  std::sort(sorted_.begin(), sorted_.end(), [&](const Name& a, const Name& b) {
    const std::string_view x = TextOf(a), y = TextOf(b);
    return x != y ? x < y : a.place < b.place;
  });
}

std::vector<PlaceSearch::Hit> PlaceSearch::Complete(std::string_view prefix,
                                                    std::string_view country,
                                                    size_t limit) const {
  std::vector<Hit> out;
  if (limit == 0) return out;
  // The index folds Latin names to plain lower-case words and other scripts within their
  // script: fold the query both ways.
  const std::string key =
      geo::IsLatinScript(prefix) ? geo::LatinFold(prefix) : text::Fold(prefix);
  struct Candidate {
    uint32_t place;
    std::string_view matched;
    bool exact;
  };
  std::vector<Candidate> candidates;
  constexpr size_t kScan = 20000;  // a prefix of one or two letters matches half the world
  if (!key.empty()) {
    auto it = std::lower_bound(sorted_.begin(), sorted_.end(), key,
                               [&](const Name& n, const std::string& k) { return TextOf(n) < k; });
    for (size_t n = 0; it != sorted_.end() && n < kScan; ++it, ++n) {
      const std::string_view text = TextOf(*it);
      if (!text.starts_with(key)) break;
      candidates.push_back(Candidate{it->place, text,
                                     text.size() == key.size() && (it->flags & geo::kMain) != 0});
    }
  }
  std::vector<std::pair<Candidate, geo::Place>> ranked;
  ranked.reserve(candidates.size());
  for (const Candidate& c : candidates) {
    geo::Place p = gazetteer_.place(c.place);
    if (!country.empty() && p.country != country) continue;
    ranked.emplace_back(c, p);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) {
    if (x.first.exact != y.first.exact) return x.first.exact;
    const geo::Place& a = x.second;
    const geo::Place& b = y.second;
    if (a.level != b.level) return a.level > b.level;
    const bool pa = a.feature_class == 'P', pb = b.feature_class == 'P';
    if (pa != pb) return pa;
    const int sa = geo::SeatImportance(a.feature_code), sb = geo::SeatImportance(b.feature_code);
    if (sa != sb) return sa > sb;
    if (a.population != b.population) return a.population > b.population;
    return a.index < b.index;
  });
  std::vector<uint32_t> seen;
  // A whole name in any transliteration ("Maarat al-Numan" for the place GeoNames spells
  // "Ma'arrat an Nu'man") comes first, as the geocoder would read it.
  for (const geo::Gazetteer::Match& m : gazetteer_.Lookup(prefix, country, limit)) {
    if (m.distance > 2 || (!country.empty() && m.place.country != country) ||
        std::find(seen.begin(), seen.end(), m.place.index) != seen.end())
      continue;
    seen.push_back(m.place.index);
    out.push_back(Hit{m.place, key});
  }
  for (const auto& [c, p] : ranked) {
    if (out.size() >= limit) break;
    if (std::find(seen.begin(), seen.end(), c.place) != seen.end()) continue;
    seen.push_back(c.place);
    out.push_back(Hit{p, std::string(c.matched)});
    if (out.size() >= limit) break;
  }
  return out;
}

}  // namespace frontline::server
