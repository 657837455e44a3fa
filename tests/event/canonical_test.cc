// The canonical article's records, as ../shared/DESIGN.md lists what a user expects from it.
#include <gtest/gtest.h>

#include <string>

#include "event/event.h"
#include "geo/gazetteer.h"
#include "testing.h"

namespace frontline::event {
namespace {

class CanonicalEventsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testing::GazetteerPipeline() == nullptr) {
      GTEST_SKIP() << "no gazetteer index at " << FRONTLINE_TEST_GAZETTEER
                   << " (the set-up's npm data packages are missing)";
    }
    const std::string path =
        testing::SharedDir() + "/corpus/idlib-maarat-al-numan-2020-01-28.txt";
    FRONTLINE_REQUIRE_SHARED(path);
    doc::RawDocument raw;
    raw.origin = path;
    raw.format = doc::Format::kText;
    raw.bytes = testing::ReadFileOrDie(path);
    auto record = testing::GazetteerPipeline()->Process(raw);
    ASSERT_TRUE(record.ok()) << record.status().message();
    record_ = std::move(record).value();
  }

  // The first event of `type` whose trigger or evidence sentence contains `words`.
  const Event* Find(SubEventType type, std::string_view words) const {
    for (const Event& e : record_.events) {
      const std::string_view sentence =
          record_.text.sentences[e.sentence].span.Of(record_.document.text);
      if (e.type == type && sentence.find(words) != std::string_view::npos) return &e;
    }
    return nullptr;
  }
  std::string Date(const Event& e, bool end) const {
    return time::FormatDate(end ? e.date.value.end : e.date.value.start);
  }
  const Actor& ActorOf(const EventActor& a) const {
    return testing::GazetteerPipeline()->event_stage().actors().actor(
        static_cast<uint32_t>(a.actor));
  }

  pipeline::Record record_;
};

TEST_F(CanonicalEventsTest, LoyalistsEnterMaaratAlNuman) {
  const Event* e = nullptr;
  for (const Event& x : record_.events) {
    if (x.type == SubEventType::kGovernmentRegainsTerritory &&
        x.trigger.Of(record_.document.text) == "entered")
      e = &x;
  }
  ASSERT_NE(e, nullptr);
  ASSERT_FALSE(e->side1.empty());
  EXPECT_EQ(e->side1[0].sector, Sector::kState);
  EXPECT_EQ(e->side1[0].country, "SY");
  ASSERT_FALSE(e->side2.empty());
  ASSERT_GE(e->side2[0].actor, 0);
  EXPECT_EQ(ActorOf(e->side2[0]).id, "sy.hts");  // the page's "HTC"
  EXPECT_EQ(e->location.precision, geo::Precision::kPlace);
  EXPECT_LT(geo::DistanceKm(e->location.place.position, {35.648, 36.677}), 5);
  EXPECT_EQ(Date(*e, false), "2020-01-28");
  EXPECT_EQ(Date(*e, true), "2020-01-28");
  EXPECT_EQ(e->date.value.precision, time::Precision::kDay);
  EXPECT_TRUE(e->modality.fact());
}

TEST_F(CanonicalEventsTest, KhanShaykhunCapturedInAugust) {
  const Event* e = Find(SubEventType::kGovernmentRegainsTerritory, "Khan Cheikhoun");
  ASSERT_NE(e, nullptr);
  ASSERT_FALSE(e->side1.empty());
  EXPECT_EQ(e->side1[0].sector, Sector::kState);
  EXPECT_LT(geo::DistanceKm(e->location.place.position, {35.442, 36.651}), 5);
  EXPECT_EQ(Date(*e, false), "2019-08-01");
  EXPECT_EQ(Date(*e, true), "2019-08-31");
  EXPECT_EQ(e->date.value.precision, time::Precision::kMonth);
}

TEST_F(CanonicalEventsTest, ExodusSinceDecember) {
  const Event* e = Find(SubEventType::kDisplacement, "350,000");
  ASSERT_NE(e, nullptr);
  ASSERT_EQ(e->counts.size(), 1u);
  EXPECT_EQ(e->counts[0].kind, CountKind::kDisplaced);
  EXPECT_EQ(e->counts[0].best, 350000);
  EXPECT_FALSE(e->counts[0].exact);  // "nearly"
  EXPECT_EQ(Date(*e, false), "2019-12-01");
  EXPECT_EQ(Date(*e, true), "2020-01-28");
  EXPECT_EQ(e->location.place.country, "SY");
}

TEST_F(CanonicalEventsTest, DisplacedInSpringAndSummer) {
  const Event* e = nullptr;
  for (const Event& x : record_.events) {
    if (x.type == SubEventType::kDisplacement && !x.counts.empty() && x.counts[0].best == 300000)
      e = &x;
  }
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(Date(*e, false), "2019-03-01");
  EXPECT_EQ(Date(*e, true), "2019-08-31");
  EXPECT_EQ(e->date.value.precision, time::Precision::kSeason);
}

TEST_F(CanonicalEventsTest, BombingsCausedDozensOfCivilianCasualties) {
  const Event* e = nullptr;
  for (const Event& x : record_.events) {
    const std::string_view sentence =
        record_.text.sentences[x.sentence].span.Of(record_.document.text);
    if ((x.type == SubEventType::kAirDroneStrike ||
         x.type == SubEventType::kShellingArtilleryMissileAttack) &&
        sentence.find("dozens") != std::string_view::npos)
      e = &x;
  }
  ASSERT_NE(e, nullptr);
  ASSERT_FALSE(e->side1.empty());
  EXPECT_EQ(e->side1[0].sector, Sector::kState);
  bool civilians = false;
  for (const EventActor& a : e->side2) civilians = civilians || a.sector == Sector::kCivilians;
  EXPECT_TRUE(civilians);
  ASSERT_EQ(e->counts.size(), 1u);
  EXPECT_EQ(e->counts[0].kind, CountKind::kCasualties);
  EXPECT_EQ(e->counts[0].min, 24);  // a range, not a made-up number
  EXPECT_EQ(e->counts[0].max, 99);
  EXPECT_FALSE(e->counts[0].exact);
}

TEST_F(CanonicalEventsTest, TheCityRidItselfOfTheGovernmentIn2012IsBackground) {
  const Event* e = Find(SubEventType::kNonStateActorOvertakesTerritory, "October 2012");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(Date(*e, false), "2012-10-01");
  EXPECT_EQ(Date(*e, true), "2012-10-31");
  EXPECT_TRUE(e->modality.historical);
  EXPECT_FALSE(e->modality.fact());
}

TEST_F(CanonicalEventsTest, NothingFromPageFurniture) {
  for (const Event& e : record_.events) {
    const std::string_view sentence =
        record_.text.sentences[e.sentence].span.Of(record_.document.text);
    EXPECT_EQ(sentence.find("subscribers"), std::string_view::npos) << sentence;
    EXPECT_EQ(sentence.find("REPLY"), std::string_view::npos) << sentence;
  }
}

}  // namespace
}  // namespace frontline::event
