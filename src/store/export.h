// Stored events written out: JSON (one object an event), CSV in ACLED's column layout,
// GeoJSON, and a plain table for terminals. docs/schema.md, "Exports", lists every field.
#ifndef FRONTLINE_STORE_EXPORT_H_
#define FRONTLINE_STORE_EXPORT_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/store.h"

namespace frontline::store {

// Names a country from its ISO alpha-2 code ("SY" -> "Syria"); may return the code itself.
using CountryNamer = std::function<std::string(std::string_view iso2)>;

// One event as a JSON object, appended to `out` as text: keys in sorted order, exactly what
// EventToJson(event).dump() gives, written directly (ten times faster: the API's event pages and
// `frontline events --format jsonl` use it).
void AppendEventJson(const StoredEvent& event, std::string& out);
// One event as JSON.
nlohmann::json EventToJson(const StoredEvent& event);
// The event as a GeoJSON Feature appended to `out` as text (EventFeature's text).
void AppendEventFeature(const StoredEvent& event, std::string& out);
// The parts of that Feature: "[lon,lat]" of the event's position ("" when it has none), and the
// Feature of an event with these coordinates and this JSON (AppendEventJson's).
std::string EventCoordinates(const StoredEvent& event);
void AppendFeature(int64_t id, std::string_view coordinates, std::string_view properties,
                   std::string& out);
// One report of an event as JSON (for `show --sources`).
nlohmann::json SourceToJson(const EventSource& source);
// One control period as JSON.
nlohmann::json ControlToJson(const ControlPeriod& period);

// ACLED's export columns, in order, and one event's row. Fields ACLED has and frontline does
// not know (admin2, admin3, iso number, region, source scale, tags) are left empty.
const std::vector<std::string_view>& AcledColumns();
std::vector<std::string> AcledRow(const StoredEvent& event, const CountryNamer& country_name);
// One line of CSV (RFC 4180 quoting), with "\r\n" as the standard asks.
std::string CsvLine(const std::vector<std::string>& fields);

// A GeoJSON Feature for the event (geometry null when it has no position).
nlohmann::json EventFeature(const StoredEvent& event);

// A plain-text table of events, one line each, columns padded to fit.
std::string EventTable(const std::vector<StoredEvent>& events);

// The sentence with `[` `]` around the trigger, when the trigger lies inside it.
std::string MarkTrigger(const Mention& mention);

}  // namespace frontline::store

#endif  // FRONTLINE_STORE_EXPORT_H_
