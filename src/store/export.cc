#include "store/export.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <iterator>
#include <ctime>

#include "event/taxonomy.h"
#include "text/utf8.h"
#include "time/calendar.h"

namespace frontline::store {
namespace {

using namespace std::string_view_literals;

using nlohmann::json;

json ActorJson(const ActorRef& actor) {
  if (actor.empty()) return nullptr;
  return {{"key", actor.key},
          {"id", actor.id},
          {"name", actor.name},
          {"country", actor.country.empty() ? json(nullptr) : json(actor.country)},
          {"sector", actor.sector},
          {"inter", actor.inter}};
}

json OrNull(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

json PlaceJson(const PlaceRef& place) {
  if (place.key.empty()) return nullptr;
  return {{"name", place.name},
          {"geonameid", place.geonameid != 0 ? json(place.geonameid) : json(nullptr)},
          {"country", OrNull(place.country)},
          {"admin1", OrNull(place.admin1)},
          {"feature_code", OrNull(place.feature_code)},
          {"lat", place.has_position ? json(place.lat) : json(nullptr)},
          {"lon", place.has_position ? json(place.lon) : json(nullptr)},
          {"precision", GeoPrecisionName(place.precision)}};
}

std::string_view AcledLabel(const std::string& id) {
  const auto type = event::ParseSubEventType(id);
  return type ? event::Info(*type).acled : std::string_view(id);
}

std::string Join(const std::vector<ActorRef>& actors) {
  std::string out;
  for (const ActorRef& a : actors) out += (out.empty() ? "" : "; ") + a.name;
  return out;
}

std::string Host(const std::string& url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const size_t start = scheme + 3;
  const size_t end = url.find('/', start);
  std::string host = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (host.starts_with("www.")) host.erase(0, 4);
  return host;
}

// Display width in code points (good enough for Latin and Arabic place names).
size_t Width(std::string_view text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size();) {
    text::DecodeUtf8(text, i);
    ++width;
  }
  return width;
}

std::string Clip(std::string_view text, size_t width) {
  std::string out;
  size_t n = 0;
  for (size_t i = 0; i < text.size() && n < width;) {
    const size_t start = i;
    text::DecodeUtf8(text, i);
    if (n + 1 == width && i < text.size()) {
      out += "…";
    } else {
      out.append(text.substr(start, i - start));
    }
    ++n;
  }
  return out + std::string(width - n, ' ');
}

}  // namespace

std::string MarkTrigger(const Mention& m) {
  const int64_t start = m.trigger_start - m.evidence_start;
  const int64_t end = m.trigger_end - m.evidence_start;
  if (m.trigger_text.empty() || start < 0 || end <= start ||
      static_cast<size_t>(end) > m.evidence.size() ||
      m.evidence.compare(static_cast<size_t>(start), static_cast<size_t>(end - start),
                         m.trigger_text) != 0) {
    return m.evidence;
  }
  return m.evidence.substr(0, static_cast<size_t>(start)) + "[" + m.trigger_text + "]" +
         m.evidence.substr(static_cast<size_t>(end));
}

namespace {

// Appends `text` as a JSON string, as nlohmann::json writes it (its replacement of bytes that
// are not UTF-8 by U+FFFD included).
void AppendString(std::string_view text, std::string& out) {
  if (text::FindInvalidUtf8(text) != std::string_view::npos) {
    out += json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
    return;
  }
  static constexpr auto kPlain = [] {
    std::array<bool, 256> plain{};
    for (int c = 0x20; c < 0x100; ++c) plain[c] = c != '"' && c != '\\' && c != 0x7F;
    plain[0x7F] = true;  // DEL is written as it is
    return plain;
  }();
  out += '"';
  size_t i = 0;
  while (i < text.size()) {
    // Runs of plain bytes (valid UTF-8 sequences included) are copied at once.
    size_t run = i;
    while (run + 4 <= text.size() && kPlain[static_cast<unsigned char>(text[run])] &&
           kPlain[static_cast<unsigned char>(text[run + 1])] &&
           kPlain[static_cast<unsigned char>(text[run + 2])] &&
           kPlain[static_cast<unsigned char>(text[run + 3])]) {
      run += 4;
    }
    while (run < text.size() && kPlain[static_cast<unsigned char>(text[run])]) ++run;
    out.append(text.data() + i, run - i);
    i = run;
    if (i >= text.size()) break;
    const auto c = static_cast<unsigned char>(text[i++]);
    switch (c) {
      case '"': out += "\\\""sv; break;
      case '\\': out += "\\\\"sv; break;
      case '\b': out += "\\b"sv; break;
      case '\f': out += "\\f"sv; break;
      case '\n': out += "\\n"sv; break;
      case '\r': out += "\\r"sv; break;
      case '\t': out += "\\t"sv; break;
      default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
    }
  }
  out += '"';
}

void AppendStringOrNull(const std::string& text, std::string& out) {
  if (text.empty()) {
    out += "null"sv;
  } else {
    AppendString(text, out);
  }
}

void AppendNumber(double value, std::string& out) {
  out += json(value).dump();  // nlohmann's shortest form ("1.0", "1e+15"); null when not finite
}

void AppendInt(int64_t value, std::string& out) {
  char buffer[24];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, end);
}

void AppendActor(const ActorRef& a, std::string& out) {
  if (a.empty()) {
    out += "null"sv;
    return;
  }
  out += "{\"country\":"sv;
  AppendStringOrNull(a.country, out);
  out += ",\"id\":"sv;
  AppendString(a.id, out);
  out += ",\"inter\":"sv;
  AppendInt(a.inter, out);
  out += ",\"key\":"sv;
  AppendString(a.key, out);
  out += ",\"name\":"sv;
  AppendString(a.name, out);
  out += ",\"sector\":"sv;
  AppendString(a.sector, out);
  out += '}';
}

void AppendActors(const std::vector<ActorRef>& actors, std::string& out) {
  out += '[';
  for (size_t i = 0; i < actors.size(); ++i) {
    if (i > 0) out += ',';
    AppendActor(actors[i], out);
  }
  out += ']';
}

void AppendPlace(const PlaceRef& p, std::string& out) {
  if (p.key.empty()) {
    out += "null"sv;
    return;
  }
  out += "{\"admin1\":"sv;
  AppendStringOrNull(p.admin1, out);
  out += ",\"country\":"sv;
  AppendStringOrNull(p.country, out);
  out += ",\"feature_code\":"sv;
  AppendStringOrNull(p.feature_code, out);
  out += ",\"geonameid\":"sv;
  if (p.geonameid != 0) {
    AppendInt(p.geonameid, out);
  } else {
    out += "null"sv;
  }
  out += ",\"lat\":"sv;
  if (p.has_position) {
    AppendNumber(p.lat, out);
  } else {
    out += "null"sv;
  }
  out += ",\"lon\":"sv;
  if (p.has_position) {
    AppendNumber(p.lon, out);
  } else {
    out += "null"sv;
  }
  out += ",\"name\":"sv;
  AppendString(p.name, out);
  out += ",\"precision\":"sv;
  AppendString(GeoPrecisionName(p.precision), out);
  out += '}';
}

}  // namespace

void AppendEventJson(const StoredEvent& e, std::string& out) {
  const Mention& s = e.slots;
  out += "{\"acled_sub_event_type\":"sv;
  AppendString(AcledLabel(s.sub_event_type), out);
  out += ",\"actor1\":"sv;
  AppendActor(s.actor1, out);
  out += ",\"actor2\":"sv;
  AppendActor(s.actor2, out);
  out += ",\"assoc_actor1\":"sv;
  AppendActors(s.assoc1, out);
  out += ",\"assoc_actor2\":"sv;
  AppendActors(s.assoc2, out);
  out += ",\"confidence\":"sv;
  AppendNumber(s.confidence, out);
  out += ",\"counts\":"sv;
  if (e.counts.empty() || e.counts == "{}") {
    out += "{}"sv;
  } else {
    const json counts = json::parse(e.counts, nullptr, false);
    out += counts.is_object() ? counts.dump(-1, ' ', false, json::error_handler_t::replace) : "{}";
  }
  out += ",\"date\":{\"end\":"sv;
  AppendString(s.date_end, out);
  out += ",\"precision\":"sv;
  AppendString(s.date_precision, out);
  out += ",\"start\":"sv;
  AppendString(s.date_start, out);
  out += "},\"event_type\":"sv;
  AppendString(s.event_type, out);
  out += ",\"evidence\":{\"published\":"sv;
  AppendStringOrNull(e.source_published, out);
  out += ",\"text\":"sv;
  AppendString(s.evidence, out);
  out += ",\"title\":"sv;
  AppendStringOrNull(e.source_title, out);
  out += ",\"trigger\":{\"end\":"sv;
  AppendInt(s.trigger_end - s.evidence_start, out);
  out += ",\"start\":"sv;
  AppendInt(s.trigger_start - s.evidence_start, out);
  out += ",\"text\":"sv;
  AppendString(s.trigger_text, out);
  out += "},\"url\":"sv;
  AppendStringOrNull(e.source_url, out);
  out += "},\"fatalities\":{\"best\":"sv;
  AppendInt(s.fatalities, out);
  out += ",\"max\":"sv;
  AppendInt(e.fatalities_max, out);
  out += ",\"min\":"sv;
  AppendInt(e.fatalities_min, out);
  out += "},\"id\":"sv;
  AppendInt(e.id, out);
  out += ",\"location\":"sv;
  AppendPlace(s.place, out);
  out += ",\"mentions\":"sv;
  AppendInt(e.mentions, out);
  out += ",\"modality\":"sv;
  AppendString(s.modality, out);
  out += ",\"sources\":"sv;
  AppendInt(e.sources, out);
  out += ",\"sub_event_type\":"sv;
  AppendString(s.sub_event_type, out);
  out += ",\"updated_at\":"sv;
  AppendString(e.updated_at, out);
  out += '}';
}

json EventToJson(const StoredEvent& e) {
  std::string text;
  AppendEventJson(e, text);
  return json::parse(text);
}

std::string EventCoordinates(const StoredEvent& e) {
  std::string out;
  if (!e.slots.place.has_position) return out;
  out += '[';
  AppendNumber(e.slots.place.lon, out);
  out += ',';
  AppendNumber(e.slots.place.lat, out);
  out += ']';
  return out;
}

void AppendFeature(int64_t id, std::string_view coordinates, std::string_view properties,
                   std::string& out) {
  out += "{\"geometry\":"sv;
  if (coordinates.empty()) {
    out += "null"sv;
  } else {
    out += "{\"coordinates\":"sv;
    out += coordinates;
    out += ",\"type\":\"Point\"}"sv;
  }
  out += ",\"id\":"sv;
  AppendInt(id, out);
  out += ",\"properties\":"sv;
  out += properties;
  out += ",\"type\":\"Feature\"}"sv;
}

void AppendEventFeature(const StoredEvent& e, std::string& out) {
  std::string properties;
  AppendEventJson(e, properties);
  AppendFeature(e.id, EventCoordinates(e), properties, out);
}

json SourceToJson(const EventSource& source) {
  const Mention& m = source.mention;
  json counts = json::parse(m.counts, nullptr, false);
  if (counts.is_discarded()) counts = json::array();
  return {{"mention", source.mention_id},
          {"document", source.document_id},
          {"url", OrNull(source.url)},
          {"title", OrNull(source.title)},
          {"published", OrNull(source.published)},
          {"origin", OrNull(source.origin)},
          {"sentence", m.sentence},
          {"evidence", m.evidence},
          {"trigger", m.trigger_text},
          {"sub_event_type", m.sub_event_type},
          {"date", {{"start", m.date_start},
                    {"end", m.date_end},
                    {"precision", m.date_precision},
                    {"text", OrNull(m.date_text)},
                    {"source", OrNull(m.date_source)}}},
          {"location", PlaceJson(m.place)},
          {"place_text", OrNull(m.place_text)},
          {"location_source", OrNull(m.location_source)},
          {"actor1", ActorJson(m.actor1)},
          {"actor2", ActorJson(m.actor2)},
          {"fatalities", m.fatalities},
          {"counts", counts},
          {"modality", m.modality},
          {"claimed_by", OrNull(m.claimed_by)},
          {"merge", source.merge_note}};
}

json ControlToJson(const ControlPeriod& c) {
  return {{"place", PlaceJson(c.place)},
          {"holder", ActorJson(c.holder)},
          {"change", c.change},
          {"since", {{"start", c.since}, {"end", c.since_end}, {"precision", c.since_precision}}},
          {"until", OrNull(c.until)},
          {"event", c.event_id},
          {"modality", c.modality},
          {"evidence", c.evidence},
          {"source", OrNull(c.source)}};
}

const std::vector<std::string_view>& AcledColumns() {
  static const std::vector<std::string_view> kColumns = {
      "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
      "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
      "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
      "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
      "notes", "fatalities", "tags", "timestamp"};
  return kColumns;
}

std::vector<std::string> AcledRow(const StoredEvent& e, const CountryNamer& country_name) {
  const Mention& s = e.slots;
  // ACLED codes one day: a wider range is coded at its first day with the precision saying
  // how wide it is (2 week, 3 month or wider).
  const int64_t days = DaysBetween(s.date_start, s.date_end) + 1;
  const int time_precision = s.date_precision == "publication" ? 1 : days <= 1 ? 1 : days <= 7 ? 2 : 3;
  std::string disorder = "Political violence";
  if (s.event_type == "Protests" || s.event_type == "Riots") disorder = "Demonstrations";
  if (s.event_type == "Strategic developments" || s.event_type == "Displacement")
    disorder = "Strategic developments";
  const int inter1 = s.actor1.inter, inter2 = s.actor2.inter;
  const int interaction = inter2 == 0 ? inter1 * 10 : std::min(inter1, inter2) * 10 + std::max(inter1, inter2);
  const bool civilians = inter2 == 7;
  int geo_precision = 3;
  if (s.place.precision == GeoPrecision::kPlace) geo_precision = 1;
  if (s.place.precision == GeoPrecision::kNear || s.place.precision == GeoPrecision::kAdmin2)
    geo_precision = 2;
  std::time_t timestamp = 0;
  if (auto d = time::ParseIsoDate(e.updated_at)) {
    timestamp = static_cast<std::time_t>(time::DaysFromCivil(*d) * 86400);
    // "YYYY-MM-DD HH:MM:SS": the time of day when the rest is there and is digits.
    auto two = [&](size_t at) {
      const std::string_view t = std::string_view(e.updated_at).substr(at, 2);
      int v = 0;
      const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
      return ec == std::errc() && end == t.data() + t.size() ? v : 0;
    };
    if (e.updated_at.size() >= 19) timestamp += two(11) * 3600 + two(14) * 60 + two(17);
  }
  const std::string country = s.place.country.empty() ? std::string() : country_name(s.place.country);
  return {fmt::format("{}{}", s.place.country.empty() ? "XX" : s.place.country, e.id),
          s.date_start,
          s.date_start.substr(0, 4),
          std::to_string(time_precision),
          disorder,
          s.event_type,
          std::string(AcledLabel(s.sub_event_type)),
          s.actor1.name,
          Join(s.assoc1),
          std::to_string(inter1),
          s.actor2.name,
          Join(s.assoc2),
          std::to_string(inter2),
          std::to_string(interaction),
          civilians ? "Civilian targeting" : "",
          "",
          "",
          country,
          s.place.admin1,
          "",
          "",
          s.place.level == "country" ? country : s.place.name,
          s.place.has_position ? fmt::format("{:.4f}", s.place.lat) : "",
          s.place.has_position ? fmt::format("{:.4f}", s.place.lon) : "",
          std::to_string(geo_precision),
          e.source_url.empty() ? e.source_title : Host(e.source_url),
          "",
          s.evidence,
          std::to_string(s.fatalities),
          "",
          std::to_string(timestamp)};
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    const std::string& f = fields[i];
    if (f.find_first_of(",\"\r\n") == std::string::npos) {
      line += f;
      continue;
    }
    line += '"';
    for (const char c : f) {
      if (c == '"') line += '"';
      line += c;
    }
    line += '"';
  }
  return line + "\r\n";
}

json EventFeature(const StoredEvent& e) {
  std::string text;
  AppendEventFeature(e, text);
  return json::parse(text);
}

std::string EventTable(const std::vector<StoredEvent>& events) {
  struct Column {
    std::string_view title;
    size_t max;
  };
  const Column columns[] = {{"id", 8},     {"date", 10},  {"type", 30},     {"place", 24},
                            {"cc", 2},     {"actor1", 28}, {"actor2", 28},  {"deaths", 6},
                            {"src", 4},    {"modality", 10}};
  std::vector<std::vector<std::string>> rows;
  for (const StoredEvent& e : events) {
    const Mention& s = e.slots;
    std::string date = s.date_start;
    if (s.date_end != s.date_start) date += "…";
    rows.push_back({std::to_string(e.id), date, std::string(AcledLabel(s.sub_event_type)),
                    s.place.name, s.place.country, s.actor1.name, s.actor2.name,
                    std::to_string(s.fatalities), std::to_string(e.sources), s.modality});
  }
  std::vector<size_t> widths;
  for (const Column& c : columns) widths.push_back(Width(c.title));
  for (const auto& row : rows)
    for (size_t i = 0; i < row.size(); ++i)
      widths[i] = std::min(columns[i].max, std::max(widths[i], Width(row[i])));
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (size_t i = 0; i < cells.size(); ++i) text += (i ? "  " : "") + Clip(cells[i], widths[i]);
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text + "\n";
  };
  std::vector<std::string> header;
  for (const Column& c : columns) header.emplace_back(c.title);
  line(header);
  for (const auto& row : rows) line(row);
  return out;
}

}  // namespace frontline::store
