#include "geo/gazetteer.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "geo/edit_distance.h"
#include "geo/name_key.h"
#include "text/data_file.h"
#include "text/fold.h"
#include "text/utf8.h"

namespace frontline::geo {
namespace {

constexpr char kMagic[8] = {'F', 'L', 'G', 'A', 'Z', 'I', 'X', '1'};

// On-disk records. Plain old data, written and read as bytes.
struct Header {
  char magic[8];
  uint32_t places;
  uint32_t names;    // (folded name, place) pairs
  uint64_t strings;  // offset of the string pool
  uint64_t fold_slots, fold_slot_count, fold_entries, fold_postings;
  uint64_t key_slots, key_slot_count, key_entries, key_postings;
  uint64_t word_slots, word_slot_count, word_entries;
  uint64_t by_id;  // (id, place) pairs sorted by id
  uint64_t by_id_count;
  uint64_t total;  // file size, to detect truncation
};

struct PlaceRecord {
  int64_t id;
  double lat;
  double lon;
  int64_t population;
  uint32_t name;  // string offsets (length-prefixed strings in the pool)
  uint32_t fcode;
  uint32_t admin1;
  char country[2];
  char feature_class;
  uint8_t level;
};

struct Entry {
  uint64_t hash;
  uint32_t text;           // string offset of the folded name or key
  uint32_t posting_begin;  // index into the postings array
  uint32_t posting_count;
  uint32_t unused;
};

struct Posting {
  uint32_t place;
  uint32_t value;  // fold table: NameFlag bits; key table: string offset of the folded name
};

uint64_t Hash(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

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

// The folded form under which a name is indexed: Latin transliterations folded to plain
// lower-case words; names in other scripts folded within their script (matched exactly).
std::string IndexFold(std::string_view name) {
  return IsLatinScript(name) ? LatinFold(name) : ScriptFold(name);
}

// A packaged data file that holds one JSON array (`what` names the file in messages, `items`
// what its array holds).
Result<nlohmann::json> ReadJsonArray(const std::string& path, std::string_view what,
                                     std::string_view items) {
  auto bytes = text::ReadDataFile(path, what);
  if (!bytes.ok()) return bytes.status();
  nlohmann::json all = nlohmann::json::parse(bytes.value(), nullptr, false);
  if (all.is_discarded() || !all.is_array()) {
    return Status::Error(fmt::format("{}: not a JSON array of {}", path, items));
  }
  return all;
}

// The centre (planar centroid in degrees) of the largest polygon of a GeoJSON outline.
std::optional<LatLon> LargestPolygonCentre(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  double best_area = 0;
  std::optional<LatLon> best;
  auto ring = [&](const nlohmann::json& points) {
    if (!points.is_array() || points.size() < 4) return;
    double a = 0, cx = 0, cy = 0;
    for (size_t i = 0; i + 1 < points.size(); ++i) {
      const auto& p = points[i];
      const auto& q = points[i + 1];
      if (!p.is_array() || !q.is_array() || p.size() < 2 || q.size() < 2 || !p[0].is_number() ||
          !p[1].is_number() || !q[0].is_number() || !q[1].is_number())
        return;
      const double x0 = p[0].get<double>(), y0 = p[1].get<double>();
      const double x1 = q[0].get<double>(), y1 = q[1].get<double>();
      const double cross = x0 * y1 - x1 * y0;
      a += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
    if (std::abs(a) > best_area) {
      best_area = std::abs(a);
      best = LatLon{cy / (3 * a), cx / (3 * a)};
    }
  };
  std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& g) {
    if (!g.is_object()) return;
    const std::string type = g.value("type", "");
    if (type == "FeatureCollection" && g.contains("features")) {
      for (const auto& f : g["features"]) walk(f);
    } else if (type == "Feature" && g.contains("geometry")) {
      walk(g["geometry"]);
    } else if (type == "Polygon" && g.contains("coordinates") && g["coordinates"].is_array() &&
               !g["coordinates"].empty()) {
      ring(g["coordinates"][0]);
    } else if (type == "MultiPolygon" && g.contains("coordinates") && g["coordinates"].is_array()) {
      for (const auto& poly : g["coordinates"])
        if (poly.is_array() && !poly.empty()) ring(poly[0]);
    }
  };
  walk(j);
  return best;
}

size_t SlotCount(size_t entries) {
  size_t n = 16;
  while (n < entries * 2) n <<= 1;
  return n;
}

}  // namespace

// True when every letter of `name` is in the Latin blocks: transliterations, not native scripts.
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

// How prominent a feature code makes a place: capital, seats of divisions, then the rest.
int SeatImportance(std::string_view code) {
  if (code == "PPLC") return 5;
  if (code == "PPLA") return 4;
  if (code == "PPLA2") return 3;
  if (code == "PPLA3") return 2;
  if (code == "PPLA4" || code == "PPL") return 1;
  return 0;
}

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kPlace:
      return "place";
    case Level::kAdmin1:
      return "admin1";
    case Level::kCountry:
      return "country";
    case Level::kRegion:
      return "region";
  }
  return "place";
}

double DistanceKm(const LatLon& a, const LatLon& b) {
  constexpr double kRadians = M_PI / 180.0;
  const double dlat = (b.lat - a.lat) * kRadians, dlon = (b.lon - a.lon) * kRadians;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat * kRadians) * std::cos(b.lat * kRadians) * std::sin(dlon / 2) *
                       std::sin(dlon / 2);
  return 6371.0 * 2 * std::asin(std::sqrt(std::min(1.0, h)));
}

// ---------------------------------------------------------------------------------------------
// Reading

struct Gazetteer::Impl {
  std::string owned;  // an index built in memory
  void* mapped = nullptr;
  size_t size = 0;
  const char* base = nullptr;
  const Header* header = nullptr;

  ~Impl() {
    if (mapped != nullptr) munmap(mapped, size);
  }

  std::string_view String(uint32_t offset) const {
    const char* p = base + header->strings + offset;
    uint32_t length;
    std::memcpy(&length, p, 4);
    return std::string_view(p + 4, length);
  }
  const PlaceRecord& Record(uint32_t i) const {
    return reinterpret_cast<const PlaceRecord*>(base + sizeof(Header))[i];
  }
  // The entry of `text` in a table, or nullptr.
  const Entry* Find(uint64_t slots_at, uint64_t slot_count, uint64_t entries_at,
                    std::string_view text) const {
    if (slot_count == 0) return nullptr;
    const uint32_t* slots = reinterpret_cast<const uint32_t*>(base + slots_at);
    const Entry* entries = reinterpret_cast<const Entry*>(base + entries_at);
    const uint64_t h = Hash(text);
    for (uint64_t s = h & (slot_count - 1);; s = (s + 1) & (slot_count - 1)) {
      const uint32_t e = slots[s];
      if (e == 0) return nullptr;
      const Entry& entry = entries[e - 1];
      if (entry.hash == h && String(entry.text) == text) return &entry;
    }
  }
  const Posting* Postings(uint64_t at) const { return reinterpret_cast<const Posting*>(base + at); }

  Status Check(const std::string& where) {
    if (size < sizeof(Header) || std::memcmp(base, kMagic, sizeof(kMagic)) != 0) {
      return Status::Error(fmt::format(
          "{}: not a frontline gazetteer index (build one with `frontline gazetteer build`)",
          where));
    }
    header = reinterpret_cast<const Header*>(base);
    if (header->total != size) {
      return Status::Error(fmt::format("{}: gazetteer index is truncated ({} of {} bytes)", where,
                                       size, header->total));
    }
    return Status::Ok();
  }
};

Gazetteer::Gazetteer() = default;
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;
Gazetteer::~Gazetteer() = default;

Result<Gazetteer> Gazetteer::Open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Status::Error(
        fmt::format("{}: cannot open gazetteer index ({}); build it with "
                    "`frontline gazetteer build`",
                    path, std::strerror(errno)));
  }
  struct stat st {};
  if (fstat(fd, &st) != 0 || st.st_size <= 0) {
    ::close(fd);
    return Status::Error(fmt::format("{}: empty gazetteer index", path));
  }
  void* p = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) {
    return Status::Error(fmt::format("{}: cannot map gazetteer index", path));
  }
  Gazetteer g;
  g.impl_ = std::make_unique<Impl>();
  g.impl_->mapped = p;
  g.impl_->size = static_cast<size_t>(st.st_size);
  g.impl_->base = static_cast<const char*>(p);
  if (Status s = g.impl_->Check(path); !s.ok()) return s;
  return g;
}

Result<Gazetteer> Gazetteer::FromBytes(std::string bytes) {
  Gazetteer g;
  g.impl_ = std::make_unique<Impl>();
  g.impl_->owned = std::move(bytes);
  g.impl_->size = g.impl_->owned.size();
  g.impl_->base = g.impl_->owned.data();
  if (Status s = g.impl_->Check("(in memory)"); !s.ok()) return s;
  return g;
}

Result<Gazetteer> Gazetteer::FromDumps(
    const std::vector<std::string>& paths,
    const std::function<void(const std::string&, const std::string&)>& problem) {
  GazetteerBuilder builder;
  for (const std::string& path : paths) {
    if (Status s = builder.AddDump(path, problem); !s.ok()) return s;
  }
  return FromBytes(builder.Finish());
}

size_t Gazetteer::size() const { return impl_ ? impl_->header->places : 0; }
size_t Gazetteer::name_count() const { return impl_ ? impl_->header->names : 0; }
size_t Gazetteer::bytes() const { return impl_ ? impl_->size : 0; }

Place Gazetteer::place(uint32_t index) const {
  const PlaceRecord& r = impl_->Record(index);
  Place p;
  p.index = index;
  p.id = r.id;
  p.name = impl_->String(r.name);
  p.position = {r.lat, r.lon};
  p.feature_class = r.feature_class;
  p.feature_code = impl_->String(r.fcode);
  p.country = std::string_view(r.country, r.country[0] == 0 ? 0 : 2);
  p.admin1 = impl_->String(r.admin1);
  p.level = static_cast<Level>(r.level);
  p.population = r.population;
  return p;
}

bool Gazetteer::FindId(int64_t id, Place& out) const {
  if (!impl_ || id == 0) return false;
  struct IdPair {
    int64_t id;
    uint64_t place;
  };
  const IdPair* begin = reinterpret_cast<const IdPair*>(impl_->base + impl_->header->by_id);
  const IdPair* end = begin + impl_->header->by_id_count;
  const IdPair* it =
      std::lower_bound(begin, end, id, [](const IdPair& p, int64_t v) { return p.id < v; });
  if (it == end || it->id != id) return false;
  out = place(static_cast<uint32_t>(it->place));
  return true;
}

bool Gazetteer::FindAdmin1(std::string_view country, std::string_view admin1, Place& out) const {
  if (!impl_ || admin1.empty()) return false;
  const Entry* e =
      impl_->Find(impl_->header->word_slots, impl_->header->word_slot_count,
                  impl_->header->word_entries, fmt::format("\x01{}.{}", country, admin1));
  if (e == nullptr) return false;
  out = place(e->posting_begin);
  return true;
}

bool Gazetteer::FindCountry(std::string_view country, Place& out) const {
  if (!impl_ || country.empty()) return false;
  const Entry* e = impl_->Find(impl_->header->word_slots, impl_->header->word_slot_count,
                               impl_->header->word_entries, fmt::format("\x02{}", country));
  if (e == nullptr) return false;
  out = place(e->posting_begin);
  return true;
}

bool Gazetteer::IsCommonWord(std::string_view word) const {
  return impl_ && impl_->Find(impl_->header->word_slots, impl_->header->word_slot_count,
                              impl_->header->word_entries, fmt::format("\x03{}", word)) != nullptr;
}

bool Gazetteer::StartsName(std::string_view word) const {
  return impl_ && impl_->Find(impl_->header->word_slots, impl_->header->word_slot_count,
                              impl_->header->word_entries, word) != nullptr;
}

std::vector<Gazetteer::Match> Gazetteer::LookupFolded(std::string_view folded) const {
  std::vector<Match> out;
  if (!impl_) return out;
  const Header& h = *impl_->header;
  if (const Entry* e = impl_->Find(h.fold_slots, h.fold_slot_count, h.fold_entries, folded)) {
    const Posting* p = impl_->Postings(h.fold_postings) + e->posting_begin;
    out.reserve(e->posting_count);
    for (uint32_t k = 0; k < e->posting_count; ++k) {
      out.push_back(Match{place(p[k].place), 0, p[k].value});
    }
  }
  return out;
}

void Gazetteer::ForEachName(
    const std::function<void(std::string_view, uint32_t, uint32_t)>& visit) const {
  if (!impl_) return;
  const Header& h = *impl_->header;
  const uint32_t* slots = reinterpret_cast<const uint32_t*>(impl_->base + h.fold_slots);
  const Entry* entries = reinterpret_cast<const Entry*>(impl_->base + h.fold_entries);
  const Posting* postings = impl_->Postings(h.fold_postings);
  for (uint64_t s = 0; s < h.fold_slot_count; ++s) {
    if (slots[s] == 0) continue;
    const Entry& e = entries[slots[s] - 1];
    const std::string_view folded = impl_->String(e.text);
    for (uint32_t k = 0; k < e.posting_count; ++k) {
      visit(folded, postings[e.posting_begin + k].place, postings[e.posting_begin + k].value);
    }
  }
}

std::vector<Gazetteer::Match> Gazetteer::Lookup(std::string_view name, std::string_view country,
                                                size_t limit, uint32_t max_edits,
                                                bool country_only) const {
  std::vector<Match> out;
  if (!impl_) return out;
  const Header& h = *impl_->header;
  // The ranking; a total order (the index breaks ties), so the same input always ranks alike.
  auto before = [&](const Match& x, const Match& y) {
    if (x.distance != y.distance) return x.distance < y.distance;
    const Place& a = x.place;
    const Place& b = y.place;
    const bool ca = !country.empty() && a.country == country;
    const bool cb = !country.empty() && b.country == country;
    if (ca != cb) return ca;
    if (a.level != b.level) return a.level > b.level;
    const bool pa = a.feature_class == 'P', pb = b.feature_class == 'P';
    if (pa != pb) return pa;
    // Seats of government are named in the news more than hamlets of the same name.
    if (SeatImportance(a.feature_code) != SeatImportance(b.feature_code)) {
      return SeatImportance(a.feature_code) > SeatImportance(b.feature_code);
    }
    if (a.population != b.population) return a.population > b.population;
    return a.index < b.index;
  };
  auto rank = [&](std::vector<Match> found) {
    std::stable_sort(found.begin(), found.end(), before);
    for (Match& m : found) {
      const bool known = std::any_of(
          out.begin(), out.end(), [&](const Match& o) { return o.place.index == m.place.index; });
      if (!known) out.push_back(std::move(m));
    }
  };
  // Names written in another script are indexed as written; try that first.
  if (!IsLatinScript(name)) rank(LookupFolded(ScriptFold(name)));
  const std::string fold = LatinFold(name);
  rank(LookupFolded(fold));
  if (out.size() >= limit) {
    out.resize(limit);
    return out;
  }
  if (const Entry* e =
          impl_->Find(h.key_slots, h.key_slot_count, h.key_entries, NameKeyOfFolded(fold))) {
    // A place may carry several spellings with this key: its nearest one counts. Spellings
    // more than `max_edits` edits away are left out as soon as that is certain.
    const Posting* p = impl_->Postings(h.key_postings) + e->posting_begin;
    const size_t bound = max_edits == UINT32_MAX ? SIZE_MAX : max_edits;
    thread_local std::vector<std::pair<uint32_t, uint32_t>> near;  // place, distance + 1
    near.clear();
    const SpellingDistance distance(fold);
    for (uint32_t k = 0; k < e->posting_count; ++k) {
      const size_t edits = distance.To(impl_->String(p[k].value), bound);
      if (bound != SIZE_MAX && edits > bound) continue;
      near.emplace_back(p[k].place, static_cast<uint32_t>(edits) + 1);
    }
    std::sort(near.begin(), near.end());
    // The ranking of `before`, as one tuple per place read from its record: a key may hold
    // thousands of places ("alp" for Aleppo), of which only `limit` become matches.
    struct Ranked {
      uint32_t distance;
      bool other_country;
      int level, not_populated, seat;
      int64_t population;
      uint32_t index;
      auto Tie() const {
        return std::tie(distance, other_country, level, not_populated, seat, population, index);
      }
    };
    thread_local std::vector<Ranked> ranked;
    ranked.clear();
    for (size_t k = 0; k < near.size(); ++k) {
      if (k > 0 && near[k].first == near[k - 1].first) continue;  // the nearest came first
      const uint32_t index = near[k].first;
      if (std::any_of(out.begin(), out.end(),
                      [&](const Match& o) { return o.place.index == index; }))
        continue;
      const PlaceRecord& r = impl_->Record(index);
      const std::string_view record_country(r.country, r.country[0] == 0 ? 0 : 2);
      if (country_only && record_country != country) continue;
      ranked.push_back(Ranked{near[k].second, !country.empty() && record_country != country,
                              -static_cast<int>(r.level), r.feature_class == 'P' ? 0 : 1,
                              -SeatImportance(impl_->String(r.fcode)), -r.population, index});
    }
    const size_t room = std::min(limit - out.size(), ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(room),
                      ranked.end(),
                      [](const Ranked& x, const Ranked& y) { return x.Tie() < y.Tie(); });
    for (size_t k = 0; k < room; ++k)
      out.push_back(Match{place(ranked[k].index), ranked[k].distance, 0});
  }
  if (out.size() > limit) out.resize(limit);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Building

namespace {

struct BuildPlace {
  int64_t id = 0;
  std::string name;
  double lat = 0, lon = 0;
  char feature_class = 0;
  std::string fcode, country, admin1;
  int64_t population = 0;
  Level level = Level::kPlace;
  std::vector<std::pair<std::string, uint32_t>> names;  // name, NameFlag bits
};

// Suffixes that name the kind of a first-level division.
constexpr std::string_view kDivisionWords[] = {
    "governorate",   "province",   "region",     "district",     "state",   "oblast",
    "prefecture",    "county",     "department", "municipality", "emirate", "territory",
    "division",      "autonomous", "republic",   "voivodeship",  "canton",  "parish",
    "muhafazah",     "wilayah",    "vilayet",    "krai",         "okrug",   "raion",
    "city",          "capital",    "area",       "zone",         "island",  "islands",
    "department of", "regional",   "special",    "metropolitan", "federal", "of"};

// A division's name without the words that say what kind of division it is.
std::string BareDivisionName(std::string_view name) {
  std::string folded = LatinFold(name);
  std::vector<std::string> words;
  for (size_t i = 0; i < folded.size();) {
    size_t j = folded.find(' ', i);
    if (j == std::string::npos) j = folded.size();
    words.push_back(folded.substr(i, j - i));
    i = j + 1;
  }
  auto is_kind = [](const std::string& w) {
    return std::find(std::begin(kDivisionWords), std::end(kDivisionWords), w) !=
           std::end(kDivisionWords);
  };
  while (!words.empty() && is_kind(words.back())) words.pop_back();
  while (!words.empty() && is_kind(words.front())) words.erase(words.begin());
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

}  // namespace

struct GazetteerBuilder::Impl {
  std::vector<BuildPlace> places;
  std::unordered_map<int64_t, uint32_t> by_id;
  std::unordered_set<std::string> common_words;
  // Countries by ISO code, for regions.
  std::map<std::string, std::pair<std::string, std::string>> country_regions;  // region, sub
  std::map<std::string, double> country_area;                                  // km2

  uint32_t Add(BuildPlace p) {
    const uint32_t index = static_cast<uint32_t>(places.size());
    places.push_back(std::move(p));
    return index;
  }
};

GazetteerBuilder::GazetteerBuilder() : impl_(std::make_unique<Impl>()) {}
GazetteerBuilder::~GazetteerBuilder() = default;
size_t GazetteerBuilder::size() const { return impl_->places.size(); }

Status GazetteerBuilder::AddDump(const std::string& path, const ProblemSink& problem) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error(fmt::format("{}: cannot open gazetteer file", path));
  std::string line;
  size_t line_no = 0;
  std::vector<std::string_view> cols;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    if (line.back() == '\r') line.pop_back();
    cols.clear();
    for (size_t pos = 0;;) {
      const size_t tab = line.find('\t', pos);
      cols.emplace_back(std::string_view(line).substr(
          pos, tab == std::string::npos ? std::string::npos : tab - pos));
      if (tab == std::string::npos) break;
      pos = tab + 1;
    }
    BuildPlace p;
    if (cols.size() < 15 || !ParseNumber(cols[0], p.id) || !ParseNumber(cols[4], p.lat) ||
        !ParseNumber(cols[5], p.lon) || std::abs(p.lat) > 90 || std::abs(p.lon) > 180) {
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
    p.fcode = std::string(cols[7]);
    p.country = std::string(cols[8]);
    if (p.country.size() != 2) p.country.clear();
    p.admin1 = std::string(cols[10]);
    ParseNumber(cols[14], p.population);
    p.names.emplace_back(std::string(cols[1]), kMain);
    if (cols[2] != cols[1]) p.names.emplace_back(std::string(cols[2]), kMain);
    const std::string_view alternates = cols[3];
    for (size_t pos = 0; pos < alternates.size();) {
      size_t comma = alternates.find(',', pos);
      if (comma == std::string_view::npos) comma = alternates.size();
      const std::string_view alt = alternates.substr(pos, comma - pos);
      // Airport and other codes ("HAJ", "GAO") among the alternate names are not how news
      // names a place.
      const bool code = alt.size() <= 4 && std::all_of(alt.begin(), alt.end(),
                                                       [](char c) { return c >= 'A' && c <= 'Z'; });
      if (comma > pos && !code) p.names.emplace_back(std::string(alt), 0);
      pos = comma + 1;
    }
    if (auto it = impl_->by_id.find(p.id); it != impl_->by_id.end()) {
      BuildPlace& old = impl_->places[it->second];
      // The first file's values stand (GeoNames' own, when cities500 comes first); a later
      // file adds its names and fills what the first lacks.
      for (auto& n : p.names) old.names.push_back(std::move(n));
      if (old.population == 0) old.population = p.population;
      if (old.admin1.empty()) old.admin1 = p.admin1;
      if (old.fcode.empty()) old.fcode = p.fcode;
      if (old.country.empty()) old.country = p.country;
    } else {
      impl_->by_id.emplace(p.id, impl_->Add(std::move(p)));
    }
  }
  return Status::Ok();
}

Status GazetteerBuilder::AddCountries(const std::string& path) {
  auto read = ReadJsonArray(path, "countries", "countries");
  if (!read.ok()) return read.status();
  const nlohmann::json& all = read.value();
  for (const nlohmann::json& c : all) {
    if (!c.is_object()) continue;
    const std::string code = c.value("cca2", "");
    const nlohmann::json latlng = c.value("latlng", nlohmann::json::array());
    if (code.size() != 2 || !latlng.is_array() || latlng.size() != 2 || !latlng[0].is_number() ||
        !latlng[1].is_number()) {
      continue;
    }
    BuildPlace p;
    p.level = Level::kCountry;
    p.feature_class = 'A';
    p.fcode = "PCLI";
    p.country = code;
    p.lat = latlng[0].get<double>();
    p.lon = latlng[1].get<double>();
    // The centre of the country's largest land polygon (the package's own outline, next to
    // countries.json), which is where gazetteers put a country; the package's rounded point
    // only when the outline is missing.
    if (c.contains("cca3") && c["cca3"].is_string()) {
      std::string cca3 = c["cca3"].get<std::string>();
      for (char& ch : cca3) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      const std::string outline =
          (std::filesystem::path(path).parent_path() / "data" / (cca3 + ".geo.json")).string();
      if (auto centre = LargestPolygonCentre(outline)) {
        p.lat = centre->lat;
        p.lon = centre->lon;
      }
    }
    const double area = c.contains("area") && c["area"].is_number() ? c["area"].get<double>() : 0;
    auto add = [&p](const nlohmann::json& v, uint32_t flags) {
      if (v.is_string() && !v.get<std::string>().empty()) {
        p.names.emplace_back(v.get<std::string>(), flags);
      }
    };
    const nlohmann::json name = c.value("name", nlohmann::json::object());
    p.name = name.value("common", code);
    add(name.value("common", nlohmann::json()), kMain);
    add(name.value("official", nlohmann::json()), kMain);
    const nlohmann::json natives = name.value("native", nlohmann::json::object());
    for (const auto& [lang, native] : natives.items()) {
      if (native.is_object()) add(native.value("common", nlohmann::json()), 0);
    }
    const nlohmann::json fra =
        c.value("translations", nlohmann::json::object()).value("fra", nlohmann::json::object());
    add(fra.value("common", nlohmann::json()), kMain);
    add(fra.value("official", nlohmann::json()), 0);
    // Initials of the common name ("US" for United States, "UAE"): abbreviations news uses.
    std::string initials;
    for (size_t i = 0; i < p.name.size(); ++i) {
      if ((i == 0 || p.name[i - 1] == ' ') && p.name[i] >= 'A' && p.name[i] <= 'Z') {
        initials += p.name[i];
      }
    }
    const nlohmann::json alternates = c.value("altSpellings", nlohmann::json::array());
    for (const nlohmann::json& alt : alternates) {
      if (!alt.is_string()) continue;
      const std::string a = alt.get<std::string>();
      const bool short_code = a.size() <= 4 && std::all_of(a.begin(), a.end(), [](char ch) {
                                return (ch >= 'A' && ch <= 'Z') || ch == '.';
                              });
      if (!short_code) {
        add(alt, 0);
        continue;
      }
      std::string letters;
      for (char ch : a)
        if (ch != '.') letters += ch;
      // Only initials of the name itself: "TV" is a code of Tuvalu, not how news names it.
      const bool is_initials =
          letters.size() >= 2 && (letters == initials || letters == initials + "A");
      if (is_initials) {
        p.names.emplace_back(letters, kAbbreviation);
        std::string dotted;
        for (char ch : letters) (dotted += ch) += '.';
        p.names.emplace_back(dotted, kAbbreviation);
      }
    }
    const nlohmann::json demonyms = c.value("demonyms", nlohmann::json::object());
    for (const auto& [lang, forms] : demonyms.items()) {
      if (!forms.is_object()) continue;
      add(forms.value("m", nlohmann::json()), kDemonym);
      add(forms.value("f", nlohmann::json()), kDemonym);
    }
    impl_->country_regions[code] = {c.value("region", ""), c.value("subregion", "")};
    impl_->country_area[code] = area;
    impl_->Add(std::move(p));
  }
  // Continents and world regions ("Africa", "Western Asia"): the mean of their countries'
  // centres, weighted by area.
  std::map<std::string, std::pair<LatLon, double>> regions;
  for (const BuildPlace& p : impl_->places) {
    if (p.level != Level::kCountry) continue;
    const auto& [region, sub] = impl_->country_regions[p.country];
    const double w = std::max(1.0, impl_->country_area[p.country]);
    for (const std::string& r : {region, sub}) {
      if (r.empty()) continue;
      auto& [sum, n] = regions[r];
      sum.lat += p.lat * w;
      sum.lon += p.lon * w;
      n += w;
    }
  }
  for (const auto& [name, sum] : regions) {
    BuildPlace p;
    p.level = Level::kRegion;
    p.feature_class = 'L';
    p.fcode = "RGN";
    p.name = name;
    p.lat = sum.first.lat / sum.second;
    p.lon = sum.first.lon / sum.second;
    p.names.emplace_back(name, kMain);
    impl_->Add(std::move(p));
  }
  return Status::Ok();
}

Status GazetteerBuilder::AddCountryNames(const std::string& path) {
  auto read = ReadJsonArray(path, "country names", "countries");
  if (!read.ok()) return read.status();
  const nlohmann::json& all = read.value();
  std::unordered_map<std::string, BuildPlace*> by_code;
  for (BuildPlace& p : impl_->places)
    if (p.level == Level::kCountry) by_code[p.country] = &p;
  for (const nlohmann::json& c : all) {
    if (!c.is_object() || !c.contains("name") || !c["name"].is_string()) continue;
    auto it = by_code.find(c.value("isoCode", ""));
    if (it == by_code.end()) continue;
    BuildPlace& country = *it->second;
    // Catalogue forms are how no text writes a country: "Man (Isle of)", "Virgin Islands
    // (British)", "Hong Kong S.A.R.", "Palestinian Territory Occupied" are left out (a part
    // in brackets alone, "British", would be read as the country).
    const std::string name = c["name"].get<std::string>();
    if (name.empty() || name.find('(') != std::string::npos || name.ends_with(" The") ||
        name.ends_with(" North") || name.ends_with(" South") || name.ends_with(" Occupied") ||
        name.find("S.A.R.") != std::string::npos) {
      continue;
    }
    const std::string fold = LatinFold(name);
    const bool known = std::any_of(country.names.begin(), country.names.end(),
                                   [&](const auto& n) { return LatinFold(n.first) == fold; });
    if (!known) country.names.emplace_back(name, kMain);
  }
  return Status::Ok();
}

Status GazetteerBuilder::AddDivisions(const std::string& path) {
  auto read = ReadJsonArray(path, "divisions", "divisions");
  if (!read.ok()) return read.status();
  const nlohmann::json& all = read.value();
  // Per country: its populated places, and its seats of first-level divisions by name key.
  std::unordered_map<std::string, std::vector<uint32_t>> by_country;
  std::unordered_map<std::string, std::string> seat_admin1;  // "SY|key" -> admin1
  std::unordered_set<std::string> admin1_codes;              // "SY|12"
  for (uint32_t i = 0; i < impl_->places.size(); ++i) {
    const BuildPlace& p = impl_->places[i];
    if (p.level != Level::kPlace || p.country.empty() || p.admin1.empty()) continue;
    by_country[p.country].push_back(i);
    admin1_codes.insert(p.country + "|" + p.admin1);
    if (p.fcode == "PPLA" || p.fcode == "PPLC") {
      seat_admin1.emplace(p.country + "|" + NameKey(p.name), p.admin1);
    }
  }
  for (const nlohmann::json& s : all) {
    if (!s.is_object()) continue;
    const std::string country = s.value("countryCode", "");
    const std::string iso = s.value("isoCode", "");
    const std::string name = s.value("name", "");
    double lat = 0, lon = 0;
    if (country.size() != 2 || name.empty() || !s.contains("latitude") ||
        !s["latitude"].is_string() || !ParseNumber<double>(s["latitude"].get<std::string>(), lat) ||
        !s.contains("longitude") || !s["longitude"].is_string() ||
        !ParseNumber<double>(s["longitude"].get<std::string>(), lon)) {
      continue;
    }
    const std::string bare = BareDivisionName(name);
    // The GeoNames admin1 code: the division whose seat bears its name (Idlib governorate,
    // seat Idlib); else the ISO code where GeoNames uses it (US states); else the code most of
    // the nearest places carry.
    std::string admin1;
    if (auto it = seat_admin1.find(country + "|" + NameKey(bare)); it != seat_admin1.end()) {
      admin1 = it->second;
    } else if (!iso.empty() && std::isalpha(static_cast<unsigned char>(iso[0])) &&
               admin1_codes.count(country + "|" + iso)) {
      admin1 = iso;
    } else if (auto places = by_country.find(country); places != by_country.end()) {
      std::vector<std::pair<double, uint32_t>> near;
      for (uint32_t i : places->second) {
        const BuildPlace& p = impl_->places[i];
        near.emplace_back(DistanceKm({lat, lon}, {p.lat, p.lon}), i);
      }
      const size_t k = std::min<size_t>(7, near.size());
      std::partial_sort(near.begin(), near.begin() + k, near.end());
      std::map<std::string, int> votes;
      // A centre far from every place of the country is a wrong coordinate in the source.
      for (size_t j = 0; j < k && near[0].first < 300; ++j)
        ++votes[impl_->places[near[j].second].admin1];
      int best = 0;
      for (const auto& [code, n] : votes) {
        if (n > best) {
          best = n;
          admin1 = code;
        }
      }
    }
    // The centre: the mean of the places the division holds, which GeoNames places reliably;
    // the source's own point only when no place carries the code.
    if (!admin1.empty()) {
      double sum_lat = 0, sum_lon = 0;
      size_t n = 0;
      if (auto places = by_country.find(country); places != by_country.end()) {
        for (uint32_t i : places->second) {
          const BuildPlace& q = impl_->places[i];
          if (q.admin1 != admin1) continue;
          sum_lat += q.lat;
          sum_lon += q.lon;
          ++n;
        }
      }
      if (n > 0) {
        // The source's point stays unless it lies far from the division's own places (some
        // source points are plainly wrong: a province of Afghanistan placed in Maryland).
        const LatLon mean{sum_lat / n, sum_lon / n};
        double nearest = 1e9;
        for (uint32_t i : by_country[country]) {
          const BuildPlace& q = impl_->places[i];
          if (q.admin1 == admin1)
            nearest = std::min(nearest, DistanceKm({lat, lon}, {q.lat, q.lon}));
        }
        if (nearest > 150) {
          lat = mean.lat;
          lon = mean.lon;
        }
      }
    }
    BuildPlace p;
    p.level = Level::kAdmin1;
    p.feature_class = 'A';
    p.fcode = "ADM1";
    p.country = country;
    p.admin1 = admin1;
    p.name = name;
    p.lat = lat;
    p.lon = lon;
    p.names.emplace_back(name, kMain);
    if (!bare.empty() && bare != LatinFold(name)) p.names.emplace_back(bare, kMain);
    impl_->Add(std::move(p));
  }
  return Status::Ok();
}

Status GazetteerBuilder::MarkCommonWords(const std::string& words_path) {
  std::ifstream in(words_path);
  if (!in) return Status::Error(fmt::format("{}: cannot open word list", words_path));
  std::string word;
  while (std::getline(in, word)) {
    if (word.empty() ||
        !std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
      continue;
    }
    impl_->common_words.insert(word);
  }
  return Status::Ok();
}

std::string GazetteerBuilder::Finish() const {
  const std::vector<BuildPlace>& places = impl_->places;
  std::string pool;
  std::unordered_map<std::string, uint32_t> interned;
  auto intern = [&](std::string_view s) -> uint32_t {
    auto [it, inserted] = interned.emplace(std::string(s), 0);
    if (inserted) {
      it->second = static_cast<uint32_t>(pool.size());
      const uint32_t length = static_cast<uint32_t>(s.size());
      pool.append(reinterpret_cast<const char*>(&length), 4);
      pool.append(s);
    }
    return it->second;
  };
  intern("");

  // Names: folded name -> (place, flags); name key -> (place, folded name).
  std::unordered_map<std::string, std::vector<Posting>> folds;
  std::unordered_map<std::string, std::vector<Posting>> keys;
  std::unordered_set<std::string> first_words;
  std::vector<std::pair<std::string, uint32_t>> specials;  // admin1 and country look-ups
  size_t pairs = 0;
  for (uint32_t i = 0; i < places.size(); ++i) {
    const BuildPlace& p = places[i];
    if (p.level == Level::kAdmin1 && !p.admin1.empty()) {
      specials.emplace_back(fmt::format("\x01{}.{}", p.country, p.admin1), i);
    }
    if (p.level == Level::kCountry) specials.emplace_back(fmt::format("\x02{}", p.country), i);
    for (const auto& [name, given_flags] : p.names) {
      const std::string fold = IndexFold(name);
      if (fold.empty()) continue;
      uint32_t flags = given_flags;
      if (fold.find(' ') == std::string::npos && impl_->common_words.count(fold)) {
        flags |= kCommonWord;
      }
      std::vector<Posting>& list = folds[fold];
      auto it =
          std::find_if(list.begin(), list.end(), [i](const Posting& q) { return q.place == i; });
      if (it == list.end()) {
        list.push_back(Posting{i, flags});
        ++pairs;
      } else {
        // A name that is the country's own name as well as its demonym stays a name; a main
        // name stays main.
        constexpr uint32_t kBoth = kDemonym | kAbbreviation;
        it->value = (it->value & flags & kBoth) | ((it->value | flags) & ~kBoth);
      }
      first_words.insert(fold.substr(0, fold.find(' ')));
      if (IsLatinScript(name) && !(flags & kAbbreviation)) {
        const std::string key = NameKey(name);
        if (key.size() >= 2) {
          std::vector<Posting>& keyed = keys[key];
          const uint32_t fold_at = intern(fold);
          const bool known = std::any_of(keyed.begin(), keyed.end(), [&](const Posting& q) {
            return q.place == i && q.value == fold_at;
          });
          if (!known) keyed.push_back(Posting{i, fold_at});
        }
      }
    }
  }

  // Layout.
  std::string out(sizeof(Header), '\0');
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof(kMagic));
  h.places = static_cast<uint32_t>(places.size());
  h.names = static_cast<uint32_t>(pairs);
  for (const BuildPlace& p : places) {
    PlaceRecord r{};
    r.id = p.id;
    r.lat = p.lat;
    r.lon = p.lon;
    r.population = p.population;
    r.name = intern(p.name);
    r.fcode = intern(p.fcode);
    r.admin1 = intern(p.admin1);
    if (p.country.size() == 2) {
      r.country[0] = p.country[0];
      r.country[1] = p.country[1];
    }
    r.feature_class = p.feature_class;
    r.level = static_cast<uint8_t>(p.level);
    out.append(reinterpret_cast<const char*>(&r), sizeof(r));
  }
  auto align = [&out] {
    while (out.size() % 8 != 0) out.push_back('\0');
  };
  // Hash tables: sorted keys for a deterministic file.
  auto write_table = [&](const std::unordered_map<std::string, std::vector<Posting>>& table,
                         uint64_t& slots_at, uint64_t& slot_count, uint64_t& entries_at,
                         uint64_t* postings_at) {
    std::vector<const std::pair<const std::string, std::vector<Posting>>*> sorted;
    sorted.reserve(table.size());
    for (const auto& kv : table) sorted.push_back(&kv);
    std::sort(sorted.begin(), sorted.end(),
              [](const auto* a, const auto* b) { return a->first < b->first; });
    std::vector<Entry> entries;
    std::vector<Posting> postings;
    entries.reserve(sorted.size());
    for (const auto* kv : sorted) {
      Entry e{};
      e.hash = Hash(kv->first);
      e.text = intern(kv->first);
      e.posting_begin = static_cast<uint32_t>(postings.size());
      e.posting_count = static_cast<uint32_t>(kv->second.size());
      postings.insert(postings.end(), kv->second.begin(), kv->second.end());
      entries.push_back(e);
    }
    slot_count = SlotCount(entries.size());
    std::vector<uint32_t> slots(slot_count, 0);
    for (uint32_t k = 0; k < entries.size(); ++k) {
      uint64_t s = entries[k].hash & (slot_count - 1);
      while (slots[s] != 0) s = (s + 1) & (slot_count - 1);
      slots[s] = k + 1;
    }
    align();
    slots_at = out.size();
    out.append(reinterpret_cast<const char*>(slots.data()), slots.size() * sizeof(uint32_t));
    align();
    entries_at = out.size();
    out.append(reinterpret_cast<const char*>(entries.data()), entries.size() * sizeof(Entry));
    align();
    if (postings_at != nullptr) *postings_at = out.size();
    out.append(reinterpret_cast<const char*>(postings.data()), postings.size() * sizeof(Posting));
  };
  write_table(folds, h.fold_slots, h.fold_slot_count, h.fold_entries, &h.fold_postings);
  write_table(keys, h.key_slots, h.key_slot_count, h.key_entries, &h.key_postings);
  // First words and special look-ups share one table; a special entry's posting_begin is the
  // place itself.
  {
    std::unordered_map<std::string, std::vector<Posting>> words;
    for (const std::string& w : first_words) words[w];
    for (const auto& [key, place] : specials) words[key];
    for (const std::string& w : impl_->common_words) words["\x03" + w];
    uint64_t unused = 0;
    write_table(words, h.word_slots, h.word_slot_count, h.word_entries, &unused);
    Entry* entries = reinterpret_cast<Entry*>(out.data() + h.word_entries);
    std::unordered_map<std::string_view, uint32_t> special_place;
    for (const auto& [key, place] : specials) special_place[key] = place;
    for (size_t k = 0; k < words.size(); ++k) {
      uint32_t length;
      std::memcpy(&length, pool.data() + entries[k].text, 4);
      const std::string_view text(pool.data() + entries[k].text + 4, length);
      if (auto it = special_place.find(text); it != special_place.end()) {
        entries[k].posting_begin = it->second;
      }
    }
  }
  // Ids.
  {
    std::vector<std::pair<int64_t, uint64_t>> ids;
    for (uint32_t i = 0; i < places.size(); ++i) {
      if (places[i].id != 0) ids.emplace_back(places[i].id, i);
    }
    std::sort(ids.begin(), ids.end());
    align();
    h.by_id = out.size();
    h.by_id_count = ids.size();
    for (const auto& [id, place] : ids) {
      out.append(reinterpret_cast<const char*>(&id), 8);
      out.append(reinterpret_cast<const char*>(&place), 8);
    }
  }
  align();
  h.strings = out.size();
  out += pool;
  h.total = out.size();
  std::memcpy(out.data(), &h, sizeof(h));
  return out;
}

Status GazetteerBuilder::Write(const std::string& path) const {
  const std::string bytes = Finish();
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return Status::Error(fmt::format("{}: cannot write gazetteer index", temporary));
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      std::remove(temporary.c_str());
      return Status::Error(fmt::format("{}: write failed (disk full?)", temporary));
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    return Status::Error(fmt::format("{}: cannot move the index into place", path));
  }
  return Status::Ok();
}

}  // namespace frontline::geo
