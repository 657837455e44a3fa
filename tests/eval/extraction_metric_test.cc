// The ScrapingHub article-extraction metric, on hand-made pages whose shingles are counted in
// the comments.
#include "eval/extraction_task.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace frontline::eval {
namespace {

TEST(WordRunsTest, Table) {
  struct Row {
    std::string_view text;
    std::vector<std::string_view> want;
  };
  const std::vector<Row> rows = {
      {"don't stop_now 3.5", {"don", "t", "stop_now", "3", "5"}},
      {"", {}},
      {"  ,.;!  ", {}},
      {"Al-Nouman, 350,000", {"Al", "Nouman", "350", "000"}},
      {"café détruit", {"café", "détruit"}},
      {"قصف عنيف", {"قصف", "عنيف"}},
      {"Hay’at", {"Hay", "at"}},
      {"x²", {"x²"}},  // superscript two is a number (No): part of \w in Python
      {"a\tb\nc", {"a", "b", "c"}},
      // As in Python, combining marks are not \w: harakat and decomposed accents split words.
      {"قَصْف", {"ق", "ص", "ف"}},
      {"cafe\u0301 noir", {"cafe", "noir"}},
      {"Ⅻ legion, ½ mile", {"Ⅻ", "legion", "½", "mile"}},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(WordRuns(row.text), row.want) << "[" << row.text << "]";
  }
}

struct ShingleRow {
  std::string_view description;
  std::string_view gold, predicted;
  double tp, fp, fn;  // normalised by their sum
};

TEST(CompareShinglesTest, Table) {
  const std::vector<ShingleRow> rows = {
      // gold: "a b c d", "b c d e" (2); predicted: "a b c d" (1). tp 1, fp 0, fn 1; sum 2.
      {"prediction misses the last word", "a b c d e", "a b c d", 0.5, 0.0, 0.5},
      // Same shingles both sides: tp 2 of 2.
      {"identical texts", "a b c d e", "a b c d e", 1.0, 0.0, 0.0},
      // Punctuation is not part of \w+: the same four words, one shingle each.
      {"punctuation ignored", "a, b. c! d?", "a b c d", 1.0, 0.0, 0.0},
      // Fewer than four words form one shingle: "a b" vs "a b c" differ: fp 1, fn 1.
      {"short texts are one shingle each", "a b", "a b c", 0.0, 0.5, 0.5},
      {"short texts, same words", "war ends", "war ends", 1.0, 0.0, 0.0},
      // Nothing on either side: all zero.
      {"both empty", "", "", 0.0, 0.0, 0.0},
      // gold one shingle, nothing predicted: fn 1 of 1.
      {"empty prediction", "a b c d", "", 0.0, 0.0, 1.0},
      {"empty gold", "", "a b c d", 0.0, 1.0, 0.0},
      // Multisets: gold "a b c d a b c d" (8 words) has 5 shingles: abcd x2, bcda, cdab, dabc;
      // predicted "a b c d" has abcd x1. tp 1, fn 4, fp 0; sum 5.
      {"repeated shingles count as a multiset", "a b c d a b c d", "a b c d", 0.2, 0.0, 0.8},
      // The other way round: the extra abcd, bcda, cdab, dabc are false positives.
      {"repeated predicted shingles are false positives", "a b c d", "a b c d a b c d", 0.2, 0.8,
       0.0},
      // Unicode words: "café détruit à Alep" is one shingle both sides.
      {"accented words are \\w", "café détruit à Alep", "café, détruit à Alep.", 1.0, 0.0, 0.0},
      // Arabic: 5 words, 2 shingles; prediction drops the first word: 1 shingle, shared.
      {"Arabic words are \\w", "قال الجيش إن القصف استمر", "الجيش إن القصف استمر", 0.5, 0.0, 0.5},
      // Case matters, as in the benchmark: "A b c d" and "a b c d" differ.
      {"case sensitive", "A b c d", "a b c d", 0.0, 0.5, 0.5},
  };
  for (const ShingleRow& row : rows) {
    const ShingleCounts c = CompareShingles(row.gold, row.predicted);
    EXPECT_DOUBLE_EQ(c.tp, row.tp) << row.description;
    EXPECT_DOUBLE_EQ(c.fp, row.fp) << row.description;
    EXPECT_DOUBLE_EQ(c.fn, row.fn) << row.description;
  }
}

TEST(ExtractionScoreTest, IdenticalPagesScoreOne) {
  ExtractionScore score;
  score.Add("Troops entered the town on Tuesday.", "Troops entered the town on Tuesday.");
  EXPECT_EQ(score.pages(), 1u);
  EXPECT_DOUBLE_EQ(score.precision(), 1.0);
  EXPECT_DOUBLE_EQ(score.recall(), 1.0);
  EXPECT_DOUBLE_EQ(score.f1(), 1.0);
}

TEST(ExtractionScoreTest, EmptyGoldAndEmptyPredictionCountOne) {
  // No false positive and no false negative: the page counts 1 for precision and recall.
  ExtractionScore score;
  score.Add("", "");
  EXPECT_EQ(score.pages(), 1u);
  EXPECT_DOUBLE_EQ(score.precision(), 1.0);
  EXPECT_DOUBLE_EQ(score.recall(), 1.0);
}

TEST(ExtractionScoreTest, AveragesOverPagesLeavingOutEmptyDenominators) {
  ExtractionScore score;
  // Page 1: gold "a b c d e" (abcd, bcde), predicted "a b c d" (abcd).
  //   tp 1/2, fp 0, fn 1/2: precision 1, recall 0.5.
  score.Add("a b c d e", "a b c d");
  // Page 2: gold "a b c d e f" (abcd, bcde, cdef), predicted "b c d e x" (bcde, cdex).
  //   tp 1, fp 1, fn 2 (sum 4): tp .25, fp .25, fn .5; precision .5, recall 1/3.
  score.Add("a b c d e f", "b c d e x");
  // Page 3: nothing predicted for gold "a b c d": tp 0, fp 0, fn 1.
  //   precision's denominator tp + fp is 0: left out of the precision mean; recall 0.
  score.Add("a b c d", "");
  EXPECT_EQ(score.pages(), 3u);
  // precision = mean(1, .5) = .75; recall = mean(.5, 1/3, 0) = 5/18.
  const double p = 0.75;
  const double r = 5.0 / 18.0;
  EXPECT_DOUBLE_EQ(score.precision(), p);
  EXPECT_DOUBLE_EQ(score.recall(), r);
  EXPECT_DOUBLE_EQ(score.f1(), 2 * p * r / (p + r));
}

TEST(ExtractionScoreTest, NoPagesScoresZero) {
  const ExtractionScore score;
  EXPECT_EQ(score.pages(), 0u);
  EXPECT_DOUBLE_EQ(score.precision(), 0.0);
  EXPECT_DOUBLE_EQ(score.recall(), 0.0);
  EXPECT_DOUBLE_EQ(score.f1(), 0.0);
}

}  // namespace
}  // namespace frontline::eval
