// The `time` task: TempEval-3 (TimeBank + AQUAINT) timexes scored with TempEval-3's metrics,
// and Duckling's English corpus scored as the share of phrases resolved exactly.
#include <fmt/format.h>

#include <optional>

#include "eval/tasks.h"
#include "text/layer.h"
#include "text/utf8.h"
#include "time/time.h"

namespace frontline::eval {
namespace {

struct Mentions {
  std::string text;
  time::DocumentTimes times;
};

Mentions Tag(const pipeline::Pipeline& pipeline, std::string text,
             std::optional<time::Date> reference) {
  Mentions out{std::move(text), {}};
  text::TextLayer layer;
  const text::Span whole{0, static_cast<uint32_t>(out.text.size())};
  text::Analyze(out.text, std::span<const text::Span>(&whole, 1), pipeline.splitter(), layer);
  out.times = pipeline.time_stage().Annotate(out.text, layer, reference);
  return out;
}

// Character index of every byte offset that starts a character (and of the end).
std::vector<int64_t> ByteToChar(std::string_view text) {
  std::vector<int64_t> map(text.size() + 1, -1);
  int64_t chars = 0;
  for (size_t i = 0; i < text.size();) {
    map[i] = chars++;
    text::DecodeUtf8(text, i);
  }
  map[text.size()] = chars;
  return map;
}

// Duckling writes "2013-02-12T04:30:00.000-02:00"; compared up to the minute, zone ignored.
std::string DucklingInstant(const time::Date& d, int hour, int minute) {
  return fmt::format("{}T{:02}:{:02}", time::FormatDate(d), hour < 0 ? 0 : hour,
                     minute < 0 ? 0 : minute);
}

std::string_view DucklingGrain(const time::TimeValue& v) {
  if (v.hour >= 0) return v.minute > 0 ? "minute" : "hour";
  switch (v.precision) {
    case time::Precision::kWeek:
      return "week";
    case time::Precision::kMonth:
      return "month";
    case time::Precision::kQuarter:
      return "quarter";
    case time::Precision::kYear:
      return "year";
    default:
      return "day";
  }
}

class TimeTask : public Task {
 public:
  explicit TimeTask(const pipeline::Pipeline& pipeline) : pipeline_(&pipeline) {}

  Status Add(const nlohmann::json& row, nlohmann::json& prediction) override {
    if (row.contains("timexes") && row.contains("dct")) return AddTempEval(row, prediction);
    if (row.contains("reference") && row.contains("value")) return AddDuckling(row, prediction);
    return Status::Error(
        "time row needs {\"text\", \"dct\", \"timexes\"} or {\"text\", \"reference\", \"value\"}");
  }

  nlohmann::json Scores() const override {
    nlohmann::json j;
    if (te3_docs_ > 0) {
      auto f1 = [&](double tp) {
        const double p = predicted_ ? tp / predicted_ : 0.0;
        const double r = gold_ ? tp / gold_ : 0.0;
        return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
      };
      const double accuracy = relaxed_ ? static_cast<double>(value_ok_) / relaxed_ : 0.0;
      j["docs"] = te3_docs_;
      j["gold"] = gold_;
      j["predicted"] = predicted_;
      j["relaxed_f1"] = f1(relaxed_);
      j["strict_f1"] = f1(strict_);
      j["value_accuracy"] = accuracy;
      j["value_f1"] = f1(relaxed_) * accuracy;
    }
    if (duckling_rows_ > 0) {
      j["phrases"] = duckling_rows_;
      j["share_exact"] = static_cast<double>(duckling_exact_) / duckling_rows_;
      j["convention"] = "news: the past is preferred (Duckling prefers the future)";
    }
    return j;
  }

 private:
  Status AddTempEval(const nlohmann::json& row, nlohmann::json& prediction) {
    if (!row["text"].is_string() || !row["dct"].is_string() || !row["timexes"].is_array()) {
      return Status::Error("TempEval row needs string \"text\", \"dct\" and an array \"timexes\"");
    }
    const std::optional<time::Date> dct = time::ParseIsoDate(row["dct"].get<std::string>());
    Mentions m = Tag(*pipeline_, row["text"].get<std::string>(), dct);
    const std::vector<int64_t> b2c = ByteToChar(m.text);
    struct Pred {
      int64_t start, end;
      std::string value;
    };
    std::vector<Pred> preds;
    nlohmann::json out = nlohmann::json::array();
    for (const time::TimeMention& t : m.times.mentions) {
      const std::string value = t.value.ToTimex();
      out.push_back({{"start", t.span.begin},
                     {"end", t.span.end},
                     {"type", time::TimexTypeName(t.value.type)},
                     {"value", value}});
      preds.push_back(Pred{b2c[t.span.begin], b2c[t.span.end], value});
    }
    // TempEval-3's matching: each gold timex takes the first unused overlapping prediction,
    // or an exact one if there is.
    std::vector<bool> used(preds.size(), false);
    for (const auto& g : row["timexes"]) {
      const int64_t gs = IntOf(g, "start", -1), ge = IntOf(g, "end", -1);
      const std::string gv = StringOf(g, "value");
      ++gold_;
      std::optional<size_t> best;
      for (size_t j = 0; j < preds.size(); ++j) {
        if (used[j] || !(preds[j].start < ge && gs < preds[j].end)) continue;
        if (!best || (preds[j].start == gs && preds[j].end == ge)) best = j;
      }
      if (!best) continue;
      used[*best] = true;
      ++relaxed_;
      strict_ += preds[*best].start == gs && preds[*best].end == ge;
      value_ok_ += preds[*best].value == gv;
    }
    predicted_ += preds.size();
    ++te3_docs_;
    prediction = {{"id", row.value("id", nlohmann::json())}, {"timexes", std::move(out)}};
    return Status::Ok();
  }

  Status AddDuckling(const nlohmann::json& row, nlohmann::json& prediction) {
    if (!row["text"].is_string() || !row["reference"].is_string()) {
      return Status::Error("Duckling row needs string \"text\" and \"reference\"");
    }
    const std::optional<time::Date> reference =
        time::ParseIsoDate(row["reference"].get<std::string>());
    Mentions m = Tag(*pipeline_, row["text"].get<std::string>(), reference);
    const std::string kind = StringOf(row, "kind");
    // The phrase's resolution: the mention covering most of it.
    const time::TimeMention* best = nullptr;
    for (const time::TimeMention& t : m.times.mentions) {
      if (best == nullptr || t.span.size() > best->span.size()) best = &t;
    }
    bool right = false;
    nlohmann::json got = nullptr;
    if (kind == "negative") {
      right = best == nullptr;
    } else if (best != nullptr) {
      const time::TimeValue& v = best->has_range ? best->range : best->value;
      if (v.dated) {
        const bool interval = v.precision == time::Precision::kRange || kind == "interval";
        if (interval && row["value"].is_object()) {
          const std::string from = DucklingInstant(v.start, v.hour, v.minute);
          const std::string to = DucklingInstant(time::AddDays(v.end, 1), -1, -1);
          got = {{"from", from}, {"to", to}};
          right = StringOf(row["value"], "from").starts_with(from) &&
                  StringOf(row["value"], "to").starts_with(to);
        } else if (row["value"].is_string()) {
          const std::string instant = DucklingInstant(v.start, v.hour, v.minute);
          got = {{"value", instant}, {"grain", DucklingGrain(v)}};
          right = row["value"].get<std::string>().starts_with(instant) &&
                  StringOf(row, "grain") == DucklingGrain(v);
        }
      }
    }
    ++duckling_rows_;
    duckling_exact_ += right;
    prediction = {{"id", row.value("id", nlohmann::json())}, {"resolved", got}, {"right", right}};
    return Status::Ok();
  }

  const pipeline::Pipeline* pipeline_;
  size_t te3_docs_ = 0, gold_ = 0, predicted_ = 0, relaxed_ = 0, strict_ = 0, value_ok_ = 0;
  size_t duckling_rows_ = 0, duckling_exact_ = 0;
};

}  // namespace

std::unique_ptr<Task> MakeTimeTask(const pipeline::Pipeline& pipeline) {
  return std::make_unique<TimeTask>(pipeline);
}

}  // namespace frontline::eval
