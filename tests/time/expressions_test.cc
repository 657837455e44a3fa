// The time-expression table (expressions.tsv): each row's last expression resolved against
// its reference date, or no expression at all for non-dates.
#include <gtest/gtest.h>

#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "testing.h"
#include "text/layer.h"
#include "time/time.h"

namespace frontline::time {
namespace {

struct Row {
  int line;
  std::string reference, text, expected;
};

std::vector<Row> ReadRows() {
  std::vector<Row> rows;
  std::istringstream in(
      testing::ReadFileOrDie(testing::SourceDir() + "/tests/time/expressions.tsv"));
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    const size_t t1 = line.find('\t');
    const size_t t2 = line.find('\t', t1 + 1);
    if (t1 == std::string::npos || t2 == std::string::npos) {
      ADD_FAILURE() << "expressions.tsv:" << line_no << ": expected three TAB-separated fields";
      continue;
    }
    rows.push_back(
        Row{line_no, line.substr(0, t1), line.substr(t1 + 1, t2 - t1 - 1), line.substr(t2 + 1)});
  }
  return rows;
}

// What frontline makes of the row: "START END PRECISION" of the last expression, or "-".
std::string Resolve(const Row& row, std::string* all) {
  text::TextLayer layer;
  const text::Span whole{0, static_cast<uint32_t>(row.text.size())};
  text::Analyze(row.text, std::span<const text::Span>(&whole, 1), testing::Pipeline().splitter(),
                layer);
  std::optional<Date> reference;
  if (row.reference != "-") reference = ParseIsoDate(row.reference);
  const DocumentTimes times = testing::Pipeline().time_stage().Annotate(row.text, layer, reference);
  for (const TimeMention& m : times.mentions) {
    *all += " [" + std::string(m.span.Of(row.text)) + " -> " + m.value.ToTimex() + "]";
  }
  if (times.mentions.empty()) return "-";
  const TimeMention& last = times.mentions.back();
  const TimeValue& v = last.has_range ? last.range : last.value;
  if (!v.dated) return "undated " + v.ToTimex();
  return FormatDate(v.start) + " " + FormatDate(v.end) + " " +
         std::string(PrecisionName(v.precision));
}

TEST(TimeExpressionsTest, Table) {
  const std::vector<Row> rows = ReadRows();
  ASSERT_GE(rows.size(), 200u);
  size_t right = 0;
  for (const Row& row : rows) {
    std::string all;
    const std::string got = Resolve(row, &all);
    if (got == row.expected) {
      ++right;
      continue;
    }
    ADD_FAILURE() << "expressions.tsv:" << row.line << ": [" << row.text << "] at " << row.reference
                  << "\n  got:  " << got << "\n  want: " << row.expected << "\n  tagged:" << all;
  }
  std::cout << "[ TIME     ] " << right << " of " << rows.size()
            << " expressions resolved as expected\n";
}

}  // namespace
}  // namespace frontline::time
