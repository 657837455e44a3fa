#include <map>

#include "eval/tasks.h"

namespace frontline::eval {
namespace {

// Python's str.strip(): white space at both ends (ASCII and the common Unicode spaces).
std::string Strip(std::string_view s) {
  auto is_space_at_front = [&](std::string_view t) -> size_t {
    if (t.empty()) return 0;
    const unsigned char c = t[0];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (t.starts_with("\xC2\xA0") || t.starts_with("\xC2\x85")) return 2;
    if (t.starts_with("\xE2\x80") && t.size() >= 3) {
      const unsigned char d = t[2];
      if ((d >= 0x80 && d <= 0x8A) || d == 0xA8 || d == 0xA9 || d == 0xAF) return 3;
    }
    if (t.starts_with("\xE3\x80\x80")) return 3;
    return 0;
  };
  while (size_t n = is_space_at_front(s)) s.remove_prefix(n);
  while (!s.empty()) {
    const unsigned char c = s.back();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      s.remove_suffix(1);
    } else if (s.ends_with("\xC2\xA0")) {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return std::string(s);
}

class SentencesTask : public Task {
 public:
  explicit SentencesTask(const pipeline::Pipeline& pipeline) : pipeline_(&pipeline) {}

  Status Add(const nlohmann::json& row, nlohmann::json& prediction) override {
    if (!row.contains("text") || !row["text"].is_string() || !row.contains("sentences") ||
        !row["sentences"].is_array()) {
      return Status::Error("sentences row needs \"text\" (string) and \"sentences\" (array)");
    }
    const std::string text = row["text"].get<std::string>();
    std::vector<std::string> got;
    nlohmann::json out = nlohmann::json::array();
    for (const text::Span& s : pipeline_->splitter().Split(text)) {
      const std::string sentence(s.Of(text));
      out.push_back(sentence);
      if (std::string t = Strip(sentence); !t.empty()) got.push_back(std::move(t));
    }
    std::vector<std::string> want;
    for (const auto& s : row["sentences"]) {
      if (!s.is_string()) return Status::Error("\"sentences\" must hold strings");
      if (std::string t = Strip(s.get<std::string>()); !t.empty()) want.push_back(std::move(t));
    }
    ++rows_;
    if (got == want) ++exact_;
    std::map<std::string, int> bag;
    for (const auto& s : want) ++bag[s];
    for (const auto& s : got) {
      auto it = bag.find(s);
      if (it != bag.end() && it->second > 0) {
        --it->second;
        ++matched_;
      }
    }
    n_gold_ += want.size();
    n_pred_ += got.size();
    prediction = {{"id", row.value("id", nlohmann::json())}, {"sentences", std::move(out)}};
    return Status::Ok();
  }

  nlohmann::json Scores() const override {
    const double p = n_pred_ ? static_cast<double>(matched_) / n_pred_ : 0.0;
    const double r = n_gold_ ? static_cast<double>(matched_) / n_gold_ : 0.0;
    return {{"exact", rows_ ? static_cast<double>(exact_) / rows_ : 0.0},
            {"sentence_f1", p + r > 0 ? 2 * p * r / (p + r) : 0.0},
            {"sentence_precision", p},
            {"sentence_recall", r},
            {"documents", rows_}};
  }

 private:
  const pipeline::Pipeline* pipeline_;
  size_t rows_ = 0, exact_ = 0, matched_ = 0, n_gold_ = 0, n_pred_ = 0;
};

}  // namespace

std::unique_ptr<Task> MakeSentencesTask(const pipeline::Pipeline& pipeline) {
  return std::make_unique<SentencesTask>(pipeline);
}

}  // namespace frontline::eval
