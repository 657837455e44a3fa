#include "store/export.h"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>

#include "event/taxonomy.h"
#include "text/utf8.h"
#include "time/calendar.h"

namespace frontline::store {
namespace {

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

json ActorsJson(const std::vector<ActorRef>& actors) {
  json out = json::array();
  for (const ActorRef& a : actors) out.push_back(ActorJson(a));
  return out;
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

json EventToJson(const StoredEvent& e) {
  const Mention& s = e.slots;
  return {{"id", e.id},
          {"event_type", s.event_type},
          {"sub_event_type", s.sub_event_type},
          {"acled_sub_event_type", AcledLabel(s.sub_event_type)},
          {"date", {{"start", s.date_start}, {"end", s.date_end}, {"precision", s.date_precision}}},
          {"location", PlaceJson(s.place)},
          {"actor1", ActorJson(s.actor1)},
          {"actor2", ActorJson(s.actor2)},
          {"assoc_actor1", ActorsJson(s.assoc1)},
          {"assoc_actor2", ActorsJson(s.assoc2)},
          {"fatalities", {{"best", s.fatalities}, {"min", e.fatalities_min}, {"max", e.fatalities_max}}},
          {"counts", [&] {
             json counts = json::parse(e.counts, nullptr, false);
             return counts.is_object() ? counts : json::object();
           }()},
          {"modality", s.modality},
          {"sources", e.sources},
          {"mentions", e.mentions},
          {"confidence", s.confidence},
          {"evidence",
           {{"text", s.evidence},
            {"trigger", {{"text", s.trigger_text},
                         {"start", s.trigger_start - s.evidence_start},
                         {"end", s.trigger_end - s.evidence_start}}},
            {"url", OrNull(e.source_url)},
            {"title", OrNull(e.source_title)},
            {"published", OrNull(e.source_published)}}},
          {"updated_at", e.updated_at}};
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
    if (e.updated_at.size() >= 19)
      timestamp += std::stoi(e.updated_at.substr(11, 2)) * 3600 +
                   std::stoi(e.updated_at.substr(14, 2)) * 60 + std::stoi(e.updated_at.substr(17, 2));
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
  json geometry = nullptr;
  if (e.slots.place.has_position)
    geometry = {{"type", "Point"}, {"coordinates", {e.slots.place.lon, e.slots.place.lat}}};
  return {{"type", "Feature"}, {"id", e.id}, {"geometry", geometry}, {"properties", EventToJson(e)}};
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
