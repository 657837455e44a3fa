// Merging rules on mentions alone: which reports are one happening, and the values an event
// takes from its reports.
#include "store/merge.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace frontline::store {
namespace {

struct Town {
  const char* key;
  double lat, lon;
  GeoPrecision precision;
  const char* country;
  const char* admin1;
};

// Two towns 8 km apart, one 45 km away, a province centroid 60 km away, a town abroad.
constexpr Town kTownA{"gn:1", 35.6483, 36.6769, GeoPrecision::kPlace, "SY", "Idlib"};
constexpr Town kTownB{"gn:2", 35.7200, 36.6769, GeoPrecision::kPlace, "SY", "Idlib"};
constexpr Town kTownFar{"gn:3", 36.0500, 36.6769, GeoPrecision::kPlace, "SY", "Idlib"};
constexpr Town kProvince{"admin1:SY:Idlib", 36.1900, 36.6769, GeoPrecision::kAdmin1, "SY", "Idlib"};
constexpr Town kAbroad{"gn:4", 36.5000, 36.7000, GeoPrecision::kPlace, "TR", "Hatay"};

ActorRef Actor(const std::string& id, const std::string& country, const std::string& sector) {
  ActorRef a;
  if (id.empty()) return a;
  a.id = id;
  a.country = country;
  a.sector = sector;
  a.key = a.generic() ? id + "@" + country : id;
  a.name = id;
  return a;
}

Mention Make(const std::string& sub_type, const std::string& start, const std::string& end,
             const std::string& precision, const Town& town, ActorRef a1 = {}, ActorRef a2 = {},
             const std::string& modality = "fact", int64_t fatalities = 0) {
  Mention m;
  m.sub_event_type = sub_type;
  m.event_type = "Battles";
  m.date_start = start;
  m.date_end = end;
  m.date_precision = precision;
  m.place.key = town.key;
  m.place.lat = town.lat;
  m.place.lon = town.lon;
  m.place.has_position = true;
  m.place.precision = town.precision;
  m.place.country = town.country;
  m.place.admin1 = town.admin1;
  m.place.name = town.key;
  m.actor1 = std::move(a1);
  m.actor2 = std::move(a2);
  m.modality = modality;
  m.fatalities = fatalities;
  return m;
}

const ActorRef kArmy = Actor("sy.army", "SY", "state");
const ActorRef kTroops = Actor("gen.military", "SY", "state");
const ActorRef kHts = Actor("sy.hts", "SY", "rebel");
const ActorRef kFsa = Actor("sy.fsa", "SY", "rebel");
const ActorRef kRebels = Actor("gen.rebels", "SY", "rebel");
const ActorRef kCivilians = Actor("gen.civilians", "SY", "civilians");

struct Case {
  const char* name;
  Mention event;
  Mention mention;
  bool same;
};

TEST(Merge, SameHappening) {
  const std::string capture = "government_regains_territory";
  const std::vector<Case> cases = {
      {"same town, day, actors", Make(capture, "2020-01-28", "2020-01-28", "day", kTownA, kArmy, kHts),
       Make(capture, "2020-01-28", "2020-01-28", "day", kTownA, kArmy, kHts), true},
      {"consecutive days are two events", Make(capture, "2020-01-28", "2020-01-28", "day", kTownA, kArmy),
       Make(capture, "2020-01-29", "2020-01-29", "day", kTownA, kArmy), false},
      {"publication three days after", Make(capture, "2020-01-28", "2020-01-28", "day", kTownA),
       Make(capture, "2020-01-31", "2020-01-31", "publication", kTownA), false},
      {"publication date two days after", Make(capture, "2020-01-28", "2020-01-28", "day", kTownA),
       Make(capture, "2020-01-30", "2020-01-30", "publication", kTownA), true},
      {"month holds the day", Make(capture, "2020-01-28", "2020-01-28", "day", kTownA),
       Make(capture, "2020-01-01", "2020-01-31", "month", kTownA), true},
      {"towns 8 km apart", Make(capture, "2020-01-28", "2020-01-28", "day", kTownA),
       Make(capture, "2020-01-28", "2020-01-28", "day", kTownB), true},
      {"towns 45 km apart", Make(capture, "2020-01-28", "2020-01-28", "day", kTownA),
       Make(capture, "2020-01-28", "2020-01-28", "day", kTownFar), false},
      {"town inside the province named", Make(capture, "2020-01-28", "2020-01-28", "day", kTownA),
       Make(capture, "2020-01-28", "2020-01-28", "day", kProvince), true},
      {"another country", Make(capture, "2020-01-28", "2020-01-28", "day", kTownA),
       Make(capture, "2020-01-28", "2020-01-28", "day", kAbroad), false},
      {"capture is not a clash", Make(capture, "2020-01-28", "2020-01-28", "day", kTownA),
       Make("armed_clash", "2020-01-28", "2020-01-28", "day", kTownA), false},
      {"air strike or shelling",
       Make("air_drone_strike", "2020-01-28", "2020-01-28", "day", kTownA),
       Make("shelling_artillery_missile_attack", "2020-01-28", "2020-01-28", "day", kTownA), true},
      {"two named groups differ", Make(capture, "2020-01-28", "2020-01-28", "day", kTownA, kArmy, kHts),
       Make(capture, "2020-01-28", "2020-01-28", "day", kTownA, kArmy, kFsa), false},
      {"generic rebels may be the named group",
       Make(capture, "2020-01-28", "2020-01-28", "day", kTownA, kArmy, kHts),
       Make(capture, "2020-01-28", "2020-01-28", "day", kTownA, kTroops, kRebels), true},
      {"generic troops are not the rebels",
       Make(capture, "2020-01-28", "2020-01-28", "day", kTownA, kArmy, kHts),
       Make(capture, "2020-01-28", "2020-01-28", "day", kTownA, kRebels), false},
      {"unnamed side agrees with any", Make(capture, "2020-01-28", "2020-01-28", "day", kTownA, kArmy, kHts),
       Make(capture, "2020-01-28", "2020-01-28", "day", kTownA, kArmy), true},
      {"clash sides in either order",
       Make("armed_clash", "2020-01-28", "2020-01-28", "day", kTownA, kArmy, kHts),
       Make("armed_clash", "2020-01-28", "2020-01-28", "day", kTownA, kHts, kArmy), true},
      {"an attack's sides keep their order",
       Make("attack", "2020-01-28", "2020-01-28", "day", kTownA, kHts, kCivilians),
       Make("attack", "2020-01-28", "2020-01-28", "day", kTownA, kCivilians, kHts), false},
      {"a claim may be the fact",
       Make(capture, "2020-01-28", "2020-01-28", "day", kTownA, kArmy),
       Make(capture, "2020-01-28", "2020-01-28", "day", kTownA, kArmy, {}, "claimed"), true},
      {"a denial is not the fact", Make(capture, "2020-01-28", "2020-01-28", "day", kTownA, kArmy),
       Make(capture, "2020-01-28", "2020-01-28", "day", kTownA, kArmy, {}, "negated"), false},
      {"a threat is not the fact", Make(capture, "2020-01-28", "2020-01-28", "day", kTownA, kArmy),
       Make(capture, "2020-01-28", "2020-01-28", "day", kTownA, kArmy, {}, "future"), false},
  };
  for (const Case& c : cases) {
    std::string why;
    EXPECT_EQ(SameHappening(c.event, c.mention, &why), c.same) << c.name << ": " << why;
  }
}

TEST(Merge, ReconcileTakesTheBestOfEachSlot) {
  const std::string capture = "government_regains_territory";
  const std::vector<Mention> mentions = {
      Make(capture, "2020-01-01", "2020-01-31", "month", kProvince, kTroops, {}, "claimed", 12),
      Make(capture, "2020-01-28", "2020-01-28", "day", kTownA, kArmy, kRebels, "fact", 20),
      Make(capture, "2020-01-28", "2020-01-28", "day", kTownA, kTroops, kHts, "fact", 12),
      Make(capture, "2020-01-28", "2020-01-28", "publication", kTownB, {}, {}, "fact", 20),
  };
  const Reconciled r = Reconcile(mentions);
  EXPECT_EQ(r.slots.place.key, "gn:1");           // a town over a province; cited twice
  EXPECT_EQ(r.slots.date_precision, "day");        // the day over the month
  EXPECT_EQ(r.slots.date_start, "2020-01-28");
  EXPECT_EQ(r.slots.actor1.id, "sy.army");         // named over generic
  EXPECT_EQ(r.slots.actor2.id, "sy.hts");
  EXPECT_EQ(r.slots.modality, "fact");             // any fact makes it one
  EXPECT_EQ(r.fatalities_min, 12);
  EXPECT_EQ(r.fatalities_max, 20);
  EXPECT_EQ(r.slots.fatalities, 12);               // 12 and 20 cited twice each: the lower
}

TEST(Merge, ReconcileTakesTheMostCitedToll) {
  const std::vector<Mention> mentions = {
      Make("attack", "2020-01-28", "2020-01-28", "day", kTownA, {}, {}, "fact", 7),
      Make("attack", "2020-01-28", "2020-01-28", "day", kTownA, {}, {}, "fact", 9),
      Make("attack", "2020-01-28", "2020-01-28", "day", kTownA, {}, {}, "fact", 9),
      Make("attack", "2020-01-28", "2020-01-28", "day", kTownA, {}, {}, "fact", 0),
  };
  const Reconciled r = Reconcile(mentions);
  EXPECT_EQ(r.slots.fatalities, 9);
  EXPECT_EQ(r.fatalities_min, 7);
  EXPECT_EQ(r.fatalities_max, 9);
}

TEST(Merge, PeopleCountsOfEachKindAreReconciled) {
  auto with = [](const std::string& counts) {
    Mention m = Make("attack", "2020-01-28", "2020-01-28", "day", kTownA);
    m.counts = counts;
    m.people = PeopleCounts(counts);
    return m;
  };
  // Killed: 5 + 2 added; injured 10 (the 3 children are part of it); displaced only over a
  // period in the first report, for the event itself in the others.
  const std::vector<Mention> mentions = {
      with(R"([{"kind":"killed","best":5},{"kind":"killed","best":2,"plus":true},)"
           R"({"kind":"injured","best":10},{"kind":"injured","best":3,"part":true},)"
           R"({"kind":"displaced","best":9000,"cumulative":true}])"),
      with(R"([{"kind":"killed","best":7},{"kind":"displaced","best":400}])"),
      with(R"([{"kind":"injured","best":12},{"kind":"displaced","best":300}])"),
  };
  ASSERT_EQ(mentions[0].people.size(), 3u);
  EXPECT_EQ(mentions[0].people[2].kind, "killed");  // kinds in name order
  EXPECT_EQ(mentions[0].people[2].value, 7);
  const auto counts = nlohmann::json::parse(Reconcile(mentions).counts);
  EXPECT_EQ(counts["killed"]["best"], 7);
  EXPECT_EQ(counts["killed"]["reports"], 2);
  EXPECT_EQ(counts["injured"]["min"], 10);
  EXPECT_EQ(counts["injured"]["max"], 12);
  EXPECT_EQ(counts["injured"]["best"], 10);  // cited once each: the lower
  EXPECT_EQ(counts["displaced"]["min"], 300);
  EXPECT_EQ(counts["displaced"]["max"], 400);
  EXPECT_EQ(counts["displaced"]["cumulative"], false);
}

TEST(Merge, RadiusGrowsWithCoarserPlaces) {
  EXPECT_EQ(MergeRadiusKm(GeoPrecision::kPlace, GeoPrecision::kPlace), 15);
  EXPECT_EQ(MergeRadiusKm(GeoPrecision::kPlace, GeoPrecision::kNear), 30);
  EXPECT_EQ(MergeRadiusKm(GeoPrecision::kAdmin2, GeoPrecision::kPlace), 60);
  EXPECT_EQ(MergeRadiusKm(GeoPrecision::kPlace, GeoPrecision::kAdmin1), 150);
  EXPECT_LT(MergeRadiusKm(GeoPrecision::kCountry, GeoPrecision::kPlace), 0);
}

}  // namespace
}  // namespace frontline::store
