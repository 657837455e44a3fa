#include "geo/gazetteer.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>

#include "geo/name_key.h"
#include "text/utf8.h"

namespace frontline::geo {
namespace {

// True when every letter of `name` is in the Latin blocks (up to U+024F, plus the Latin
// Extended Additional block): transliterations, not native scripts.
bool IsLatinScript(std::string_view name) {
  for (size_t i = 0; i < name.size();) {
    const char32_t cp = text::DecodeUtf8(name, i);
    if (cp > 0x24F && !(cp >= 0x1E00 && cp <= 0x1EFF) && !(cp >= 0x2B0 && cp <= 0x2FF) &&
        !(cp >= 0x2000 && cp <= 0x206F)) {
      return false;
    }
  }
  return true;
}

template <typename T>
bool ParseNumber(std::string_view s, T& out) {
  if (s.empty()) return false;
  if constexpr (std::is_floating_point_v<T>) {
    char* end = nullptr;
    const std::string copy(s);
    out = std::strtod(copy.c_str(), &end);
    return end == copy.c_str() + copy.size();
  } else {
    return std::from_chars(s.data(), s.data() + s.size(), out).ec == std::errc();
  }
}

// How prominent a populated place's feature code makes it: capital, seats of first-, second-,
// third-level divisions, then the rest.
int Importance(std::string_view code) {
  if (code == "PPLC") return 5;
  if (code == "PPLA") return 4;
  if (code == "PPLA2") return 3;
  if (code == "PPLA3") return 2;
  if (code == "PPLA4" || code == "PPL") return 1;
  return 0;
}

// Levenshtein distance between two short strings, in bytes.
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

double DistanceKm(const LatLon& a, const LatLon& b) {
  constexpr double kRadians = M_PI / 180.0;
  const double dlat = (b.lat - a.lat) * kRadians, dlon = (b.lon - a.lon) * kRadians;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat * kRadians) * std::cos(b.lat * kRadians) * std::sin(dlon / 2) *
                       std::sin(dlon / 2);
  return 6371.0 * 2 * std::asin(std::sqrt(std::min(1.0, h)));
}

void Gazetteer::AddName(uint32_t place, std::string_view name) {
  if (name.empty() || !IsLatinScript(name)) return;
  auto add = [place](std::vector<uint32_t>& list) {
    if (std::find(list.begin(), list.end(), place) == list.end()) list.push_back(place);
  };
  const std::string fold = LatinFold(name);
  if (fold.empty()) return;
  add(by_fold_[fold]);
  std::vector<KeyEntry>& keyed = by_key_[NameKey(name)];
  const bool known = std::any_of(keyed.begin(), keyed.end(), [&](const KeyEntry& e) {
    return e.place == place && e.fold == fold;
  });
  if (!known) keyed.push_back(KeyEntry{place, fold});
  ++names_;
}

Result<Gazetteer> Gazetteer::FromDumps(
    const std::vector<std::string>& paths,
    const std::function<void(const std::string&, const std::string&)>& problem) {
  Gazetteer g;
  for (const std::string& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::Error(fmt::format("{}: cannot open gazetteer file", path));
    std::string line;
    size_t line_no = 0;
    std::vector<std::string_view> cols;
    while (std::getline(in, line)) {
      ++line_no;
      if (line.empty() || line[0] == '#') continue;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      cols.clear();
      for (size_t pos = 0;;) {
        const size_t tab = line.find('\t', pos);
        cols.emplace_back(std::string_view(line).substr(
            pos, tab == std::string::npos ? std::string::npos : tab - pos));
        if (tab == std::string::npos) break;
        pos = tab + 1;
      }
      Place p;
      if (cols.size() < 15 || !ParseNumber(cols[0], p.id) ||
          !ParseNumber(cols[4], p.position.lat) || !ParseNumber(cols[5], p.position.lon) ||
          std::abs(p.position.lat) > 90 || std::abs(p.position.lon) > 180) {
        problem(fmt::format("{}:{}", path, line_no),
                fmt::format("not a GeoNames row (expected 19 TAB-separated columns with id, "
                            "latitude and longitude; got {} columns)",
                            cols.size()));
        continue;
      }
      if (text::FindInvalidUtf8(line) != std::string_view::npos) {
        problem(fmt::format("{}:{}", path, line_no), "invalid UTF-8");
        continue;
      }
      p.name = std::string(cols[1]);
      p.feature_class = cols[6].empty() ? 0 : cols[6][0];
      p.feature_code = std::string(cols[7]);
      p.country = std::string(cols[8]);
      p.admin1 = std::string(cols[10]);
      ParseNumber(cols[14], p.population);
      uint32_t index;
      if (auto it = g.by_id_.find(p.id); it != g.by_id_.end()) {
        index = it->second;
        g.places_[index] = std::move(p);
      } else {
        index = static_cast<uint32_t>(g.places_.size());
        g.by_id_.emplace(p.id, index);
        g.places_.push_back(std::move(p));
      }
      g.AddName(index, cols[1]);
      g.AddName(index, cols[2]);
      const std::string_view alternates = cols[3];
      for (size_t pos = 0; pos < alternates.size();) {
        size_t comma = alternates.find(',', pos);
        if (comma == std::string_view::npos) comma = alternates.size();
        g.AddName(index, alternates.substr(pos, comma - pos));
        pos = comma + 1;
      }
    }
  }
  return g;
}

std::vector<const Place*> Gazetteer::Lookup(std::string_view name, std::string_view country,
                                            size_t limit) const {
  std::vector<const Place*> out;
  // Appends `found` (place, spelling distance) best first, skipping places already out.
  auto rank = [&](std::vector<std::pair<const Place*, size_t>> found) {
    std::stable_sort(found.begin(), found.end(), [&](const auto& x, const auto& y) {
      if (x.second != y.second) return x.second < y.second;
      const Place* a = x.first;
      const Place* b = y.first;
      const bool ca = !country.empty() && a->country == country;
      const bool cb = !country.empty() && b->country == country;
      if (ca != cb) return ca;
      const bool pa = a->feature_class == 'P', pb = b->feature_class == 'P';
      if (pa != pb) return pa;
      // Seats of government are named in the news more than hamlets of the same name.
      if (Importance(a->feature_code) != Importance(b->feature_code)) {
        return Importance(a->feature_code) > Importance(b->feature_code);
      }
      if (a->population != b->population) return a->population > b->population;
      return a->id < b->id;
    });
    for (const auto& [p, distance] : found) {
      if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    }
  };
  const std::string fold = LatinFold(name);
  if (auto it = by_fold_.find(fold); it != by_fold_.end()) {
    std::vector<std::pair<const Place*, size_t>> found;
    for (uint32_t i : it->second) found.emplace_back(&places_[i], 0);
    rank(std::move(found));
  }
  if (auto it = by_key_.find(NameKey(name)); it != by_key_.end()) {
    // A place may carry several spellings with this key: its nearest one counts.
    std::unordered_map<const Place*, size_t> nearest;
    for (const KeyEntry& e : it->second) {
      const Place* p = &places_[e.place];
      const size_t d = EditDistance(fold, e.fold);
      auto [slot, inserted] = nearest.emplace(p, d);
      if (!inserted) slot->second = std::min(slot->second, d);
    }
    rank(std::vector<std::pair<const Place*, size_t>>(nearest.begin(), nearest.end()));
  }
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace frontline::geo
