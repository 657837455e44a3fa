// The canonical article's times, as docs and users expect them (../shared/DESIGN.md).
#include <gtest/gtest.h>

#include <string>

#include "testing.h"
#include "time/time.h"

namespace frontline::time {
namespace {

TEST(CanonicalArticleTimesTest, ResolvesAsAnAnalystWould) {
  const std::string path = testing::SharedDir() + "/corpus/idlib-maarat-al-numan-2020-01-28.txt";
  FRONTLINE_REQUIRE_SHARED(path);
  doc::RawDocument raw;
  raw.origin = path;
  raw.format = doc::Format::kText;
  raw.bytes = testing::ReadFileOrDie(path);
  auto record = testing::Pipeline().Process(raw);
  ASSERT_TRUE(record.ok()) << record.status().message();
  const pipeline::Record& r = record.value();
  ASSERT_TRUE(r.times.publication.has_value());
  EXPECT_EQ(FormatDate(*r.times.publication), "2020-01-28");
  EXPECT_EQ(r.times.publication_origin, Origin::kInferred);

  struct Want {
    std::string surface;  // the expression as written
    std::string start, end, precision;
  };
  const Want wants[] = {
      {"April 2019", "2019-04-01", "2019-04-30", "month"},
      {"August", "2019-08-01", "2019-08-31", "month"},
      {"Tuesday, January 28", "2020-01-28", "2020-01-28", "day"},
      {"December", "2019-12-01", "2020-01-28", "range"},  // since December
      {"summer", "2019-03-01", "2019-08-31", "season"},   // in the spring and summer
      {"October 2012", "2012-10-01", "2012-10-31", "month"},
      {"2016", "2016-01-01", "2020-01-28", "range"},  // from 2016
      {"a year later", "2017-01-01", "2017-12-31", "year"},
  };
  for (const Want& w : wants) {
    const TimeMention* found = nullptr;
    for (const TimeMention& m : r.times.mentions) {
      if (m.span.Of(r.document.text) == w.surface) found = &m;
    }
    ASSERT_NE(found, nullptr) << "no time expression \"" << w.surface << "\"";
    const TimeValue& v = found->has_range ? found->range : found->value;
    ASSERT_TRUE(v.dated) << w.surface;
    EXPECT_EQ(FormatDate(v.start), w.start) << w.surface;
    EXPECT_EQ(FormatDate(v.end), w.end) << w.surface;
    EXPECT_EQ(PrecisionName(v.precision), w.precision) << w.surface;
  }
}

}  // namespace
}  // namespace frontline::time
