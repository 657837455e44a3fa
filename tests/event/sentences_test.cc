// The event table (tests/event/sentences.tsv): sentences written for the project, each with the
// main event a careful coder would record. Rules are measured on the whole table, field by
// field, and every miss is printed so that a regression names its sentences.
#include <gtest/gtest.h>

#include <charconv>
#include <fstream>
#include <sstream>

#include "event/event.h"
#include "event/taxonomy.h"
#include "testing.h"
#include "text/data_file.h"

namespace frontline::event {
namespace {

struct Row {
  size_t line;
  std::string published, sentence, sub_event, actor1, actor2, counts, modality;
};

std::vector<Row> ReadTable() {
  const std::string contents = testing::ReadFileOrDie(testing::SourceDir() +
                                                      "/tests/event/sentences.tsv");
  std::vector<Row> rows;
  Status s =
      text::ForEachDataLine(contents, "sentences.tsv", [&](size_t line, std::string_view entry) {
        std::string_view f[7];
        if (!text::SplitTabFields(entry, f, 7))
          return Status::Error("bad row " + std::to_string(line));
        rows.push_back(Row{line, std::string(f[0]), std::string(f[1]), std::string(f[2]),
                           std::string(f[3]), std::string(f[4]), std::string(f[5]),
                           std::string(f[6])});
        return Status::Ok();
      });
  EXPECT_TRUE(s.ok()) << s.message();
  return rows;
}

const Event* Top(const std::vector<Event>& events) {
  const Event* top = nullptr;
  for (const Event& e : events) {
    if (top == nullptr || e.confidence > top->confidence) top = &e;
  }
  return top;
}

std::string ModalityOf(const Modality& m) {
  if (m.negated) return "negated";
  if (m.future) return "future";
  if (m.hypothetical) return "hypothetical";
  if (m.historical) return "historical";
  if (m.claimed) return "claimed";
  return "fact";
}

int64_t ParseInt(std::string_view s) {
  int64_t v = -1;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// Whether `count` matches the table's value: "12", "12.." (lower bound), "..350" (upper
// bound), "~300" (approximate), "24..99" (a vague range).
bool CountMatches(const Count& count, std::string_view value) {
  const size_t dots = value.find("..");
  if (value.starts_with("~")) return !count.exact && count.best == ParseInt(value.substr(1));
  if (dots == std::string_view::npos) return count.exact && count.best == ParseInt(value);
  const std::string_view lo = value.substr(0, dots), hi = value.substr(dots + 2);
  if (lo.empty()) return count.max == ParseInt(hi) && !count.exact;
  if (hi.empty()) return count.min == ParseInt(lo) && count.max < 0;
  return count.min == ParseInt(lo) && count.max == ParseInt(hi);
}

// Checks every kind=value item; "cumulative" requires a cumulative count.
bool CountsMatch(const Event* e, const std::string& expected) {
  std::istringstream in(expected);
  std::string item;
  while (in >> item) {
    if (item == "cumulative") {
      bool any = false;
      for (const Count& c : e->counts) any = any || c.cumulative;
      if (!any) return false;
      continue;
    }
    const size_t eq = item.find('=');
    const std::string kind = item.substr(0, eq), value = item.substr(eq + 1);
    bool found = false;
    for (const Count& c : e->counts)
      found = found || (CountKindName(c.kind) == kind && CountMatches(c, value));
    if (!found) return false;
  }
  return true;
}

class EventTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testing::GazetteerPipeline() == nullptr) {
      GTEST_SKIP() << "no gazetteer index at " << FRONTLINE_TEST_GAZETTEER
                   << " (the set-up's npm data packages are missing)";
    }
  }
};

TEST_F(EventTableTest, MeetsTheTableFieldByField) {
  const std::vector<Row> rows = ReadTable();
  ASSERT_GE(rows.size(), 150u);
  struct Field {
    const char* name;
    size_t right = 0, total = 0;
    double floor;
  };
  Field sub{"sub_event", 0, 0, 0.80}, a1{"actor1", 0, 0, 0.75}, a2{"actor2", 0, 0, 0.55},
      counts{"counts", 0, 0, 0.70}, modality{"modality", 0, 0, 0.70};
  std::ostringstream misses;
  for (const Row& row : rows) {
    pipeline::Record record;
    record.document.published = row.published;
    doc::AppendParagraph(record.document, row.sentence, doc::ParagraphKind::kBody);
    testing::GazetteerPipeline()->Analyze(record);
    const Event* top = Top(record.events);
    const std::string got = top ? std::string(Info(top->type).id) : "none";
    auto check = [&](Field& f, bool ok, const std::string& want, const std::string& have) {
      ++f.total;
      f.right += ok;
      if (!ok) {
        misses << "sentences.tsv:" << row.line << ": " << f.name << " want " << want << ", got "
               << have << ": " << row.sentence << "\n";
      }
    };
    check(sub, got == row.sub_event, row.sub_event, got);
    if (top == nullptr || row.sub_event == "none") continue;
    if (row.actor1 != "-") {
      const std::string have = top->side1.empty() ? "-" : std::string(SectorName(top->side1[0].sector));
      check(a1, have == row.actor1, row.actor1, have);
    }
    if (row.actor2 != "-") {
      const std::string have = top->side2.empty() ? "-" : std::string(SectorName(top->side2[0].sector));
      check(a2, have == row.actor2, row.actor2, have);
    }
    if (row.counts != "-") {
      std::string have;
      for (const Count& c : top->counts) {
        have += std::string(CountKindName(c.kind)) + "=" + std::to_string(c.min) + ".." +
                std::to_string(c.max) + (c.cumulative ? "(cum) " : " ");
      }
      check(counts, CountsMatch(top, row.counts), row.counts, have.empty() ? "-" : have);
    }
    check(modality, ModalityOf(top->modality) == row.modality, row.modality,
          ModalityOf(top->modality));
  }
  std::ostringstream summary;
  for (const Field* f : {&sub, &a1, &a2, &counts, &modality}) {
    const double share = f->total ? static_cast<double>(f->right) / f->total : 1.0;
    summary << f->name << " " << f->right << "/" << f->total << " ";
    EXPECT_GE(share, f->floor) << f->name;
  }
  std::printf("event table: %s\n", summary.str().c_str());
  if (HasFailure()) std::printf("%s", misses.str().c_str());
  RecordProperty("misses", misses.str());
}

}  // namespace
}  // namespace frontline::event
