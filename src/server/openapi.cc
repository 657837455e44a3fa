// The OpenAPI 3.0 description of the API (docs/api.md says the same in words). The test suite
// asks the server every path it lists.
#include <nlohmann/json.hpp>

#include "server/api.h"

namespace frontline::server {
namespace {

using nlohmann::json;

json Param(std::string_view name, std::string_view in, std::string_view type,
           std::string_view description, bool required = false) {
  return {{"name", name},
          {"in", in},
          {"required", required || in == "path"},
          {"description", description},
          {"schema", {{"type", type}}}};
}

json FilterParams(bool paging) {
  json list = {
      Param("country", "query", "string", "ISO 3166 alpha-2 codes, comma-separated (SY,IQ)"),
      Param("admin1", "query", "string", "first-level division as stored (\"Idlib Governorate\")"),
      Param("near", "query", "string", "LAT,LON: events within `radius` km of this point"),
      Param("place", "query", "string", "a place name (gazetteer): events within `radius` km of it"),
      Param("radius", "query", "number", "kilometres for near and place (default 25)"),
      Param("bbox", "query", "string", "MIN_LON,MIN_LAT,MAX_LON,MAX_LAT"),
      Param("from", "query", "string", "first date (YYYY-MM-DD): events whose range overlaps"),
      Param("to", "query", "string", "last date (YYYY-MM-DD)"),
      Param("type", "query", "string",
            "ACLED event types or sub-types, by label (Battles) or id (air_drone_strike)"),
      Param("actor", "query", "string", "actor id (sy.hts) or part of an actor's name"),
      Param("min_sources", "query", "integer", "events reported by at least this many documents"),
      Param("modality", "query", "string",
            "fact, claimed, historical, negated, future, hypothetical (default: all)"),
      Param("q", "query", "string", "words the sources' text must contain"),
  };
  if (paging) {
    list.push_back(Param("limit", "query", "integer", "page size, 1..1000 (default 100)"));
    list.push_back(Param("cursor", "query", "string", "the previous page's `next`"));
  }
  return list;
}

json Ok(std::string_view description, const json& schema = {{"type", "object"}}) {
  return {{"200", {{"description", description},
                   {"content", {{"application/json", {{"schema", schema}}}}}}},
          {"400", {{"$ref", "#/components/responses/BadRequest"}}},
          {"500", {{"$ref", "#/components/responses/ServerError"}}}};
}

json Build() {
  json paths;
  json events_params = FilterParams(true);
  events_params.push_back(Param("format", "query", "string", "json (default) or geojson"));
  paths["/api/events"]["get"] = {
      {"summary", "Events matching the filters, by start date then id, in pages"},
      {"parameters", events_params},
      {"responses", Ok("{\"events\": [Event], \"next\": cursor or null}",
                       {{"type", "object"},
                        {"properties", {{"events", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/Event"}}}}},
                                        {"next", {{"type", "string"}, {"nullable", true}}}}}})}};
  json not_found = {{"$ref", "#/components/responses/NotFound"}};
  paths["/api/events/{id}"]["get"] = {
      {"summary", "One event with every report of it and its evidence"},
      {"parameters", {Param("id", "path", "integer", "event id")}},
      {"responses", Ok("the event, with `reports`")}};
  paths["/api/events/{id}"]["get"]["responses"]["404"] = not_found;
  paths["/api/documents/{id}"]["get"] = {
      {"summary", "A stored document, its text cut into segments with the evidence marked"},
      {"parameters", {Param("id", "path", "integer", "document id"),
                      Param("event", "query", "integer", "highlight only this event's sentences")}},
      {"responses", Ok("{id, url, title, published, origin, text, events, segments}")}};
  paths["/api/documents/{id}"]["get"]["responses"]["404"] = not_found;
  paths["/api/places"]["get"] = {
      {"summary", "Autocomplete over the gazetteer"},
      {"parameters", {Param("q", "query", "string", "start of a place name, any spelling (2+ characters)", true),
                      Param("country", "query", "string", "ISO alpha-2 code"),
                      Param("limit", "query", "integer", "1..50 (default 10)")}},
      {"responses", Ok("{\"places\": [{geonameid, name, matched, country, admin1, feature_code, population, lat, lon, level}]}")}};
  paths["/api/actors"]["get"] = {
      {"summary", "Actors taking part in stored events, most events first"},
      {"parameters", {Param("q", "query", "string", "part of a name or id"),
                      Param("limit", "query", "integer", "1..500 (default 50)")}},
      {"responses", Ok("{\"actors\": [{key, id, name, country, sector, events}]}")}};
  paths["/api/control"]["get"] = {
      {"summary", "Who held each place on a date, or one place's control timeline"},
      {"parameters", {Param("at", "query", "string", "YYYY-MM-DD"),
                      Param("country", "query", "string", "with at: ISO alpha-2 code"),
                      Param("bbox", "query", "string", "with at: MIN_LON,MIN_LAT,MAX_LON,MAX_LAT"),
                      Param("place", "query", "string", "instead of at: a place name or GeoNames id")}},
      {"responses", Ok("{\"control\": [period]}")}};
  json counts_params = FilterParams(false);
  counts_params.push_back(Param("interval", "query", "string", "day, week or month (default)"));
  paths["/api/counts"]["get"] = {
      {"summary", "Events per day, week or month by event type"},
      {"parameters", counts_params},
      {"responses", Ok("{interval, types, buckets: [{start, counts}]}")}};
  paths["/api/stats"]["get"] = {{"summary", "Size of the store and span of its dates"},
                                {"responses", Ok("{documents, events, mentions, places, actors, control, first_date, last_date}")}};
  paths["/api/openapi.json"]["get"] = {{"summary", "This description"},
                                       {"responses", Ok("OpenAPI 3.0 document")}};
  paths["/api/ingest"]["post"] = {
      {"summary", "Store a JSONL batch (only with --allow-ingest)"},
      {"parameters", {Param("extracted", "query", "integer", "1: lines are `frontline extract` records")}},
      {"requestBody", {{"required", true},
                       {"content", {{"application/x-ndjson", {{"schema", {{"type", "string"}}}}}}}}},
      {"responses", Ok("{documents, added, replaced, skipped, events, errors: [{line, message}]}")}};
  paths["/api/ingest"]["post"]["responses"]["403"] = {{"$ref", "#/components/responses/Forbidden"}};
  paths["/api/ingest"]["post"]["responses"]["413"] = {{"$ref", "#/components/responses/TooLarge"}};

  json error_schema = {
      {"type", "object"},
      {"properties", {{"error", {{"type", "object"},
                                 {"properties", {{"status", {{"type", "integer"}}},
                                                 {"message", {{"type", "string"}}}}}}}}}};
  auto error = [&](std::string_view what) {
    return json{{"description", what},
                {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
  };
  json components = {
      {"schemas",
       {{"Error", error_schema},
        {"Event",
         {{"type", "object"},
          {"description", "An event as `frontline events --format jsonl` writes it (docs/schema.md, Exports)"},
          {"properties",
           {{"id", {{"type", "integer"}}},
            {"event_type", {{"type", "string"}}},
            {"sub_event_type", {{"type", "string"}}},
            {"date", {{"type", "object"}}},
            {"location", {{"type", "object"}, {"nullable", true}}},
            {"actor1", {{"type", "object"}, {"nullable", true}}},
            {"actor2", {{"type", "object"}, {"nullable", true}}},
            {"fatalities", {{"type", "object"}}},
            {"modality", {{"type", "string"}}},
            {"sources", {{"type", "integer"}}},
            {"evidence", {{"type", "object"}}}}}}}}},
      {"responses",
       {{"BadRequest", error("a parameter is wrong; the message names it")},
        {"NotFound", error("no such path or id")},
        {"Forbidden", error("ingest is off")},
        {"TooLarge", error("the body is larger than the server takes")},
        {"ServerError", error("the database failed")}}}};
  return {{"openapi", "3.0.3"},
          {"info", {{"title", "frontline"},
                    {"version", "1"},
                    {"description", "Conflict events coded from news: query, export, control of territory."}}},
          {"paths", paths},
          {"components", components}};
}

}  // namespace

const std::string& OpenApiDocument() {
  static const std::string document = Build().dump(1);
  return document;
}

}  // namespace frontline::server
