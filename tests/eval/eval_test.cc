// The evaluation harness: gold files in, scores per task and predictions out.
#include "eval/eval.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "testing.h"

namespace frontline::eval {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A gold file in the system's temporary directory, removed at the end of the test.
class TempGold {
 public:
  explicit TempGold(const std::vector<std::string>& lines) {
    static int counter = 0;
    path_ = (fs::temp_directory_path() / ("frontline-eval-test-" + std::to_string(::getpid()) +
                                          "-" + std::to_string(counter++) + ".jsonl"))
                .string();
    std::ofstream out(path_, std::ios::binary);
    for (const std::string& l : lines) out << l << '\n';
  }
  ~TempGold() {
    std::error_code ec;
    fs::remove(path_, ec);
  }
  TempGold(const TempGold&) = delete;
  TempGold& operator=(const TempGold&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct Problem {
  std::string where, what;
};

struct EvalRun {
  Result<FileReport> report = Status::Error("not run");
  std::vector<Problem> problems;
  std::vector<json> predictions;
};

EvalRun Evaluate(const std::string& path, std::string_view task = "") {
  EvalRun run;
  std::ostringstream predictions;
  run.report = EvaluateFile(path, task, testing::Pipeline(), &predictions,
                            [&](const std::string& where, const std::string& what) {
                              run.problems.push_back({where, what});
                            });
  std::istringstream in(predictions.str());
  for (std::string line; std::getline(in, line);) {
    json j = json::parse(line, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << "prediction is not JSON: " << line;
    run.predictions.push_back(std::move(j));
  }
  return run;
}

const json* ScoresOf(const FileReport& report, std::string_view task) {
  for (const auto& [name, scores] : report.scores)
    if (name == task) return &scores;
  return nullptr;
}

// Two small pages whose whole article is their gold text, and one sentence-splitting row.
std::string PageRow(const std::string& id, const std::string& p1, const std::string& p2) {
  const std::string html =
      "<!DOCTYPE html><html lang=\"en\"><head><title>Report</title></head><body>"
      "<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>"
      "<article><p>" +
      p1 + "</p><p>" + p2 +
      "</p></article>"
      "<footer><p>Example Daily, all rights reserved.</p></footer></body></html>";
  return json{{"id", id}, {"set", "aeb"}, {"html", html}, {"gold_text", p1 + "\n\n" + p2}}.dump();
}

const std::string kPage1 = PageRow(
    "page-1",
    "Government forces pushed into the northern outskirts of the town overnight, residents said, "
    "after a week of artillery fire on the roads leading south.",
    "A local official said at least 14 people had been killed since Saturday, and that the "
    "hospital, the only one in the district, had run out of fuel for its generators.");
const std::string kPage2 = PageRow(
    "page-2",
    "Fighters of the armed group held the dam for a third day on Thursday, officials said, despite "
    "repeated drone attacks on their positions along the eastern bank.",
    "Engineers warned that the structure, damaged in earlier fighting, could fail if the spillway "
    "gates were not repaired before the spring floods arrived.");
const std::string kSentenceRow =
    json{{"id", "ewt-1"},
         {"set", "ud-ewt"},
         {"text", "The shelling stopped at dawn. Residents began to leave their shelters."},
         {"sentences",
          {"The shelling stopped at dawn.", "Residents began to leave their shelters."}}}
        .dump();

TEST(EvaluateFileTest, ScoresEachTaskAndWritesPredictions) {
  const TempGold gold({kPage1, kSentenceRow, kPage2});
  const EvalRun run = Evaluate(gold.path());
  ASSERT_TRUE(run.report.ok()) << run.report.status().message();
  const FileReport& r = run.report.value();
  EXPECT_EQ(r.file, gold.path());
  EXPECT_EQ(r.rows, 3u);
  EXPECT_EQ(r.problems, 0u);
  EXPECT_TRUE(run.problems.empty());
  ASSERT_EQ(r.scores.size(), 2u);
  EXPECT_EQ(r.scores[0].first, "extraction");  // tasks in first-seen order
  EXPECT_EQ(r.scores[1].first, "sentences");

  const json* extraction = ScoresOf(r, "extraction");
  ASSERT_NE(extraction, nullptr);
  EXPECT_EQ(extraction->value("pages", 0), 2);
  EXPECT_DOUBLE_EQ(extraction->value("precision", 0.0), 1.0) << extraction->dump();
  EXPECT_DOUBLE_EQ(extraction->value("recall", 0.0), 1.0) << extraction->dump();
  EXPECT_DOUBLE_EQ(extraction->value("f1", 0.0), 1.0) << extraction->dump();

  const json* sentences = ScoresOf(r, "sentences");
  ASSERT_NE(sentences, nullptr);
  EXPECT_EQ(sentences->value("documents", 0), 1);
  EXPECT_DOUBLE_EQ(sentences->value("exact", 0.0), 1.0) << sentences->dump();
  EXPECT_DOUBLE_EQ(sentences->value("sentence_f1", 0.0), 1.0) << sentences->dump();

  ASSERT_EQ(run.predictions.size(), 3u);
  EXPECT_EQ(run.predictions[0].value("id", ""), "page-1");
  EXPECT_EQ(run.predictions[1].value("id", ""), "ewt-1");
  EXPECT_EQ(run.predictions[2].value("id", ""), "page-2");
  EXPECT_NE(run.predictions[0].value("text", "").find("northern outskirts"), std::string::npos);
  EXPECT_EQ(run.predictions[0].value("text", "").find("all rights reserved"), std::string::npos);
  EXPECT_EQ(run.predictions[1]["sentences"],
            json({"The shelling stopped at dawn.", "Residents began to leave their shelters."}));
}

TEST(EvaluateFileTest, MalformedRowIsAProblemAndTheRestIsScored) {
  const TempGold gold({kPage1, "{\"id\": \"broken\", \"set\": \"aeb\"", kSentenceRow,
                       json{{"id", "no-gold"}, {"set", "aeb"}, {"html", "<p>x</p>"}}.dump()});
  const EvalRun run = Evaluate(gold.path());
  ASSERT_TRUE(run.report.ok()) << run.report.status().message();
  EXPECT_EQ(run.report.value().rows, 2u);
  EXPECT_EQ(run.report.value().problems, 2u);
  ASSERT_EQ(run.problems.size(), 2u);
  EXPECT_EQ(run.problems[0].where, gold.path() + ":2");
  EXPECT_EQ(run.problems[1].where, gold.path() + ":4");
  EXPECT_NE(run.problems[1].what.find("gold_text"), std::string::npos) << run.problems[1].what;
  EXPECT_EQ(run.predictions.size(), 2u);
}

TEST(EvaluateFileTest, UnknownSetFailsTheFile) {
  const TempGold gold({kPage1, json{{"id", "x"}, {"set", "no-such-set"}, {"text", "x"}}.dump()});
  const EvalRun run = Evaluate(gold.path());
  ASSERT_FALSE(run.report.ok());
  EXPECT_NE(run.report.status().message().find("no-such-set"), std::string::npos)
      << run.report.status().message();
}

TEST(EvaluateFileTest, RowWithoutSetNeedsATask) {
  const TempGold gold(
      {json{{"id", "x"}, {"text", "One. Two."}, {"sentences", {"One.", "Two."}}}.dump()});
  const EvalRun without = Evaluate(gold.path());
  EXPECT_FALSE(without.report.ok());
  const EvalRun with = Evaluate(gold.path(), "sentences");
  ASSERT_TRUE(with.report.ok()) << with.report.status().message();
  EXPECT_EQ(with.report.value().rows, 1u);
}

TEST(EvaluateFileTest, TaskOverridesTheRowsSet) {
  // Rows marked "aeb" that hold sentence-splitting fields, scored as sentences by --task.
  const TempGold gold({json{{"id", "s1"},
                            {"set", "aeb"},
                            {"text", "Kyiv was quiet. Kharkiv was not."},
                            {"sentences", {"Kyiv was quiet.", "Kharkiv was not."}}}
                           .dump()});
  const EvalRun run = Evaluate(gold.path(), "sentences");
  ASSERT_TRUE(run.report.ok()) << run.report.status().message();
  ASSERT_EQ(run.report.value().scores.size(), 1u);
  EXPECT_EQ(run.report.value().scores[0].first, "sentences");
  EXPECT_DOUBLE_EQ(run.report.value().scores[0].second.value("exact", 0.0), 1.0);
}

TEST(EvaluateFileTest, UnknownTaskOrMissingFileFails) {
  const TempGold gold({kSentenceRow});
  EXPECT_FALSE(Evaluate(gold.path(), "no-such-task").report.ok());
  EXPECT_FALSE(Evaluate(gold.path() + ".absent").report.ok());
}

TEST(EvaluateFileTest, TaskTable) {
  ASSERT_NE(FindTask("extraction"), nullptr);
  ASSERT_NE(FindTask("sentences"), nullptr);
  EXPECT_EQ(FindTask("nonesuch"), nullptr);
  EXPECT_EQ(TaskForSet("aeb"), FindTask("extraction"));
  EXPECT_EQ(TaskForSet("ud-ewt"), FindTask("sentences"));
  EXPECT_EQ(TaskForSet("te3"), FindTask("time"));
  EXPECT_EQ(TaskForSet("duckling"), FindTask("time"));
  EXPECT_EQ(TaskForSet("nonesuch"), nullptr);
}

TEST(EvaluateFileTest, ArticleExtractionBenchmark) {
  const std::string path = testing::SharedDir() + "/eval/dev/extraction/aeb.jsonl";
  FRONTLINE_REQUIRE_SHARED(path);
  const EvalRun run = Evaluate(path);
  ASSERT_TRUE(run.report.ok()) << run.report.status().message();
  EXPECT_EQ(run.report.value().problems, 0u);
  const json* scores = ScoresOf(run.report.value(), "extraction");
  ASSERT_NE(scores, nullptr);
  std::cout << "[       AEB] " << scores->dump() << "\n";
  EXPECT_GE(scores->value("f1", 0.0), 0.96) << scores->dump();
  EXPECT_EQ(static_cast<size_t>(scores->value("pages", 0)), run.report.value().rows);
}

TEST(EvaluateFileTest, UniversalDependenciesEnglishSentences) {
  const std::string path = testing::SharedDir() + "/eval/dev/sentences/ud-en-ewt.jsonl";
  FRONTLINE_REQUIRE_SHARED(path);
  const EvalRun run = Evaluate(path);
  ASSERT_TRUE(run.report.ok()) << run.report.status().message();
  EXPECT_EQ(run.report.value().problems, 0u);
  const json* scores = ScoresOf(run.report.value(), "sentences");
  ASSERT_NE(scores, nullptr);
  std::cout << "[    UD-EWT] " << scores->dump() << "\n";
  ASSERT_TRUE(scores->contains("exact"));
  ASSERT_TRUE(scores->contains("sentence_f1"));
  EXPECT_GT(scores->value("exact", 0.0), 0.5) << scores->dump();
  EXPECT_GT(scores->value("sentence_f1", 0.0), 0.0) << scores->dump();
}

// TempEval-3's metric on a document of our own with hand-counted matches: three gold
// timexes; frontline finds "Tuesday" (value right), "last week" (span right, value right) and
// "2019" inside a longer gold span, and misses nothing.
TEST(EvaluateFileTest, TimeTaskTempEvalLayout) {
  const std::string text =
      "Troops entered the town on Tuesday. Talks stalled last week. The war began in 2019.";
  const auto offset = [&](const std::string& s) { return static_cast<int>(text.find(s)); };
  const json row{{"id", "te3-own-1"},
                 {"set", "te3"},
                 {"dct", "2020-01-30"},
                 {"text", text},
                 {"timexes", json::array({
                                 {{"start", offset("Tuesday")},
                                  {"end", offset("Tuesday") + 7},
                                  {"text", "Tuesday"},
                                  {"type", "DATE"},
                                  {"value", "2020-01-28"}},
                                 {{"start", offset("last week")},
                                  {"end", offset("last week") + 9},
                                  {"text", "last week"},
                                  {"type", "DATE"},
                                  {"value", "2020-W04"}},
                                 {{"start", offset("in 2019")},
                                  {"end", offset("in 2019") + 7},
                                  {"text", "in 2019"},
                                  {"type", "DATE"},
                                  {"value", "2019"}},
                             })}};
  TempGold gold({row.dump()});
  const EvalRun run = Evaluate(gold.path());
  ASSERT_TRUE(run.report.ok()) << run.report.status().message();
  const json* scores = ScoresOf(run.report.value(), "time");
  ASSERT_NE(scores, nullptr);
  EXPECT_EQ(scores->value("gold", 0), 3);
  EXPECT_EQ(scores->value("predicted", 0), 3);
  EXPECT_DOUBLE_EQ(scores->value("relaxed_f1", 0.0), 1.0) << scores->dump();
  EXPECT_NEAR(scores->value("strict_f1", 0.0), 2.0 / 3.0, 1e-9)
      << scores->dump();  // "2019" vs "in 2019"
  EXPECT_DOUBLE_EQ(scores->value("value_accuracy", 0.0), 1.0) << scores->dump();
  ASSERT_EQ(run.predictions.size(), 1u);
  EXPECT_EQ(run.predictions[0]["id"], "te3-own-1");
  EXPECT_EQ(run.predictions[0]["timexes"].size(), 3u);
}

TEST(EvaluateFileTest, FieldsOfTheWrongTypeDoNotStopTheFile) {
  // A null url and a numeric set are tolerated or reported by row; the good rows are scored.
  const std::vector<std::string> rows = {
      json{{"id", "r1"},
           {"set", "aeb"},
           {"url", nullptr},
           {"html", "<p>one two three four five</p>"},
           {"gold_text", "one two three four five"}}
          .dump(),
      json{{"id", "r2"}, {"set", 5}, {"html", "<p>x</p>"}, {"gold_text", "x"}}.dump(),
  };
  TempGold gold(rows);
  const EvalRun run = Evaluate(gold.path(), "extraction");
  ASSERT_TRUE(run.report.ok()) << run.report.status().message();
  EXPECT_EQ(run.report.value().rows, 2u);
  EXPECT_EQ(run.report.value().problems, 0u);
}

TEST(EvaluateFileTest, TimeTaskDucklingLayout) {
  const std::vector<std::string> rows = {
      json{{"id", "d1"},
           {"set", "duckling"},
           {"text", "yesterday"},
           {"reference", "2013-02-12T04:30:00-02:00"},
           {"value", "2013-02-11T00:00:00.000-02:00"},
           {"grain", "day"},
           {"kind", "instant"}}
          .dump(),
      json{{"id", "d2"},
           {"set", "duckling"},
           {"text", "a bowl of soup"},
           {"reference", "2013-02-12T04:30:00-02:00"},
           {"value", nullptr},
           {"grain", nullptr},
           {"kind", "negative"}}
          .dump(),
      json{{"id", "d3"},
           {"set", "duckling"},
           {"text", "in August"},
           {"reference", "2013-02-12T04:30:00-02:00"},
           {"value", "2013-08-01T00:00:00.000-02:00"},
           {"grain", "month"},
           {"kind", "instant"}}
          .dump(),
  };
  TempGold gold(rows);
  const EvalRun run = Evaluate(gold.path());
  ASSERT_TRUE(run.report.ok()) << run.report.status().message();
  const json* scores = ScoresOf(run.report.value(), "time");
  ASSERT_NE(scores, nullptr);
  // "in August" is August 2012 by news conventions, August 2013 for Duckling: two of three.
  EXPECT_NEAR(scores->value("share_exact", 0.0), 2.0 / 3.0, 1e-9) << scores->dump();
}

TEST(EvaluateFileTest, TempEvalTimeBankAquaint) {
  const std::string path = testing::SharedDir() + "/eval/dev/time/te3-tbaq.jsonl";
  FRONTLINE_REQUIRE_SHARED(path);
  const EvalRun run = Evaluate(path);
  ASSERT_TRUE(run.report.ok()) << run.report.status().message();
  EXPECT_EQ(run.report.value().problems, 0u);
  const json* scores = ScoresOf(run.report.value(), "time");
  ASSERT_NE(scores, nullptr);
  std::cout << "[  TE3-TBAQ] " << scores->dump() << "\n";
  // Regression floor at the figure reached (docs/quality.md); the aim is 0.80.
  EXPECT_GE(scores->value("value_f1", 0.0), 0.78) << scores->dump();
  EXPECT_GE(scores->value("relaxed_f1", 0.0), 0.92) << scores->dump();
}

TEST(EvaluateFileTest, DucklingEnglish) {
  const std::string path = testing::SharedDir() + "/eval/dev/time/duckling-en.jsonl";
  FRONTLINE_REQUIRE_SHARED(path);
  const EvalRun run = Evaluate(path);
  ASSERT_TRUE(run.report.ok()) << run.report.status().message();
  const json* scores = ScoresOf(run.report.value(), "time");
  ASSERT_NE(scores, nullptr);
  std::cout << "[  DUCKLING] " << scores->dump() << "\n";
  ASSERT_TRUE(scores->contains("share_exact"));
}

}  // namespace
}  // namespace frontline::eval
