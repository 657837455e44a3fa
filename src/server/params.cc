#include "server/params.h"

#include <fmt/format.h>
#include <strings.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "event/taxonomy.h"
#include "geo/gazetteer.h"
#include "time/calendar.h"

namespace frontline::server {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The value quoted for an error message, cut short when long.
std::string Quoted(std::string_view value) {
  std::string out = "\"";
  for (const char c : value.substr(0, 80)) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || c == '"' || c == '\\') {
      out += fmt::format("\\x{:02x}", u);
    } else {
      out += c;
    }
  }
  if (value.size() > 80) out += "...";
  return out + "\"";
}

bool ParseDouble(std::string_view text, double& out) {
  text = Trim(text);
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && std::isfinite(out);
}

}  // namespace

Status CheckKnown(const Params& params, const std::vector<std::string_view>& known) {
  for (const auto& [name, value] : params) {
    // Control characters are no part of any name, date or word a parameter takes (and a NUL
    // would end a string early in the database).
    for (const char c : value) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
        return Status::Error(fmt::format("{} contains a control character", Quoted(name)));
    }
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string names;
      for (const std::string_view k : known) names += (names.empty() ? "" : ", ") + std::string(k);
      return Status::Error(fmt::format("unknown parameter {} (this path takes: {})", Quoted(name),
                                       names.empty() ? "none" : names));
    }
  }
  return Status::Ok();
}

std::vector<std::string> ListOf(const Params& params, std::string_view name) {
  std::vector<std::string> out;
  auto add = [&](std::string_view item) {
    if (!item.empty() && std::find(out.begin(), out.end(), item) == out.end()) out.emplace_back(item);
  };
  const auto [first, last] = params.equal_range(std::string(name));
  for (auto it = first; it != last; ++it) {
    std::string_view rest = it->second;
    while (true) {
      const size_t comma = rest.find(',');
      add(Trim(rest.substr(0, comma)));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return out;
}

Result<std::string> OneOf(const Params& params, std::string_view name) {
  const auto [first, last] = params.equal_range(std::string(name));
  if (first == last) return std::string();
  if (std::next(first) != last) return Status::Error(fmt::format("{} is given more than once", name));
  return std::string(Trim(first->second));
}

Result<int64_t> IntOf(const Params& params, std::string_view name, int64_t min, int64_t max,
                      int64_t fallback) {
  Result<std::string> text = OneOf(params, name);
  if (!text.ok()) return text.status();
  if (text.value().empty()) return fallback;
  int64_t value = 0;
  const std::string& t = text.value();
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec != std::errc() || end != t.data() + t.size() || value < min || value > max)
    return Status::Error(fmt::format("{} must be a whole number from {} to {}, got {}", name, min,
                                     max, Quoted(t)));
  return value;
}

std::optional<std::array<double, 4>> ParseBox(std::string_view text) {
  std::array<double, 4> box{};
  for (size_t n = 0; n < 4; ++n) {
    const size_t comma = text.find(',');
    // Exactly four values: commas after the first three, none after the fourth.
    if ((comma == std::string_view::npos) != (n == 3)) return std::nullopt;
    if (!ParseDouble(text.substr(0, comma), box[n])) return std::nullopt;
    if (comma != std::string_view::npos) text.remove_prefix(comma + 1);
  }
  if (box[0] > box[2] || box[1] > box[3] || box[0] < -180 || box[2] > 180 || box[1] < -90 ||
      box[3] > 90)
    return std::nullopt;
  return box;
}

Result<std::string> CountryCode(std::string_view text) {
  if (text.size() != 2 || !std::isalpha(static_cast<unsigned char>(text[0])) ||
      !std::isalpha(static_cast<unsigned char>(text[1])))
    return Status::Error("country wants ISO 3166 alpha-2 codes (SY, or SY,IQ), got " + Quoted(text));
  std::string code(text);
  for (char& ch : code) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return code;
}

bool IsIsoDate(std::string_view text) {
  return text.size() == 10 && time::ParseIsoDate(text).has_value();
}

std::string CursorAfter(const store::StoredEvent& event) {
  return fmt::format("{}/{}", event.slots.date_start, event.id);
}

Result<store::EventFilter> ParseEventFilter(const Params& params, const geo::Gazetteer* gazetteer,
                                            int64_t max_limit, std::string* place_note) {
  store::EventFilter f;
  for (const std::string_view list : {"country", "type", "modality"}) {
    if (ListOf(params, list).size() > kMaxListItems)
      return Status::Error(fmt::format("{} lists at most {} values", list, kMaxListItems));
  }
  auto one = [&](std::string_view name, std::string& out) -> Status {
    Result<std::string> v = OneOf(params, name);
    if (!v.ok()) return v.status();
    out = std::move(v).value();
    return Status::Ok();
  };
  for (const std::string& c : ListOf(params, "country")) {
    auto code = CountryCode(c);
    if (!code.ok()) return code.status();
    if (std::find(f.countries.begin(), f.countries.end(), code.value()) == f.countries.end())
      f.countries.push_back(code.value());
  }
  std::string near, place, bbox, cursor;
  const std::pair<std::string_view, std::string*> fields[] = {
      {"admin1", &f.admin1}, {"near", &near}, {"place", &place},  {"bbox", &bbox},
      {"from", &f.from},     {"to", &f.to},   {"actor", &f.actor}, {"q", &f.text},
      {"cursor", &cursor}};
  for (const auto& [name, out] : fields) {
    if (Status s = one(name, *out); !s.ok()) return s;
  }
  std::string radius;
  if (Status s = one("radius", radius); !s.ok()) return s;
  if (!radius.empty()) {
    if (!ParseDouble(radius, f.radius_km) || f.radius_km <= 0 || f.radius_km > 20000)
      return Status::Error("radius wants kilometres, more than 0 and at most 20000, got " +
                           Quoted(radius));
  }
  for (const std::string& type : ListOf(params, "type")) {
    if (auto sub = event::ParseSubEventType(type)) {
      f.sub_event_types.emplace_back(event::Info(*sub).id);
      continue;
    }
    bool found = false;
    for (int i = 0; i < event::kSubEventTypeCount && !found; ++i) {
      const std::string_view name =
          event::EventTypeName(event::Info(static_cast<event::SubEventType>(i)).event_type);
      if (name.size() == type.size() && strncasecmp(name.data(), type.data(), name.size()) == 0) {
        if (std::find(f.event_types.begin(), f.event_types.end(), name) == f.event_types.end())
          f.event_types.emplace_back(name);
        found = true;
      }
    }
    if (!found)
      return Status::Error("unknown event type or sub-type " + Quoted(type) +
                           " (ACLED labels such as \"Battles\" or ids such as air_drone_strike; "
                           "see docs/taxonomy.md)");
  }
  for (const std::string* date : {&f.from, &f.to}) {
    if (!date->empty() && !IsIsoDate(*date))
      return Status::Error(fmt::format("{} wants a date YYYY-MM-DD, got {}",
                                       date == &f.from ? "from" : "to", Quoted(*date)));
  }
  if (!f.from.empty() && !f.to.empty() && f.from > f.to)
    return Status::Error(fmt::format("from ({}) is after to ({})", f.from, f.to));
  if (!near.empty()) {
    const size_t comma = near.find(',');
    double lat = 0, lon = 0;
    if (comma == std::string::npos || !ParseDouble(std::string_view(near).substr(0, comma), lat) ||
        !ParseDouble(std::string_view(near).substr(comma + 1), lon) || lat < -90 || lat > 90 ||
        lon < -180 || lon > 180)
      return Status::Error("near wants LAT,LON in degrees, got " + Quoted(near));
    f.lat = lat;
    f.lon = lon;
  }
  if (!place.empty()) {
    if (!near.empty()) return Status::Error("give near or place, not both");
    if (gazetteer == nullptr)
      return Status::Error("place needs the gazetteer index, and none is open");
    const auto matches = gazetteer->Lookup(place, "", 1);
    if (matches.empty()) return Status::Error("no place named " + Quoted(place) + " in the gazetteer");
    const geo::Place& p = matches[0].place;
    f.lat = p.position.lat;
    f.lon = p.position.lon;
    if (place_note != nullptr)
      *place_note = fmt::format("{} is {} ({}) at {:.4f},{:.4f}", place, p.name, p.country,
                                p.position.lat, p.position.lon);
  }
  if (!bbox.empty()) {
    f.bbox = ParseBox(bbox);
    if (!f.bbox)
      return Status::Error("bbox wants MIN_LON,MIN_LAT,MAX_LON,MAX_LAT in degrees, got " +
                           Quoted(bbox));
  }
  Result<int64_t> min_sources = IntOf(params, "min_sources", 0, 1000000, 0);
  if (!min_sources.ok()) return min_sources.status();
  f.min_sources = min_sources.value();
  static constexpr std::string_view kModalities[] = {"fact",    "claimed", "historical",
                                                     "negated", "future",  "hypothetical"};
  for (const std::string& m : ListOf(params, "modality")) {
    if (std::find(std::begin(kModalities), std::end(kModalities), m) == std::end(kModalities))
      return Status::Error("modality wants fact, claimed, historical, negated, future or "
                           "hypothetical, got " + Quoted(m));
    f.modalities.push_back(m);
  }
  Result<int64_t> limit = IntOf(params, "limit", 1, max_limit, std::min<int64_t>(100, max_limit));
  if (!limit.ok()) return limit.status();
  f.limit = static_cast<size_t>(limit.value());
  if (!cursor.empty()) {
    const size_t slash = cursor.find('/');
    int64_t id = 0;
    const char* id_begin = cursor.data() + (slash == std::string::npos ? 0 : slash + 1);
    const char* id_end = cursor.data() + cursor.size();
    const auto [end, ec] = std::from_chars(id_begin, id_end, id);
    if (slash == std::string::npos || (slash > 0 && !IsIsoDate(cursor.substr(0, slash))) ||
        ec != std::errc() || end != id_end || id <= 0)
      return Status::Error("cursor wants DATE/ID as the previous page's \"next\" gives it, got " +
                           Quoted(cursor));
    f.after_date = cursor.substr(0, slash);
    f.after_id = id;
  }
  return f;
}

}  // namespace frontline::server
