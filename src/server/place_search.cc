#include "server/place_search.h"

#include <algorithm>
#include <unordered_map>

#include "geo/name_key.h"
#include "text/fold.h"

namespace frontline::server {

namespace {

// A place's prominence as one number: level (country, division, place), populated or not,
// seat of government, then population (log scale).
uint32_t Rank(const geo::Place& p) {
  uint32_t population = 0;
  for (int64_t n = p.population; n > 0 && population < 63; n /= 2) ++population;
  return (static_cast<uint32_t>(p.level) << 24) | ((p.feature_class == 'P' ? 1u : 0u) << 16) |
         (static_cast<uint32_t>(geo::SeatImportance(p.feature_code)) << 8) | population;
}

}  // namespace

PlaceSearch::PlaceSearch(const geo::Gazetteer& gazetteer) : gazetteer_(gazetteer) {
  // Folded names repeat across places ("al qaryatayn" of several): each text stored once.
  std::unordered_map<std::string_view, uint32_t> offsets;
  std::vector<uint32_t> ranks(gazetteer.size());
  for (uint32_t i = 0; i < ranks.size(); ++i) ranks[i] = Rank(gazetteer.place(i));
  gazetteer.ForEachName([&](std::string_view folded, uint32_t place, uint32_t flags) {
    auto [it, added] = offsets.try_emplace(folded, static_cast<uint32_t>(names_.size()));
    if (added) names_ += folded;
    const uint32_t own = (flags & geo::kMain) != 0 ? 1u << 30 : 0;
    sorted_.push_back(Name{it->second, static_cast<uint32_t>(folded.size()), place, ranks[place] | own});
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
  // script: the query is folded the same way.
  const std::string key =
      geo::IsLatinScript(prefix) ? geo::LatinFold(prefix) : text::Fold(prefix);
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
  if (key.empty() || out.size() >= limit) return out;
  // Then every name under the prefix, ranked: the exact own name first, then prominence.
  auto first = std::lower_bound(sorted_.begin(), sorted_.end(), key,
                                [&](const Name& n, const std::string& k) { return TextOf(n) < k; });
  std::vector<std::pair<uint64_t, const Name*>> ranked;
  for (auto it = first; it != sorted_.end(); ++it) {
    const std::string_view text = TextOf(*it);
    if (!text.starts_with(key)) break;
    if (!country.empty() && gazetteer_.place(it->place).country != country) continue;
    const bool exact = text.size() == key.size() && (it->rank & (1u << 30)) != 0;
    ranked.emplace_back((uint64_t{exact} << 32) | (it->rank & ~(1u << 30)), &*it);
  }
  const size_t keep = std::min(ranked.size(), limit * 4 + seen.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end(),
                    [](const auto& a, const auto& b) {
                      return a.first != b.first ? a.first > b.first : a.second->place < b.second->place;
                    });
  for (size_t i = 0; i < keep && out.size() < limit; ++i) {
    const Name& n = *ranked[i].second;
    if (std::find(seen.begin(), seen.end(), n.place) != seen.end()) continue;
    seen.push_back(n.place);
    out.push_back(Hit{gazetteer_.place(n.place), std::string(TextOf(n))});
  }
  return out;
}

}  // namespace frontline::server
