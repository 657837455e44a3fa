#include "pipeline/record_json.h"

namespace frontline::pipeline {
namespace {

std::string_view KindName(doc::ParagraphKind kind) {
  switch (kind) {
    case doc::ParagraphKind::kBody:
      return "body";
    case doc::ParagraphKind::kHeading:
      return "heading";
    case doc::ParagraphKind::kListItem:
      return "list_item";
    case doc::ParagraphKind::kQuote:
      return "quote";
  }
  return "body";
}

nlohmann::json OrNull(const std::string& s) {
  return s.empty() ? nlohmann::json() : nlohmann::json(s);
}

nlohmann::json RangeJson(const time::TimeValue& v) {
  if (!v.dated) return nullptr;
  return {{"start", time::FormatDate(v.start)},
          {"end", time::FormatDate(v.end)},
          {"precision", time::PrecisionName(v.precision)},
          {"kind", time::OriginName(v.origin)}};
}

}  // namespace

nlohmann::json TimeMentionJson(const time::TimeMention& m, std::string_view text) {
  nlohmann::json j{{"sentence", m.sentence},
                   {"start", m.span.begin},
                   {"end", m.span.end},
                   {"text", m.span.Of(text)},
                   {"type", time::TimexTypeName(m.value.type)},
                   {"timex", m.value.ToTimex()}};
  const time::TimeValue& resolved = m.has_range ? m.range : m.value;
  j["resolved"] = RangeJson(resolved);
  if (m.has_range) {
    j["range_text"] = m.range_span.Of(text);
  }
  return j;
}

nlohmann::json ToJson(const Record& record, const JsonOptions& options) {
  const doc::Document& d = record.document;
  nlohmann::json j;
  j["id"] = d.id;
  j["source"] = {{"file", d.origin},
                 {"line", d.line == 0 ? nlohmann::json() : nlohmann::json(d.line)}};
  j["format"] = doc::FormatName(d.format);
  j["encoding"] = d.encoding;
  j["url"] = OrNull(d.url);
  j["title"] = OrNull(d.title);
  nlohmann::json published;
  if (!d.published.empty()) published = {{"text", d.published}, {"from", d.published_from}};
  if (record.times.publication) {
    if (published.is_null()) published = {{"text", nullptr}, {"from", "inferred"}};
    published["date"] = time::FormatDate(*record.times.publication);
    published["date_kind"] = time::OriginName(record.times.publication_origin);
  }
  j["published"] = std::move(published);
  j["language"] = OrNull(d.language);
  j["text"] = d.text;
  nlohmann::json paragraphs = nlohmann::json::array();
  for (const doc::Paragraph& p : d.paragraphs) {
    paragraphs.push_back(
        {{"start", p.span.begin}, {"end", p.span.end}, {"kind", KindName(p.kind)}});
  }
  j["paragraphs"] = std::move(paragraphs);
  j["captions"] = d.captions;
  nlohmann::json sentences = nlohmann::json::array();
  for (size_t i = 0; i < record.text.sentences.size(); ++i) {
    const text::Sentence& s = record.text.sentences[i];
    sentences.push_back({{"index", i},
                         {"paragraph", s.paragraph},
                         {"start", s.span.begin},
                         {"end", s.span.end},
                         {"text", s.span.Of(d.text)}});
  }
  j["sentences"] = std::move(sentences);
  if (options.tokens) {
    nlohmann::json tokens = nlohmann::json::array();
    for (const text::Token& t : record.text.tokens) {
      tokens.push_back({{"start", t.span.begin},
                        {"end", t.span.end},
                        {"kind", text::TokenKindName(t.kind)},
                        {"fold", record.text.FoldOf(t)}});
    }
    j["tokens"] = std::move(tokens);
  }
  nlohmann::json times = nlohmann::json::array();
  for (const time::TimeMention& m : record.times.mentions)
    times.push_back(TimeMentionJson(m, d.text));
  j["times"] = std::move(times);
  if (options.gazetteer != nullptr) {
    nlohmann::json places = nlohmann::json::array();
    for (const geo::Toponym& t : record.places)
      places.push_back(ToponymJson(t, *options.gazetteer, d.text, options.explain));
    j["places"] = std::move(places);
  }
  j["events"] = nlohmann::json::array();
  j["complete"] = d.complete;
  j["warnings"] = d.warnings;
  return j;
}

namespace {

nlohmann::json PlaceJson(const geo::Place& p, const geo::Gazetteer& gazetteer) {
  nlohmann::json j = {{"geonameid", p.id != 0 ? nlohmann::json(p.id) : nlohmann::json()},
                      {"name", p.name},
                      {"lat", p.position.lat},
                      {"lon", p.position.lon},
                      {"country", p.country.empty() ? nlohmann::json() : nlohmann::json(p.country)},
                      {"feature_code", p.feature_code},
                      {"level", geo::LevelName(p.level)}};
  geo::Place division;
  if (p.level == geo::Level::kPlace && gazetteer.FindAdmin1(p.country, p.admin1, division)) {
    j["admin1"] = division.name;
  } else if (p.level == geo::Level::kAdmin1) {
    j["admin1"] = p.name;
  } else {
    j["admin1"] = nullptr;
  }
  return j;
}

}  // namespace

nlohmann::json ToponymJson(const geo::Toponym& t, const geo::Gazetteer& gazetteer,
                           std::string_view text, bool explain) {
  nlohmann::json j = {
      {"text", t.span.Of(text)},
      {"name", t.name_span.Of(text)},
      {"start", t.span.begin},
      {"end", t.span.end},
      {"precision", geo::PrecisionName(t.precision)},
      {"relation", t.relation.empty() ? nlohmann::json() : nlohmann::json(t.relation)}};
  j["place"] = t.resolved ? PlaceJson(t.place, gazetteer) : nlohmann::json();
  if (explain) {
    nlohmann::json candidates = nlohmann::json::array();
    for (const geo::Candidate& c : t.candidates) {
      nlohmann::json cj = PlaceJson(c.place, gazetteer);
      cj["score"] = c.score;
      cj["why"] = c.why;
      candidates.push_back(std::move(cj));
    }
    j["candidates"] = std::move(candidates);
  }
  return j;
}

std::string ToJsonLine(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace frontline::pipeline
