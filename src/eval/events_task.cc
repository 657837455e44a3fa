// The `events` task: frontline's top event of each row against human-coded event sets (ACLED
// notes, CASE 2021 snippets, UCDP GED headlines, FA-KES articles), scored as
// ../shared/eval/README.md and docs/quality.md describe.
#include <fmt/format.h>

#include <cmath>
#include <map>
#include <optional>

#include "eval/tasks.h"
#include "pipeline/record_json.h"

namespace frontline::eval {
namespace {

// A share that prints as null when nothing was counted.
struct Share {
  size_t hits = 0, total = 0;
  void Add(bool hit) {
    hits += hit;
    ++total;
  }
  nlohmann::json Json() const {
    if (total == 0) return nullptr;
    return std::round(1000.0 * static_cast<double>(hits) / static_cast<double>(total)) / 1000.0;
  }
};

// Per-class counts for macro-F1 over the gold classes.
struct Confusion {
  std::map<std::string, size_t> tp, fp, fn;
  void Add(const std::string& gold, const std::string& predicted) {
    if (gold == predicted) {
      ++tp[gold];
    } else {
      ++fn[gold];
      ++fp[predicted];
    }
  }
  nlohmann::json MacroF1() const {
    std::map<std::string, bool> classes;
    for (const auto& [c, n] : tp) classes[c] = true;
    for (const auto& [c, n] : fn) classes[c] = true;
    if (classes.empty()) return nullptr;
    double sum = 0;
    for (const auto& entry : classes) {
      const std::string& c = entry.first;
      auto get = [&](const std::map<std::string, size_t>& m) {
        auto it = m.find(c);
        return it == m.end() ? 0.0 : static_cast<double>(it->second);
      };
      const double t = get(tp), p = get(fp), n = get(fn);
      sum += t > 0 ? 2 * t / (2 * t + p + n) : 0.0;
    }
    return std::round(1000.0 * sum / static_cast<double>(classes.size())) / 1000.0;
  }
};

struct SetScores {
  size_t rows = 0;
  Share sub_event, event_type, recall, violence_type, sector;
  Confusion confusion;
  Share within25, within161, located, precision25, exact25;
  Share date_exact, fatalities_exact, fatalities_20;
};

const event::Event* TopEvent(const std::vector<event::Event>& events) {
  const event::Event* top = nullptr;
  for (const event::Event& e : events) {
    if (top == nullptr || e.confidence > top->confidence) top = &e;
  }
  return top;
}

bool Within20(int64_t predicted, double gold) {
  return std::abs(static_cast<double>(predicted) - gold) <= 0.2 * gold + 1e-9;
}

// UCDP's type of violence from frontline's event: one-sided for violence against civilians,
// state-based when a state fights, non-state when only non-state armed groups do.
int ViolenceType(const event::Event& e) {
  const event::Sector a = e.side1.empty() ? event::Sector::kUnknown : e.side1[0].sector;
  const event::Sector b = e.side2.empty() ? event::Sector::kUnknown : e.side2[0].sector;
  // Civilians hurt by shelling or air strikes are state-based violence in UCDP's coding;
  // one-sided violence is the deliberate kind (massacres, executions, abductions) by a group
  // the text names: an unnamed perpetrator is, in UCDP's Syria, mostly a side of the war.
  if (event::Info(e.type).event_type == event::EventType::kViolenceAgainstCivilians &&
      !e.side1.empty() && e.side1[0].sector != event::Sector::kUnknown &&
      e.side1[0].sector != event::Sector::kPoliticalMilitia && e.side1[0].actor >= 0 &&
      e.side1[0].span.size() > 0)
    return 3;
  if (a == event::Sector::kState || b == event::Sector::kState) return 1;
  if (event::IsArmed(a) && event::IsArmed(b)) return 2;
  // Sides named only among the associated actors.
  int state = 0, armed = 0;
  for (const auto* side : {&e.side1, &e.side2}) {
    for (const event::EventActor& x : *side) {
      state += x.sector == event::Sector::kState;
      armed += event::IsArmed(x.sector) && x.sector != event::Sector::kState;
    }
  }
  if (state == 0 && armed >= 2) return 2;
  return 1;
}

class EventsTask : public Task {
 public:
  explicit EventsTask(const pipeline::Pipeline& pipeline) : pipeline_(pipeline) {}

  Status Add(const nlohmann::json& row, nlohmann::json& prediction) override {
    const std::string set = StringOf(row, "set");
    const std::string text = StringOf(row, "text");
    if (text.empty() || !row.contains("gold") || !row["gold"].is_object())
      return Status::Error("event row needs {\"set\", \"text\", \"gold\": {...}}");
    const nlohmann::json& gold = row["gold"];

    pipeline::Record record;
    record.document.id = StringOf(row, "id");
    record.document.published = StringOf(row, "published");
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      doc::AppendParagraph(record.document, std::string_view(text).substr(start, end - start),
                           doc::ParagraphKind::kBody);
      start = end + 1;
    }
    pipeline_.Analyze(record);

    prediction = {{"id", row.contains("id") ? row["id"] : nlohmann::json()}};
    nlohmann::json events = nlohmann::json::array();
    const pipeline::Resources& resources = pipeline_.resources();
    for (const event::Event& e : record.events)
      events.push_back(pipeline::EventJson(e, record, resources.actors, resources.gazetteer.get()));
    prediction["events"] = std::move(events);

    SetScores& s = sets_[set];
    ++s.rows;
    const event::Event* top = TopEvent(record.events);
    s.recall.Add(top != nullptr);
    if (set == "acled") {
      ScoreAcled(gold, top, s);
    } else if (set == "case2021") {
      ScoreCase(gold, record.events, top, s);
    } else if (set == "ucdp-ged") {
      ScoreUcdp(gold, top, s);
    } else if (set == "fa-kes") {
      ScoreFakes(gold, record.events, top, s);
    } else {
      return Status::Error(fmt::format("unknown event set \"{}\"", set));
    }
    return Status::Ok();
  }

  nlohmann::json Scores() const override {
    nlohmann::json all = nlohmann::json::object();
    for (const auto& [set, s] : sets_) all[set] = Json(set, s);
    if (all.size() == 1) return all.begin().value();
    return all;
  }

 private:
  static nlohmann::json Json(const std::string& set, const SetScores& s) {
    nlohmann::json j = {{"rows", s.rows}, {"event_recall", s.recall.Json()}};
    if (set == "acled" || set == "case2021") {
      j["sub_event_type"] = {{"accuracy", s.sub_event.Json()},
                             {"macro_f1", s.confusion.MacroF1()}};
    }
    if (set == "acled") {
      j["event_type"] = {{"accuracy", s.event_type.Json()}};
      j["actor_sector"] = {{"accuracy", s.sector.Json()}};
    }
    if (set == "ucdp-ged") j["violence_type"] = {{"accuracy", s.violence_type.Json()}};
    if (set == "acled" || set == "ucdp-ged") {
      j["location"] = {{"within_25km", s.within25.Json()},
                       {"within_161km", s.within161.Json()},
                       {"located", s.located.Json()},
                       {"precision_25km", s.precision25.Json()},
                       {"exact_rows_within_25km", s.exact25.Json()}};
      j["date"] = {{"exact", s.date_exact.Json()}};
    }
    if (set != "case2021") {
      j["fatalities"] = {{"exact", s.fatalities_exact.Json()},
                         {"within_20pct", s.fatalities_20.Json()}};
    }
    return j;
  }

  static void ScoreLocation(const event::Event* top, double lat, double lon, bool exact_row,
                            SetScores& s) {
    const bool has = top != nullptr && top->location.source != event::LocationSource::kNone;
    const double km = has ? geo::DistanceKm(top->location.place.position, geo::LatLon{lat, lon})
                          : 1e9;
    const bool place_level = has && (top->location.precision == geo::Precision::kPlace ||
                                     top->location.precision == geo::Precision::kRelative);
    s.within25.Add(km <= 25);
    s.within161.Add(km <= 161);
    s.located.Add(place_level);
    if (place_level) s.precision25.Add(km <= 25);
    if (exact_row) s.exact25.Add(km <= 25);
  }

  // Day-precision rows: the same day; coarser rows: the event's start inside the gold range.
  static void ScoreDate(const event::Event* top, time::Date first, time::Date last, bool day,
                        SetScores& s) {
    if (top == nullptr || !top->date.value.dated) {
      s.date_exact.Add(false);
      return;
    }
    const time::TimeValue& v = top->date.value;
    if (day) {
      s.date_exact.Add(v.start == first && v.end == first);
    } else {
      s.date_exact.Add(first <= v.start && v.start <= last);
    }
  }

  void ScoreAcled(const nlohmann::json& gold, const event::Event* top, SetScores& s) {
    const std::string gold_sub = StringOf(gold, "sub_event_type");
    const std::string predicted = top ? std::string(event::Info(top->type).acled) : "none";
    s.sub_event.Add(predicted == gold_sub);
    s.confusion.Add(gold_sub, predicted);
    s.event_type.Add(top != nullptr && event::EventTypeName(event::Info(top->type).event_type) ==
                                           StringOf(gold, "event_type"));
    const int64_t inter1 = IntOf(gold, "inter1", 0);
    if (inter1 > 0) {
      const int predicted_inter =
          top && !top->side1.empty() ? static_cast<int>(top->side1[0].sector) : 0;
      s.sector.Add(predicted_inter == inter1);
    }
    ScoreLocation(top, NumberOf(gold, "lat").value_or(0), NumberOf(gold, "lon").value_or(0),
                  IntOf(gold, "geo_precision", 0) == 1, s);
    if (std::optional<time::Date> d = time::ParseIsoDate(StringOf(gold, "date"))) {
      const int64_t precision = IntOf(gold, "time_precision", 1);
      time::Date first = *d, last = *d;
      if (precision == 2) {
        first = time::AddDays(*d, -6);
        last = time::AddDays(*d, 6);
      } else if (precision >= 3) {
        first = {d->year, d->month, 1};
        last = {d->year, d->month, time::DaysInMonth(d->year, d->month)};
      }
      ScoreDate(top, first, last, precision == 1, s);
    }
    const int64_t fatalities = IntOf(gold, "fatalities", 0);
    const int64_t predicted_deaths = top ? event::Fatalities(*top) : 0;
    s.fatalities_exact.Add(predicted_deaths == fatalities);
    s.fatalities_20.Add(Within20(predicted_deaths, static_cast<double>(fatalities)));
  }

  void ScoreCase(const nlohmann::json& gold, const std::vector<event::Event>& events,
                 const event::Event* top, SetScores& s) {
    const std::string label = StringOf(gold, "case_label");
    const std::optional<event::SubEventType> gold_type = event::ParseSubEventType(label);
    // Non-conflict labels are one class, "NONE": right when no event came out. Displacement,
    // which ACLED's taxonomy lacks, is CASE's OTHER.
    (void)events;
    const std::string predicted = top ? std::string(event::Info(top->type).case_code) : "NONE";
    const std::string expected = gold_type ? label : "NONE";
    s.sub_event.Add(predicted == expected);
    s.confusion.Add(expected, predicted);
  }

  void ScoreUcdp(const nlohmann::json& gold, const event::Event* top, SetScores& s) {
    if (top != nullptr) s.violence_type.Add(ViolenceType(*top) == IntOf(gold, "type_of_violence", 0));
    else s.violence_type.Add(false);
    ScoreLocation(top, NumberOf(gold, "lat").value_or(0), NumberOf(gold, "lon").value_or(0),
                  IntOf(gold, "where_prec", 0) == 1, s);
    const std::optional<time::Date> first = time::ParseIsoDate(StringOf(gold, "date_start"));
    const std::optional<time::Date> last = time::ParseIsoDate(StringOf(gold, "date_end"));
    if (first && last) ScoreDate(top, *first, *last, IntOf(gold, "date_prec", 0) == 1, s);
    const int64_t best = IntOf(gold, "deaths_best", 0);
    const int64_t low = IntOf(gold, "deaths_low", best), high = IntOf(gold, "deaths_high", best);
    const int64_t predicted = top ? event::Fatalities(*top) : 0;
    const bool inside = low <= predicted && predicted <= high;
    s.fatalities_exact.Add(predicted == best || inside);
    s.fatalities_20.Add(inside || Within20(predicted, static_cast<double>(best)));
  }

  void ScoreFakes(const nlohmann::json& gold, const std::vector<event::Event>& events,
                  const event::Event* top, SetScores& s) {
    const int64_t deaths = IntOf(gold, "nb_civilians", 0) + IntOf(gold, "nb_noncivilians", 0);
    // The article's toll: its top event's, else the largest the article reports as fact.
    int64_t predicted = top ? event::Fatalities(*top) : 0;
    if (predicted == 0) {
      for (const event::Event& e : events) {
        if (e.modality.fact()) predicted = std::max(predicted, event::Fatalities(e));
      }
    }
    s.fatalities_exact.Add(predicted == deaths);
    s.fatalities_20.Add(Within20(predicted, static_cast<double>(deaths)));
  }

  const pipeline::Pipeline& pipeline_;
  std::map<std::string, SetScores> sets_;
};

}  // namespace

std::unique_ptr<Task> MakeEventsTask(const pipeline::Pipeline& pipeline) {
  return std::make_unique<EventsTask>(pipeline);
}

}  // namespace frontline::eval
