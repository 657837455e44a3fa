// The server's pieces apart from HTTP: query parameters, the event JSON writer (against the
// nlohmann tree it replaced), the event cache's generations, place autocomplete, and the API's
// handlers over a small store.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/api.h"
#include "server/params.h"
#include "server/place_search.h"
#include "store/export.h"
#include "store/store.h"
#include "testing.h"

namespace frontline::server {
namespace {

using nlohmann::json;

// ---- Query parameters -------------------------------------------------------------------

struct FilterCase {
  Params params;
  std::string error;  // "" when the filter must parse
};

TEST(ParamsTest, AcceptsAndRefusesFilters) {
  const FilterCase cases[] = {
      {{}, ""},
      {{{"country", "sy"}}, ""},
      {{{"country", "SY,IQ"}, {"country", "YE"}}, ""},
      {{{"country", "SYR"}}, "country wants ISO 3166 alpha-2"},
      {{{"country", "S1"}}, "country wants"},
      {{{"type", "Battles"}}, ""},
      {{{"type", "battles"}}, ""},
      {{{"type", "air_drone_strike,Protests"}}, ""},
      {{{"type", "Air/drone strike"}}, ""},
      {{{"type", "skirmish"}}, "unknown event type"},
      {{{"from", "2020-02-29"}}, ""},
      {{{"from", "2019-02-29"}}, "from wants a date"},
      {{{"to", "2020-1-5"}}, "to wants a date"},
      {{{"from", "2020-03-01"}, {"to", "2020-02-01"}}, "is after to"},
      {{{"near", "35.6,36.6"}}, ""},
      {{{"near", "35.6;36.6"}}, "near wants"},
      {{{"near", "95,0"}}, "near wants"},
      {{{"near", "0,181"}}, "near wants"},
      {{{"near", "1,2"}, {"radius", "0.5"}}, ""},
      {{{"near", "1,2"}, {"radius", "0"}}, "radius wants"},
      {{{"near", "1,2"}, {"radius", "nan"}}, "radius wants"},
      {{{"near", "1,2"}, {"radius", "inf"}}, "radius wants"},
      {{{"place", "Aden"}}, "place needs the gazetteer"},
      {{{"bbox", "36,35,37,36"}}, ""},
      {{{"bbox", " 36 , 35 , 37 , 36 "}}, ""},
      {{{"bbox", "36,35,37"}}, "bbox wants"},
      {{{"bbox", "36,35,37,36,1"}}, "bbox wants"},
      {{{"bbox", "36,35,37,36,"}}, "bbox wants"},
      {{{"bbox", "37,35,36,36"}}, "bbox wants"},
      {{{"bbox", "-181,0,0,1"}}, "bbox wants"},
      {{{"min_sources", "3"}}, ""},
      {{{"min_sources", "3.5"}}, "min_sources must be"},
      {{{"modality", "fact,claimed"}}, ""},
      {{{"modality", "rumour"}}, "modality wants"},
      {{{"limit", "1000"}}, ""},
      {{{"limit", "1001"}}, "limit must be"},
      {{{"limit", "-1"}}, "limit must be"},
      {{{"limit", "10"}, {"limit", "10"}}, "limit is given more than once"},
      {{{"cursor", "2020-01-28/51"}}, ""},
      {{{"cursor", "/7"}}, ""},  // undated events sort first, with an empty date
      {{{"cursor", "2020-01-28/"}}, "cursor wants"},
      {{{"cursor", "2020-01-28/5x"}}, "cursor wants"},
      {{{"cursor", "20200128/5"}}, "cursor wants"},
  };
  for (const FilterCase& c : cases) {
    std::string shown;
    for (const auto& [k, v] : c.params) shown += k + "=" + v + " ";
    auto parsed = ParseEventFilter(c.params, nullptr, 1000);
    if (c.error.empty()) {
      EXPECT_TRUE(parsed.ok()) << shown << parsed.status().message();
    } else {
      ASSERT_FALSE(parsed.ok()) << shown;
      EXPECT_NE(parsed.status().message().find(c.error), std::string::npos)
          << shown << ": " << parsed.status().message();
    }
  }
}

TEST(ParamsTest, ReadsValues) {
  const Params params = {{"country", "sy, iq,,SY"}, {"country", "ye"}, {"type", "Battles"},
                         {"type", "battles"},       {"near", "35.5,36.5"}, {"radius", "10"},
                         {"cursor", "2020-01-28/51"}, {"modality", "fact"}};
  auto f = ParseEventFilter(params, nullptr, 500);
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_EQ(f.value().countries, (std::vector<std::string>{"SY", "IQ", "YE"}));
  EXPECT_EQ(f.value().event_types, (std::vector<std::string>{"Battles"}));
  EXPECT_DOUBLE_EQ(*f.value().lat, 35.5);
  EXPECT_DOUBLE_EQ(f.value().radius_km, 10);
  EXPECT_EQ(f.value().after_date, "2020-01-28");
  EXPECT_EQ(f.value().after_id, 51);
  EXPECT_EQ(f.value().limit, 100u);
  EXPECT_EQ(ListOf(params, "country"), (std::vector<std::string>{"sy", "iq", "SY", "ye"}));
}

TEST(ParamsTest, RefusesUnknownNamesAndControlCharacters) {
  EXPECT_TRUE(CheckKnown({{"q", "x"}}, {"q"}).ok());
  const Status unknown = CheckKnown({{"contry", "SY"}}, {"country", "q"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.message().find("\"contry\""), std::string::npos);
  EXPECT_NE(unknown.message().find("country, q"), std::string::npos);
  EXPECT_FALSE(CheckKnown({{"q", std::string("a\0b", 3)}}, {"q"}).ok());
  EXPECT_FALSE(CheckKnown({{"q", "a\nb"}}, {"q"}).ok());
  std::string many;
  for (int i = 0; i < 70; ++i) many += std::string(1, static_cast<char>('A' + i / 26)) + static_cast<char>('A' + i % 26) + ",";
  EXPECT_FALSE(ParseEventFilter({{"country", many}}, nullptr, 100).ok());
}

// ---- The event JSON writer --------------------------------------------------------------

// The tree EventToJson built before AppendEventJson wrote text directly: the writer must give
// the same text as this tree's dump.
json ReferenceEvent(const store::StoredEvent& e) {
  auto actor = [](const store::ActorRef& a) -> json {
    if (a.empty()) return nullptr;
    return {{"key", a.key}, {"id", a.id}, {"name", a.name},
            {"country", a.country.empty() ? json(nullptr) : json(a.country)},
            {"sector", a.sector}, {"inter", a.inter}};
  };
  auto or_null = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  const store::Mention& s = e.slots;
  json place = nullptr;
  if (!s.place.key.empty()) {
    place = {{"name", s.place.name},
             {"geonameid", s.place.geonameid != 0 ? json(s.place.geonameid) : json(nullptr)},
             {"country", or_null(s.place.country)},
             {"admin1", or_null(s.place.admin1)},
             {"feature_code", or_null(s.place.feature_code)},
             {"lat", s.place.has_position ? json(s.place.lat) : json(nullptr)},
             {"lon", s.place.has_position ? json(s.place.lon) : json(nullptr)},
             {"precision", store::GeoPrecisionName(s.place.precision)}};
  }
  json assoc1 = json::array(), assoc2 = json::array();
  for (const auto& a : s.assoc1) assoc1.push_back(actor(a));
  for (const auto& a : s.assoc2) assoc2.push_back(actor(a));
  json counts = json::parse(e.counts, nullptr, false);
  if (!counts.is_object()) counts = json::object();
  return {{"id", e.id},
          {"event_type", s.event_type},
          {"sub_event_type", s.sub_event_type},
          {"acled_sub_event_type", "Armed clash"},
          {"date", {{"start", s.date_start}, {"end", s.date_end}, {"precision", s.date_precision}}},
          {"location", place},
          {"actor1", actor(s.actor1)},
          {"actor2", actor(s.actor2)},
          {"assoc_actor1", assoc1},
          {"assoc_actor2", assoc2},
          {"fatalities", {{"best", s.fatalities}, {"min", e.fatalities_min}, {"max", e.fatalities_max}}},
          {"counts", counts},
          {"modality", s.modality},
          {"sources", e.sources},
          {"mentions", e.mentions},
          {"confidence", s.confidence},
          {"evidence",
           {{"text", s.evidence},
            {"trigger", {{"text", s.trigger_text},
                         {"start", s.trigger_start - s.evidence_start},
                         {"end", s.trigger_end - s.evidence_start}}},
            {"url", or_null(e.source_url)},
            {"title", or_null(e.source_title)},
            {"published", or_null(e.source_published)}}},
          {"updated_at", e.updated_at}};
}

store::StoredEvent SampleEvent() {
  store::StoredEvent e;
  e.id = 51;
  store::Mention& s = e.slots;
  s.sub_event_type = "armed_clash";
  s.event_type = "Battles";
  s.date_start = "2020-01-28";
  s.date_end = "2020-01-28";
  s.date_precision = "day";
  s.place.key = "gn:167611";
  s.place.geonameid = 167611;
  s.place.name = "Ma\u2018arrat an Nu\u2018m\u0101n";
  s.place.country = "SY";
  s.place.admin1 = "Idlib Governorate";
  s.place.feature_code = "PPLA2";
  s.place.has_position = true;
  s.place.lat = 35.6483;
  s.place.lon = 36.67693;
  s.place.precision = store::GeoPrecision::kPlace;
  s.actor1 = {"sy.army", "sy.army", "Military Forces of Syria", "SY", "state", 1, ""};
  s.actor2 = {"gen.rebels@SY", "gen.rebels", "Rebels (SY)", "", "rebel", 2, ""};
  s.assoc1 = {s.actor2};
  s.fatalities = 12;
  e.fatalities_min = 10;
  e.fatalities_max = 14;
  e.counts = R"({"killed":{"best":12,"max":14,"min":10,"reports":2}})";
  s.modality = "fact";
  s.confidence = 0.9;
  e.sources = 3;
  e.mentions = 4;
  s.evidence = "Troops \"retook\" the town\ton Tuesday.\n";
  s.evidence_start = 100;
  s.trigger_text = "retook";
  s.trigger_start = 108;
  s.trigger_end = 114;
  e.source_url = "https://example.org/a";
  e.source_title = "Title";
  e.updated_at = "2026-01-01T00:00:00Z";
  return e;
}

std::string Written(const store::StoredEvent& e) {
  std::string out;
  store::AppendEventJson(e, out);
  return out;
}

std::string Reference(const store::StoredEvent& e) {
  return ReferenceEvent(e).dump(-1, ' ', false, json::error_handler_t::replace);
}

TEST(EventJsonTest, WritesWhatTheTreeDumped) {
  store::StoredEvent e = SampleEvent();
  EXPECT_EQ(Written(e), Reference(e));
  // Texts that need escaping, and bytes that are not UTF-8 (replaced as nlohmann replaces them).
  const std::string texts[] = {
      "",
      "plain",
      std::string("nul \0 inside", 12),
      "\x01\x1f\x7f del and controls",
      "back\\slash and \"quotes\"",
      "Arabic \xd9\x85\xd8\xb9\xd8\xb1\xd8\xa9 and \xf0\x9f\x98\x80",
      "cut \xe2\x82",
      "bad \xe2\x82" "A middle",
      "overlong \xc0\x80 and surrogate \xed\xa0\x80",
      "past the end \xf4\x90\x80\x80 and \xff",
  };
  for (const std::string& text : texts) {
    e.slots.evidence = text;
    e.slots.place.name = text;
    e.source_title = text;
    EXPECT_EQ(Written(e), Reference(e)) << text;
    EXPECT_FALSE(json::parse(Written(e), nullptr, false).is_discarded()) << text;
  }
  // Numbers as nlohmann writes them.
  for (const double value : {0.0, 1.0, -3.5, 0.1, 1e15, 1.5e16, 1e-7, 35.6483, 1e300}) {
    e.slots.place.lat = value;
    e.slots.confidence = value;
    EXPECT_EQ(Written(e), Reference(e)) << value;
  }
  // Absent values.
  store::StoredEvent bare;
  bare.slots.sub_event_type = "armed_clash";
  EXPECT_EQ(Written(bare), Reference(bare));
  bare.counts = "not json";
  EXPECT_EQ(Written(bare), Reference(bare));
}

TEST(EventJsonTest, FeatureCarriesTheEvent) {
  const store::StoredEvent e = SampleEvent();
  const json feature = store::EventFeature(e);
  EXPECT_EQ(feature["geometry"]["coordinates"], json({36.67693, 35.6483}));
  EXPECT_EQ(feature["properties"].dump(), json::parse(Written(e)).dump());
  store::StoredEvent unplaced = e;
  unplaced.slots.place.has_position = false;
  EXPECT_TRUE(store::EventFeature(unplaced)["geometry"].is_null());
}

// ---- The event cache --------------------------------------------------------------------

TEST(EventCacheTest, KeepsOneGenerationWithinItsBound) {
  EventCache cache(1000);
  auto entry = [](size_t size) {
    auto e = std::make_shared<EventCache::Entry>();
    e->json.assign(size, 'x');
    return e;
  };
  cache.Sync(1);
  cache.Put(1, entry(300), 1);
  cache.Put(2, entry(300), 1);
  ASSERT_NE(cache.Find(1), nullptr);
  cache.Put(3, entry(300), 1);  // over the bound: the least recently used (2) goes
  EXPECT_EQ(cache.Find(2), nullptr);
  EXPECT_NE(cache.Find(1), nullptr);
  EXPECT_NE(cache.Find(3), nullptr);
  cache.Put(4, entry(5000), 1);  // larger than the whole cache: not kept
  EXPECT_EQ(cache.Find(4), nullptr);
  // A rendering from before a commit is dropped; a new generation empties the cache.
  cache.Sync(2);
  EXPECT_EQ(cache.size(), 0u);
  cache.Put(5, entry(10), 1);
  EXPECT_EQ(cache.Find(5), nullptr);
  cache.Put(5, entry(10), 2);
  EXPECT_NE(cache.Find(5), nullptr);
}

// ---- Place autocomplete -----------------------------------------------------------------

// Rows in GeoNames' layout (names and coordinates of real towns; ids above 1000000 made up).
constexpr std::string_view kPlaces =
    "170063\tAleppo\tAleppo\tHalab,\xd8\xad\xd9\x84\xd8\xa8\t36.20124\t37.16117\tP\tPPLA\tSY\t\t09\t\t\t\t1602264\t\t\t\t2023-01-01\n"
    "167611\tMa`arrat an Nu`man\tMa`arrat an Nu`man\tMaarat al-Numan\t35.64759\t36.67412\tP\tPPLA2\tSY\t\t12\t\t\t\t58008\t\t\t\t2023-01-01\n"
    "1000001\tAl Bab\tAl Bab\t\t36.37051\t37.5157\tP\tPPLA2\tSY\t\t09\t\t\t\t130745\t\t\t\t2023-01-01\n"
    "1000002\tAl Qusayr\tAl Qusayr\t\t34.50887\t36.57965\tP\tPPL\tSY\t\t11\t\t\t\t30000\t\t\t\t2023-01-01\n"
    "1000003\tAl Hamra\tAl Hamra\t\t35.1\t36.1\tP\tPPL\tSY\t\t11\t\t\t\t0\t\t\t\t2023-01-01\n"
    "1000004\tAden\tAden\t\t12.77944\t45.03667\tP\tPPLA\tYE\t\t02\t\t\t\t550602\t\t\t\t2023-01-01\n";

TEST(PlaceSearchTest, CompletesPrefixesByProminence) {
  testing::TempDir dir;
  auto g = geo::Gazetteer::FromDumps({dir.Write("places.txt", kPlaces)}, nullptr);
  ASSERT_TRUE(g.ok()) << g.status().message();
  const PlaceSearch search(g.value());
  auto names = [&](std::string_view q, std::string_view country, size_t limit) {
    std::vector<std::string> out;
    for (const auto& hit : search.Complete(q, country, limit)) out.emplace_back(hit.place.name);
    return out;
  };
  // Every name under "al" is ranked: the seats of government and the largest first.
  EXPECT_EQ(names("al", "", 3), (std::vector<std::string>{"Aleppo", "Al Bab", "Al Qusayr"}));
  EXPECT_EQ(names("Maarat al-Numan", "", 5).front(), "Ma`arrat an Nu`man");
  EXPECT_EQ(names("maarat al", "", 5).front(), "Ma`arrat an Nu`man");
  EXPECT_EQ(names("\xd8\xad\xd9\x84", "", 5), (std::vector<std::string>{"Aleppo"}));
  EXPECT_EQ(names("a", "YE", 5), (std::vector<std::string>{"Aden"}));
  EXPECT_TRUE(names("al", "YE", 5).empty());
  EXPECT_TRUE(names("zz", "", 5).empty());
  EXPECT_EQ(names("al", "", 10).size(), 4u);  // each place once
}

}  // namespace
}  // namespace frontline::server
