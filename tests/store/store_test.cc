// The store on both back ends: idempotent ingest, merging across documents, replacement by
// URL, filters and pagination, exports, control, and a bad document inside a batch. Each test
// runs on SQLite and, when the suite's PostgreSQL server is up ($FRONTLINE_TEST_POSTGRES), on
// PostgreSQL in a schema of its own.
#include "store/store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>

#include "doc/source.h"
#include "pipeline/record_json.h"
#include "store/export.h"
#include "testing.h"

namespace frontline::store {
namespace {

using nlohmann::json;

struct Place {
  int64_t geonameid;
  const char* name;
  const char* country;
  const char* admin1;
  double lat, lon;
};

constexpr Place kMaarat{167611, "Maarat al-Numan", "SY", "Idlib Governorate", 35.6483, 36.67693};
constexpr Place kSaraqib{164816, "Saraqib", "SY", "Idlib Governorate", 35.8647, 36.8006};
constexpr Place kKafrNabl{170017, "Kafr Nabl", "SY", "Idlib Governorate", 35.6136, 36.5614};
constexpr Place kAden{415189, "Aden", "YE", "Aden", 12.7794, 45.0367};

json ActorJson(const char* id, const char* country, const char* sector, int inter) {
  return {{"id", id}, {"name", id}, {"country", country}, {"sector", sector}, {"inter", inter},
          {"evidence", {{"text", id}, {"start", 0}, {"end", 1}}}};
}

// One event as `frontline extract` writes it.
json Event(const char* sub_type, const char* event_type, const char* date, const Place& place,
           json actor1 = nullptr, json actor2 = nullptr, int fatalities = 0, int sentence = 0,
           const char* modality = "fact") {
  return {{"sub_event_type", sub_type},
          {"event_type", event_type},
          {"sentence", sentence},
          {"trigger", {{"text", "took"}, {"start", 10}, {"end", 14}}},
          {"actor1", actor1},
          {"actor2", actor2},
          {"assoc_actor1", json::array()},
          {"assoc_actor2", json::array()},
          {"location",
           {{"geonameid", place.geonameid}, {"name", place.name}, {"country", place.country},
            {"admin1", place.admin1}, {"lat", place.lat}, {"lon", place.lon},
            {"precision", "place"}, {"level", "place"}, {"feature_code", "PPL"},
            {"source", "sentence"}, {"relation", nullptr},
            {"evidence", {{"text", place.name}, {"start", 20}, {"end", 30}}}}},
          {"date", {{"start", date}, {"end", date}, {"precision", "day"}, {"source", "sentence"}}},
          {"fatalities", fatalities},
          {"counts", json::array()},
          {"modality", {{"negated", std::string(modality) == "negated"},
                        {"claimed", std::string(modality) == "claimed"},
                        {"historical", std::string(modality) == "historical"},
                        {"future", false}, {"hypothetical", false}, {"source", nullptr}}},
          {"confidence", 0.5},
          {"evidence", {{"text", "Sentence of the report."}, {"start", 0}, {"end", 23}}}};
}

// `events` is a vector, not a json: a braced list of one event would be that event itself,
// not an array of it, for some compilers (clang) and an array for others.
json Record(const std::string& url, const std::string& text, std::vector<json> events) {
  return {{"url", url.empty() ? json(nullptr) : json(url)},
          {"id", url},
          {"title", "Report " + url},
          {"text", text},
          {"published", {{"date", "2020-01-29"}}},
          {"sentences", json::array({{{"index", 0}, {"start", 0}, {"end", 23},
                                      {"text", "Sentence of the report."}}})},
          {"events", json(std::move(events))}};
}

const json kArmy = ActorJson("sy.army", "SY", "state", 1);
const json kHts = ActorJson("sy.hts", "SY", "rebel", 2);
const json kFsa = ActorJson("sy.fsa", "SY", "rebel", 2);
const json kRebels = ActorJson("gen.rebels", "SY", "rebel", 2);

std::string PostgresUri() {
  const char* uri = std::getenv("FRONTLINE_TEST_POSTGRES");
  return uri != nullptr ? uri : "";
}

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "sqlite") {
      target_ = dir_.path() + "/events.db";
    } else {
      const std::string uri = PostgresUri();
      if (uri.empty()) GTEST_SKIP() << "skipped: FRONTLINE_TEST_POSTGRES is not set (ctest sets it)";
      static std::atomic<int> counter = 0;
      schema_ = "t" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
      auto admin = Connect(uri);
      ASSERT_TRUE(admin.ok()) << admin.status().message();
      admin.value()->Exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; CREATE SCHEMA " + schema_);
      ASSERT_TRUE(admin.value()->status().ok()) << admin.value()->status().message();
      target_ = uri + (uri.find('?') == std::string::npos ? "?" : "&") +
                "options=-csearch_path%3D" + schema_;
    }
    auto opened = Store::Open(target_);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store_ = std::move(opened).value();
  }
  void TearDown() override {
    store_.reset();
    if (!schema_.empty()) {
      auto admin = Connect(PostgresUri());
      if (admin.ok()) admin.value()->Exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    }
  }

  // Adds records in one batch; returns the results.
  std::vector<AddResult> Add(const std::vector<json>& records) {
    std::vector<AddResult> results;
    EXPECT_TRUE(store_->Begin().ok());
    for (const json& r : records) {
      auto added = store_->Add(r);
      EXPECT_TRUE(added.ok()) << added.status().message();
      if (added.ok()) results.push_back(added.value());
    }
    const Status committed = store_->Commit();
    EXPECT_TRUE(committed.ok()) << committed.message();
    return results;
  }
  StoreCounts Counts() {
    auto counts = store_->Counts();
    EXPECT_TRUE(counts.ok()) << counts.status().message();
    return counts.ok() ? counts.value() : StoreCounts();
  }
  std::vector<StoredEvent> Events(EventFilter filter) {
    auto events = store_->Events(filter);
    EXPECT_TRUE(events.ok()) << events.status().message();
    return events.ok() ? events.value() : std::vector<StoredEvent>();
  }

  testing::TempDir dir_;
  std::string target_;
  std::string schema_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreTest, SameDocumentTwiceIsStoredOnce) {
  const json record = Record("https://a.example/1", "Troops took the town.",
                             {Event("government_regains_territory", "Battles", "2020-01-28", kMaarat, kArmy, kHts)});
  Add({record});
  const StoreCounts once = Counts();
  const auto again = Add({record});
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].outcome, AddResult::Outcome::kSkipped);
  const StoreCounts twice = Counts();
  EXPECT_EQ(once.documents, 1);
  EXPECT_EQ(twice.documents, once.documents);
  EXPECT_EQ(twice.events, once.events);
  EXPECT_EQ(twice.mentions, once.mentions);
  // The same text at another address, re-spaced, is the same document.
  json copy = record;
  copy["url"] = "https://b.example/copy";
  copy["text"] = "Troops  took the\ntown. ";
  EXPECT_EQ(Add({copy})[0].outcome, AddResult::Outcome::kSkipped);
  EXPECT_EQ(Counts().documents, 1);
}

TEST_P(StoreTest, ReportsOfOneCaptureMergeIntoOneEvent) {
  Add({Record("https://a.example/1", "First report.",
              {Event("government_regains_territory", "Battles", "2020-01-28", kMaarat, kArmy, kHts)}),
       Record("https://b.example/2", "Second report.",
              {Event("government_regains_territory", "Battles", "2020-01-28", kMaarat, kArmy, kRebels, 0),
               Event("air_drone_strike", "Explosions/Remote violence", "2020-01-28", kSaraqib)})});
  // Published the next day, with no date in the sentence: the publication date stands in.
  json later = Record("https://c.example/3", "Third report, a day later.",
                      {Event("government_regains_territory", "Battles", "2020-01-29", kMaarat, nullptr, kHts, 0, 0, "claimed")});
  later["events"][0]["date"]["precision"] = "publication";
  Add({later});
  const StoreCounts counts = Counts();
  EXPECT_EQ(counts.documents, 3);
  EXPECT_EQ(counts.events, 2);
  EXPECT_EQ(counts.mentions, 4);
  EventFilter filter;
  filter.sub_event_types = {"government_regains_territory"};
  const auto events = Events(filter);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].sources, 3);
  EXPECT_EQ(events[0].slots.date_start, "2020-01-28");  // cited twice
  EXPECT_EQ(events[0].slots.actor2.id, "sy.hts");       // named over generic
  EXPECT_EQ(events[0].slots.modality, "fact");
  auto sources = store_->Sources(events[0].id);
  ASSERT_TRUE(sources.ok());
  ASSERT_EQ(sources.value().size(), 3u);
  EXPECT_EQ(sources.value()[0].merge_note, "first report");
  EXPECT_NE(sources.value()[1].merge_note.find("joined event"), std::string::npos);
  EXPECT_EQ(sources.value()[2].url, "https://c.example/3");
}

TEST_P(StoreTest, DifferentGroupsOrPlacesStaySeparate) {
  Add({Record("https://a.example/1", "One.",
              {Event("non_state_actor_overtakes_territory", "Battles", "2020-01-28", kMaarat, kHts)}),
       Record("https://a.example/2", "Two.",
              {Event("non_state_actor_overtakes_territory", "Battles", "2020-01-28", kMaarat, kFsa)}),
       Record("https://a.example/3", "Three.",
              {Event("non_state_actor_overtakes_territory", "Battles", "2020-01-28", kAden, kHts)})});
  EXPECT_EQ(Counts().events, 3);
}

TEST_P(StoreTest, NewTextAtAStoredUrlReplacesTheOldVersion) {
  Add({Record("https://a.example/1", "Early version.",
              {Event("armed_clash", "Battles", "2020-01-28", kMaarat, kArmy, kHts, 3)}),
       Record("https://b.example/2", "Other outlet.",
              {Event("armed_clash", "Battles", "2020-01-28", kMaarat, kArmy, kHts, 3)})});
  const auto replaced = Add({Record("https://a.example/1", "Updated version with a new toll.",
                                    {Event("armed_clash", "Battles", "2020-01-28", kMaarat, kArmy, kHts, 5),
                                     Event("armed_clash", "Battles", "2020-01-28", kAden, kArmy, kHts, 5)})});
  ASSERT_EQ(replaced.size(), 1u);
  EXPECT_EQ(replaced[0].outcome, AddResult::Outcome::kReplaced);
  const StoreCounts counts = Counts();
  EXPECT_EQ(counts.documents, 2);
  EXPECT_EQ(counts.mentions, 3);
  EXPECT_EQ(counts.events, 2);
  EventFilter filter;
  filter.countries = {"SY"};
  const auto events = Events(filter);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].sources, 2);
  EXPECT_EQ(events[0].fatalities_min, 3);
  EXPECT_EQ(events[0].fatalities_max, 5);
  EXPECT_EQ(events[0].slots.fatalities, 3);  // 3 and 5 cited once each: the lower
}

TEST_P(StoreTest, ABadDocumentLeavesTheBatchsOthers) {
  ASSERT_TRUE(store_->Begin().ok());
  EXPECT_TRUE(store_->Add(Record("https://a.example/1", "Good one.",
                                 {Event("armed_clash", "Battles", "2020-01-28", kMaarat)})).ok());
  json bad = Record("https://a.example/2", "Bad one.",
                    {Event("armed_clash", "Battles", "2020-01-28", kMaarat)});
  bad["events"][0]["date"]["start"] = "28/01/2020";
  auto failed = store_->Add(bad);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("events[0]"), std::string::npos) << failed.status().message();
  EXPECT_FALSE(store_->Add(json::array()).ok());
  EXPECT_TRUE(store_->Add(Record("https://a.example/3", "Another good one.",
                                 {Event("armed_clash", "Battles", "2020-02-03", kAden)})).ok());
  ASSERT_TRUE(store_->Commit().ok());
  const StoreCounts counts = Counts();
  EXPECT_EQ(counts.documents, 2);
  EXPECT_EQ(counts.events, 2);
}

TEST_P(StoreTest, RolledBackBatchLeavesNothing) {
  Add({Record("https://a.example/1", "Kept.", {Event("armed_clash", "Battles", "2020-01-28", kMaarat)})});
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->Add(Record("https://a.example/2", "Dropped.",
                                 {Event("armed_clash", "Battles", "2020-03-01", kAden, kArmy)})).ok());
  store_->Rollback();
  EXPECT_EQ(Counts().documents, 1);
  EXPECT_EQ(Counts().events, 1);
  EXPECT_EQ(Counts().actors, 0);
  // The store goes on after a rollback, with no stale cache of what was dropped.
  Add({Record("https://a.example/3", "Again.", {Event("armed_clash", "Battles", "2020-03-01", kAden, kArmy)})});
  EXPECT_EQ(Counts().events, 2);
  EXPECT_EQ(Counts().actors, 1);
}

TEST_P(StoreTest, AStatementPastItsDeadlineIsInterrupted) {
  Connection& db = store_->connection();
  // Counts without end: only the deadline stops it.
  const std::string endless =
      GetParam() == "sqlite"
          ? "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT COUNT(*) FROM c"
          : "SELECT pg_sleep(30)";
  const auto started = std::chrono::steady_clock::now();
  db.SetDeadline(started + std::chrono::milliseconds(200));
  db.Exec(endless);
  const double waited =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_FALSE(db.status().ok());
  EXPECT_TRUE(db.TimedOut()) << db.status().message();
  EXPECT_FALSE(db.Unusable());
  EXPECT_LT(waited, 20.0);
  // Without a deadline the connection serves again.
  db.ClearError();
  db.SetDeadline(std::nullopt);
  EXPECT_FALSE(db.TimedOut());
  EXPECT_EQ(Counts().documents, 0);
}

TEST_P(StoreTest, FiltersAndPages) {
  std::vector<json> records;
  for (int day = 1; day <= 9; ++day) {
    const std::string date = "2020-02-0" + std::to_string(day);
    records.push_back(Record("https://a.example/" + std::to_string(day), "Report " + date + " strike",
                             {Event("air_drone_strike", "Explosions/Remote violence", date.c_str(),
                                    day % 3 == 0 ? kAden : kKafrNabl, kArmy, nullptr, day)}));
  }
  records.push_back(Record("https://a.example/x", "Capture report with the word citadel",
                           {Event("government_regains_territory", "Battles", "2020-02-05", kSaraqib, kArmy, kHts)}));
  Add(records);
  EventFilter f;
  f.limit = 0;
  EXPECT_EQ(Events(f).size(), 10u);
  f.countries = {"YE"};
  EXPECT_EQ(Events(f).size(), 3u);
  f = EventFilter{};
  f.from = "2020-02-03";
  f.to = "2020-02-04";
  EXPECT_EQ(Events(f).size(), 2u);
  f = EventFilter{};
  f.event_types = {"Battles"};
  ASSERT_EQ(Events(f).size(), 1u);
  EXPECT_EQ(Events(f)[0].slots.place.name, "Saraqib");
  f = EventFilter{};
  f.lat = kMaarat.lat;
  f.lon = kMaarat.lon;
  f.radius_km = 15;  // Kafr Nabl is 11 km away, Saraqib 23 km
  EXPECT_EQ(Events(f).size(), 6u);
  f.radius_km = 30;
  EXPECT_EQ(Events(f).size(), 7u);
  f = EventFilter{};
  f.bbox = std::array<double, 4>{44.0, 12.0, 46.0, 13.0};
  EXPECT_EQ(Events(f).size(), 3u);
  f = EventFilter{};
  f.actor = "sy.hts";
  EXPECT_EQ(Events(f).size(), 1u);
  f.actor = "ARMY";  // part of a name, any case
  EXPECT_EQ(Events(f).size(), 10u);
  f = EventFilter{};
  f.text = "citadel";
  ASSERT_EQ(Events(f).size(), 1u);
  EXPECT_EQ(Events(f)[0].slots.sub_event_type, "government_regains_territory");
  f.text = "\"unbalanced quote OR";  // the user's words, never query syntax
  EXPECT_EQ(Events(f).size(), 0u);
  f = EventFilter{};
  f.min_sources = 2;
  EXPECT_EQ(Events(f).size(), 0u);
  // Pages of 4 in date order cover every event once.
  f = EventFilter{};
  f.limit = 4;
  std::vector<int64_t> seen;
  for (int page = 0; page < 5; ++page) {
    const auto rows = Events(f);
    for (const StoredEvent& e : rows) seen.push_back(e.id);
    if (rows.size() < f.limit) break;
    f.after_date = rows.back().slots.date_start;
    f.after_id = rows.back().id;
  }
  EXPECT_EQ(seen.size(), 10u);
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(std::unique(seen.begin(), seen.end()), seen.end());
}

TEST_P(StoreTest, ExportsHaveTheirColumnsAndParse) {
  Add({Record("https://www.a.example/1", "Report, with \"quotes\", commas\nand lines.",
              {Event("attack", "Violence against civilians", "2020-01-28", kMaarat, kRebels,
                     ActorJson("gen.civilians", "SY", "civilians", 7), 4)})});
  const auto events = Events(EventFilter{});
  ASSERT_EQ(events.size(), 1u);
  const std::vector<std::string> row = AcledRow(events[0], [](std::string_view) { return "Syria"; });
  ASSERT_EQ(row.size(), AcledColumns().size());
  auto column = [&](std::string_view name) {
    const auto& columns = AcledColumns();
    return row[static_cast<size_t>(std::find(columns.begin(), columns.end(), name) - columns.begin())];
  };
  EXPECT_EQ(column("event_date"), "2020-01-28");
  EXPECT_EQ(column("sub_event_type"), "Attack");
  EXPECT_EQ(column("interaction"), "27");
  EXPECT_EQ(column("civilian_targeting"), "Civilian targeting");
  EXPECT_EQ(column("country"), "Syria");
  EXPECT_EQ(column("geo_precision"), "1");
  EXPECT_EQ(column("fatalities"), "4");
  EXPECT_EQ(column("source"), "a.example");
  EXPECT_EQ(CsvLine({"a", "b,c", "d\"e"}), "a,\"b,c\",\"d\"\"e\"\r\n");
  const json feature = EventFeature(events[0]);
  EXPECT_EQ(feature["type"], "Feature");
  EXPECT_DOUBLE_EQ(feature["geometry"]["coordinates"][0].get<double>(), kMaarat.lon);
  EXPECT_EQ(feature["properties"]["sub_event_type"], "attack");
  EXPECT_EQ(feature["properties"]["fatalities"]["best"], 4);
}

TEST_P(StoreTest, ControlFollowsCapturesInDateOrder) {
  Add({Record("https://a.example/1", "Rebels took it in 2012.",
              {Event("non_state_actor_overtakes_territory", "Battles", "2012-10-10", kMaarat, kFsa, nullptr, 0, 0, "historical")}),
       Record("https://a.example/2", "The army took it back.",
              {Event("government_regains_territory", "Battles", "2020-01-28", kMaarat, kArmy, kHts)}),
       Record("https://a.example/3", "A denial.",
              {Event("government_regains_territory", "Battles", "2016-05-01", kMaarat, kArmy, nullptr, 0, 0, "negated")})});
  auto control = store_->ControlOf("Maarat al-Numan", {});
  ASSERT_TRUE(control.ok()) << control.status().message();
  ASSERT_EQ(control.value().size(), 2u);
  EXPECT_EQ(control.value()[0].holder.id, "sy.fsa");
  EXPECT_EQ(control.value()[0].since, "2012-10-10");
  EXPECT_EQ(control.value()[0].until, "2020-01-28");
  EXPECT_EQ(control.value()[1].holder.id, "sy.army");
  EXPECT_EQ(control.value()[1].until, "");
  EXPECT_EQ(control.value()[1].evidence, "Sentence of the report.");
  // By GeoNames id, and by a spelling only the gazetteer knows.
  EXPECT_EQ(store_->ControlOf("167611", {}).value().size(), 2u);
  EXPECT_EQ(store_->ControlOf("Ma'arrat an-Nu'man", {167611}).value().size(), 2u);
  auto at = store_->ControlAt("2015-06-01", "SY");
  ASSERT_TRUE(at.ok());
  ASSERT_EQ(at.value().size(), 1u);
  EXPECT_EQ(at.value()[0].holder.id, "sy.fsa");
  EXPECT_EQ(store_->ControlAt("2020-02-01", "SY").value()[0].holder.id, "sy.army");
  EXPECT_TRUE(store_->ControlAt("2020-02-01", "YE").value().empty());
}

TEST_P(StoreTest, UndatedEventsAreStoredAndPaged) {
  std::vector<json> records;
  for (int i = 0; i < 3; ++i) {
    json record = Record("https://a.example/u" + std::to_string(i), "Undated " + std::to_string(i),
                         {Event("armed_clash", "Battles", "2020-01-28", kMaarat)});
    record["events"][0]["date"] = nullptr;  // nothing dated it, not even a publication date
    records.push_back(record);
  }
  records.push_back(Record("https://a.example/d", "Dated.", {Event("armed_clash", "Battles", "2020-01-28", kMaarat)}));
  Add(records);
  EXPECT_EQ(Counts().events, 4) << "undated reports never merge";
  EventFilter f;
  f.limit = 2;
  std::vector<int64_t> seen;
  for (int page = 0; page < 4; ++page) {
    const auto rows = Events(f);
    for (const StoredEvent& e : rows) seen.push_back(e.id);
    if (rows.size() < f.limit) break;
    f.after_date = rows.back().slots.date_start;  // "" for the undated ones
    f.after_id = rows.back().id;
  }
  ASSERT_EQ(seen.size(), 4u);
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(std::unique(seen.begin(), seen.end()), seen.end());
}

TEST_P(StoreTest, AStoredUrlIsNotEmptiedByACopiedText) {
  Add({Record("https://a.example/1", "First version.", {Event("armed_clash", "Battles", "2020-01-28", kMaarat)}),
       Record("https://b.example/2", "Another outlet's text.", {Event("attack", "Violence against civilians", "2020-01-28", kAden)})});
  // The first URL now serves the other outlet's text: already stored, so nothing changes.
  const auto again = Add({Record("https://a.example/1", "Another outlet's text.",
                                 {Event("attack", "Violence against civilians", "2020-01-28", kAden)})});
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].outcome, AddResult::Outcome::kSkipped);
  EXPECT_EQ(Counts().documents, 2);
  EXPECT_EQ(Counts().events, 2);
}

TEST_P(StoreTest, ADocumentTheDatabaseRefusesLeavesTheBatchWorking) {
  ASSERT_TRUE(store_->Begin().ok());
  // Invalid UTF-8: PostgreSQL refuses the text half-way through the document; SQLite keeps it.
  json odd = Record("https://a.example/odd", "Odd bytes.", {Event("armed_clash", "Battles", "2020-01-28", kMaarat)});
  odd["sentences"][0]["text"] = std::string("bad \xff\xfe bytes");
  odd["events"][0]["evidence"]["text"] = std::string("bad \xff\xfe bytes");
  auto result = store_->Add(odd);
  EXPECT_EQ(result.ok(), GetParam() == "sqlite") << (result.ok() ? "" : result.status().message());
  for (int i = 0; i < 3; ++i) {
    auto good = store_->Add(Record("https://a.example/g" + std::to_string(i), "Good " + std::to_string(i),
                                   {Event("armed_clash", "Battles", ("2020-02-0" + std::to_string(i + 1)).c_str(), kAden)}));
    EXPECT_TRUE(good.ok()) << good.status().message();
  }
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(Counts().documents, GetParam() == "sqlite" ? 4 : 3);
}

TEST_P(StoreTest, ControlCreditsTheTakerAndSkipsWhatCannotBePlacedInTime) {
  json undated = Record("https://a.example/0", "Undated capture.",
                        {Event("non_state_actor_overtakes_territory", "Battles", "2019-01-01", kSaraqib, kHts)});
  undated["events"][0]["date"] = nullptr;
  Add({undated,
       Record("https://a.example/1", "Army took it.",
              {Event("government_regains_territory", "Battles", "2020-02-06", kSaraqib, nullptr, kHts)}),
       Record("https://a.example/2", "Army took it, another report a day later.",
              {Event("government_regains_territory", "Battles", "2020-02-07", kSaraqib)}),
       Record("https://a.example/3", "The army withdrew and handed the town to the rebels.",
              {Event("non_violent_transfer_of_territory", "Strategic developments", "2020-02-25", kSaraqib, kArmy, kFsa)})});
  auto control = store_->ControlOf("Saraqib", {});
  ASSERT_TRUE(control.ok()) << control.status().message();
  ASSERT_EQ(control.value().size(), 2u) << "an unnamed taker reported twice is one change";
  EXPECT_EQ(control.value()[0].holder.id, "gen.state_forces");  // retaken, no agent: the state
  EXPECT_EQ(control.value()[0].since, "2020-02-06");
  EXPECT_EQ(control.value()[1].holder.id, "sy.fsa");  // a transfer goes to its actor2
  EXPECT_EQ(control.value()[1].since, "2020-02-25");
  auto boxed = store_->ControlAt("2020-03-01", "", std::array<double, 4>{36.7, 35.8, 36.9, 35.9});
  ASSERT_TRUE(boxed.ok());
  ASSERT_EQ(boxed.value().size(), 1u);
  EXPECT_EQ(boxed.value()[0].holder.id, "sy.fsa");
  EXPECT_TRUE(store_->ControlAt("2020-03-01", "", std::array<double, 4>{40.0, 30.0, 41.0, 31.0}).value().empty());
}

std::vector<std::string> Backends() { return {"sqlite", "postgres"}; }
INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param; });

// The issue's own case: the canonical article twice, then the project's three reports of the
// same capture from other outlets.
TEST(StorePipeline, CanonicalArticleAndOtherOutletsMakeOneCapture) {
  const std::string canonical = testing::SharedDir() + "/corpus/idlib-maarat-al-numan-2020-01-28.txt";
  FRONTLINE_REQUIRE_SHARED(canonical);
  const pipeline::Pipeline* pipeline = testing::GazetteerPipeline();
  if (pipeline == nullptr) GTEST_SKIP() << "skipped: the test gazetteer index is absent";
  testing::TempDir dir;
  auto opened = Store::Open(dir.path() + "/events.db");
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  Store& db = *opened.value();
  pipeline::JsonOptions options;
  options.gazetteer = pipeline->resources().gazetteer.get();
  options.actors = &pipeline->resources().actors;
  auto ingest = [&](const std::string& path) {
    size_t added = 0;
    doc::ReadSources(
        {path}, doc::SourceOptions{},
        [&](doc::RawDocument&& raw) {
          auto record = pipeline->Process(raw);
          ASSERT_TRUE(record.ok()) << record.status().message();
          ASSERT_TRUE(db.Begin().ok());
          auto result = db.Add(pipeline::ToJson(record.value(), options));
          ASSERT_TRUE(result.ok()) << result.status().message();
          ASSERT_TRUE(db.Commit().ok());
          ++added;
        },
        [](const std::string& where, const std::string& what) { ADD_FAILURE() << where << ": " << what; });
    return added;
  };
  ingest(canonical);
  const StoreCounts once = db.Counts().value();
  ingest(canonical);
  const StoreCounts twice = db.Counts().value();
  EXPECT_EQ(twice.events, once.events);
  EXPECT_EQ(twice.documents, 1);
  EXPECT_EQ(ingest(testing::SourceDir() + "/examples/store"), 4u);
  EventFilter filter;
  filter.sub_event_types = {"government_regains_territory"};
  filter.lat = 35.6483;
  filter.lon = 36.67693;
  filter.radius_km = 5;
  filter.from = filter.to = "2020-01-28";
  const auto events = db.Events(filter).value();
  ASSERT_EQ(events.size(), 1u) << "one capture of Maarat al-Numan on 2020-01-28";
  EXPECT_EQ(events[0].sources, 4) << "the canonical article and the three other outlets";
  const auto control = db.ControlOf("Maarat al-Numan", {}).value();
  ASSERT_GE(control.size(), 2u);
  EXPECT_EQ(control[0].since.substr(0, 4), "2012");
  EXPECT_EQ(control[0].change, "non_state_actor_overtakes_territory");
  EXPECT_EQ(control.back().since, "2020-01-28");
  EXPECT_EQ(control.back().change, "government_regains_territory");
  EXPECT_FALSE(control.back().evidence.empty());
}

}  // namespace
}  // namespace frontline::store
