// Geoparsing: toponym detection and resolution against LGL and GeoVirus gold (XML), scored as
// the geoparsing literature does: detection precision and recall by span overlap, and over all
// gold toponyms (a missed one counts as wrong) the share resolved within 25 and 161 km.
#include <fmt/format.h>

#include <cmath>
#include <pugixml.hpp>

#include "eval/tasks.h"
#include "geo/gazetteer.h"

namespace frontline::eval {
namespace {

// Character index of every byte offset that starts a character (and of the end).
std::vector<int64_t> CharIndex(std::string_view text) {
  std::vector<int64_t> map(text.size() + 1, -1);
  int64_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) map[i] = chars++;
  }
  map[text.size()] = chars;
  return map;
}

class GeoparsingTask : public Task {
 public:
  explicit GeoparsingTask(const pipeline::Pipeline& pipeline) : pipeline_(pipeline) {}

  Status Add(const nlohmann::json& row, nlohmann::json& prediction) override {
    const geo::Geocoder* geocoder = pipeline_.geocoder();
    if (geocoder == nullptr) {
      return Status::Error("no gazetteer index: build one with `frontline gazetteer build`");
    }
    const std::string text = StringOf(row, "text");
    pipeline::Record record;
    record.document.text = text;
    record.document.paragraphs.push_back(doc::Paragraph{
        text::Span{0, static_cast<uint32_t>(text.size())}, doc::ParagraphKind::kBody});
    text::Analyze(record.document.text,
                  std::vector<text::Span>{text::Span{0, static_cast<uint32_t>(text.size())}},
                  pipeline_.splitter(), record.text);
    const std::vector<geo::Toponym> found = geocoder->Find(record.document.text, record.text);

    prediction = {{"id", row.contains("id") ? row["id"] : nlohmann::json()}};
    nlohmann::json toponyms = nlohmann::json::array();
    const std::vector<int64_t> chars = CharIndex(text);
    struct Predicted {
      int64_t start, end;
      bool located;
      geo::LatLon at;
      int64_t id;
    };
    std::vector<Predicted> predicted;
    for (const geo::Toponym& t : found) {
      nlohmann::json j = {{"start", t.span.begin}, {"end", t.span.end}};
      Predicted p{chars[t.span.begin], chars[t.span.end], t.resolved, t.place.position,
                  t.resolved ? t.place.id : 0};
      if (t.resolved) {
        j["lat"] = t.place.position.lat;
        j["lon"] = t.place.position.lon;
        j["geonameid"] = t.place.id != 0 ? nlohmann::json(t.place.id) : nlohmann::json();
      } else {
        j["lat"] = nullptr;
        j["lon"] = nullptr;
        j["geonameid"] = nullptr;
      }
      toponyms.push_back(std::move(j));
      predicted.push_back(p);
    }
    prediction["toponyms"] = std::move(toponyms);

    struct Gold {
      int64_t start, end;
      geo::LatLon at;
      int64_t id;
    };
    std::vector<Gold> gold;
    if (row.contains("toponyms") && row["toponyms"].is_array()) {
      for (const nlohmann::json& g : row["toponyms"]) {
        const std::optional<double> lat = NumberOf(g, "lat"), lon = NumberOf(g, "lon");
        Gold x{IntOf(g, "start", -1), IntOf(g, "end", -1), {lat.value_or(0), lon.value_or(0)},
               IntOf(g, "geonameid", 0)};
        if (lat && lon && x.start >= 0 && x.end >= 0) gold.push_back(x);
      }
    }
    gold_ += gold.size();
    predicted_ += predicted.size();
    for (const Predicted& p : predicted) {
      hit_predicted_ += std::any_of(gold.begin(), gold.end(), [&](const Gold& g) {
        return p.start < g.end && g.start < p.end;
      });
    }
    for (const Gold& g : gold) {
      const Predicted* best = nullptr;
      int64_t best_gap = 0;
      for (const Predicted& p : predicted) {
        if (!(p.start < g.end && g.start < p.end)) continue;
        const int64_t gap = std::llabs(p.start - g.start) + std::llabs(p.end - g.end);
        if (best == nullptr || gap < best_gap) {
          best = &p;
          best_gap = gap;
        }
      }
      if (g.id != 0) ++with_id_;
      if (best == nullptr) continue;
      ++detected_;
      if (!best->located) continue;
      const double km = geo::DistanceKm(g.at, best->at);
      within25_ += km <= 25;
      within161_ += km <= 161;
      exact_id_ += g.id != 0 && best->id == g.id;
    }
    return Status::Ok();
  }

  nlohmann::json Scores() const override {
    const double p = predicted_ ? static_cast<double>(hit_predicted_) / predicted_ : 0;
    const double r = gold_ ? static_cast<double>(detected_) / gold_ : 0;
    auto share = [&](size_t n, size_t of) { return of ? static_cast<double>(n) / of : 0.0; };
    return {
        {"gold", gold_},
        {"predicted", predicted_},
        {"detection",
         {{"precision", p}, {"recall", r}, {"f1", p + r > 0 ? 2 * p * r / (p + r) : 0}}},
        {"location",
         {{"within_25km", share(within25_, gold_)},
          {"within_161km", share(within161_, gold_)},
          {"exact_id", with_id_ ? nlohmann::json(share(exact_id_, with_id_)) : nlohmann::json()}}}};
  }

 private:
  const pipeline::Pipeline& pipeline_;
  size_t gold_ = 0, predicted_ = 0, hit_predicted_ = 0, detected_ = 0;
  size_t within25_ = 0, within161_ = 0, exact_id_ = 0, with_id_ = 0;
};

}  // namespace

std::unique_ptr<Task> MakeGeoparsingTask(const pipeline::Pipeline& pipeline) {
  return std::make_unique<GeoparsingTask>(pipeline);
}

Result<std::vector<nlohmann::json>> ReadGeoparsingXml(const std::string& path) {
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_file(path.c_str());
  if (!parsed) {
    return Status::Error(
        fmt::format("XML error at byte {}: {}", parsed.offset, parsed.description()));
  }
  std::vector<nlohmann::json> rows;
  size_t index = 0;
  for (pugi::xml_node article : doc.child("articles").children("article")) {
    nlohmann::json row = {{"set", "geoparsing"}, {"text", article.child_value("text")}};
    if (pugi::xml_attribute id = article.attribute("docid")) {
      row["id"] = id.value();
    } else {
      row["id"] = index;
    }
    ++index;
    nlohmann::json toponyms = nlohmann::json::array();
    // LGL: <toponyms><toponym><start/><end/><gaztag geonameid><lat/><lon/></gaztag>;
    // GeoVirus: <locations><location><start/><end/><lat/><lon/>.
    auto add = [&](pugi::xml_node t) {
      pugi::xml_node place = t.child("gaztag") ? t.child("gaztag") : t;
      nlohmann::json g = {{"start", std::atoll(t.child_value("start"))},
                          {"end", std::atoll(t.child_value("end"))}};
      const std::string lat = place.child_value("lat"), lon = place.child_value("lon");
      if (!lat.empty() && !lon.empty()) {
        g["lat"] = std::atof(lat.c_str());
        g["lon"] = std::atof(lon.c_str());
      }
      if (pugi::xml_attribute id = place.attribute("geonameid")) g["geonameid"] = id.as_llong();
      toponyms.push_back(std::move(g));
    };
    for (pugi::xml_node t : article.child("toponyms").children("toponym")) add(t);
    for (pugi::xml_node t : article.child("locations").children("location")) add(t);
    row["toponyms"] = std::move(toponyms);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace frontline::eval
