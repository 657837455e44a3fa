// The article-extraction metric of the ScrapingHub benchmark, exposed for tests.
#ifndef FRONTLINE_EVAL_EXTRACTION_TASK_H_
#define FRONTLINE_EVAL_EXTRACTION_TASK_H_

#include <string>
#include <string_view>
#include <vector>

namespace frontline::eval {

// The \w+ runs of `text` as Python's Unicode regular expressions find them: letters (L*),
// numbers (Nd, Nl, No) and '_'.
std::vector<std::string_view> WordRuns(std::string_view text);

// True, false positive and false negative word 4-gram shingles of one page, as multisets, each
// divided by their sum (all zero when both texts have no words). A text of one to three words
// is one shingle.
struct ShingleCounts {
  double tp = 0, fp = 0, fn = 0;
};
ShingleCounts CompareShingles(std::string_view gold, std::string_view predicted);

// Accumulates pages and reports the benchmark's figures: precision and recall averaged over
// pages (a page with an empty denominator left out of that mean; a page with no false positive
// and no false negative counts 1 for both), F1 of the two means.
class ExtractionScore {
 public:
  void Add(std::string_view gold, std::string_view predicted);
  double precision() const;
  double recall() const;
  double f1() const;
  size_t pages() const { return pages_; }

 private:
  std::vector<double> precisions_, recalls_;
  size_t pages_ = 0;
};

}  // namespace frontline::eval

#endif  // FRONTLINE_EVAL_EXTRACTION_TASK_H_
