#include "eval/extraction_task.h"

#include <unicode/uchar.h>

#include <numeric>
#include <unordered_map>

#include "eval/tasks.h"
#include "text/utf8.h"

namespace frontline::eval {
namespace {

bool IsPythonWordChar(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
           cp == '_';
  }
  const uint32_t mask = U_GET_GC_MASK(static_cast<UChar32>(cp));
  if (mask & (U_GC_L_MASK | U_GC_ND_MASK | U_GC_NL_MASK | U_GC_NO_MASK)) return true;
  return u_getNumericValue(static_cast<UChar32>(cp)) != U_NO_NUMERIC_VALUE;
}

using Counter = std::unordered_map<std::string, int>;

Counter Shingles(std::string_view text) {
  const std::vector<std::string_view> words = WordRuns(text);
  Counter counts;
  if (words.empty()) return counts;
  const size_t n = 4;
  const size_t grams = words.size() >= n ? words.size() - n + 1 : 1;
  std::string key;
  for (size_t i = 0; i < grams; ++i) {
    key.clear();
    for (size_t k = i; k < std::min(words.size(), i + n); ++k) {
      key += words[k];
      key.push_back('\x1f');
    }
    ++counts[key];
  }
  return counts;
}

class ExtractionTask : public Task {
 public:
  explicit ExtractionTask(const pipeline::Pipeline& pipeline) : pipeline_(&pipeline) {}

  Status Add(const nlohmann::json& row, nlohmann::json& prediction) override {
    if (!row.contains("html") || !row["html"].is_string() || !row.contains("gold_text") ||
        !row["gold_text"].is_string()) {
      return Status::Error("extraction row needs string fields \"html\" and \"gold_text\"");
    }
    doc::RawDocument raw;
    raw.origin = "eval";
    raw.format = doc::Format::kHtml;
    raw.bytes = row["html"].get<std::string>();
    raw.url = StringOf(row, "url");
    std::string text;
    if (Result<pipeline::Record> record = pipeline_->Process(raw); record.ok()) {
      text = record.value().document.text;
    }
    score_.Add(row["gold_text"].get<std::string>(), text);
    prediction = {{"id", row.value("id", nlohmann::json())}, {"text", text}};
    return Status::Ok();
  }

  nlohmann::json Scores() const override {
    return {{"f1", score_.f1()},
            {"precision", score_.precision()},
            {"recall", score_.recall()},
            {"pages", score_.pages()}};
  }

 private:
  const pipeline::Pipeline* pipeline_;
  ExtractionScore score_;
};

}  // namespace

std::vector<std::string_view> WordRuns(std::string_view text) {
  std::vector<std::string_view> out;
  size_t i = 0;
  size_t start = std::string_view::npos;
  while (i < text.size()) {
    const size_t at = i;
    const char32_t cp = text::DecodeUtf8(text, i);
    if (IsPythonWordChar(cp)) {
      if (start == std::string_view::npos) start = at;
    } else if (start != std::string_view::npos) {
      out.push_back(text.substr(start, at - start));
      start = std::string_view::npos;
    }
  }
  if (start != std::string_view::npos) out.push_back(text.substr(start));
  return out;
}

ShingleCounts CompareShingles(std::string_view gold, std::string_view predicted) {
  const Counter g = Shingles(gold);
  const Counter p = Shingles(predicted);
  double tp = 0, fp = 0, fn = 0;
  for (const auto& [k, c] : g) {
    auto it = p.find(k);
    const int pc = it == p.end() ? 0 : it->second;
    tp += std::min(c, pc);
    fn += std::max(0, c - pc);
  }
  for (const auto& [k, c] : p) {
    auto it = g.find(k);
    const int gc = it == g.end() ? 0 : it->second;
    fp += std::max(0, c - gc);
  }
  const double sum = tp + fp + fn;
  if (sum == 0) return {};
  return {tp / sum, fp / sum, fn / sum};
}

void ExtractionScore::Add(std::string_view gold, std::string_view predicted) {
  ++pages_;
  const ShingleCounts c = CompareShingles(gold, predicted);
  if (c.fp == 0 && c.fn == 0) {
    precisions_.push_back(1.0);
    recalls_.push_back(1.0);
    return;
  }
  if (c.tp + c.fp > 0) precisions_.push_back(c.tp / (c.tp + c.fp));
  if (c.tp + c.fn > 0) recalls_.push_back(c.tp / (c.tp + c.fn));
}

double ExtractionScore::precision() const {
  return precisions_.empty()
             ? 0.0
             : std::accumulate(precisions_.begin(), precisions_.end(), 0.0) / precisions_.size();
}

double ExtractionScore::recall() const {
  return recalls_.empty()
             ? 0.0
             : std::accumulate(recalls_.begin(), recalls_.end(), 0.0) / recalls_.size();
}

double ExtractionScore::f1() const {
  const double p = precision(), r = recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

std::unique_ptr<Task> MakeExtractionTask(const pipeline::Pipeline& pipeline) {
  return std::make_unique<ExtractionTask>(pipeline);
}

}  // namespace frontline::eval
