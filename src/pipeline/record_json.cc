#include "pipeline/record_json.h"

#include <cmath>

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
  nlohmann::json events = nlohmann::json::array();
  if (options.actors != nullptr) {
    for (const event::Event& e : record.events)
      events.push_back(EventJson(e, record, *options.actors, options.gazetteer));
  }
  j["events"] = std::move(events);
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

namespace {

nlohmann::json SpanJson(text::Span span, std::string_view text) {
  if (span.empty()) return nullptr;
  return {{"text", span.Of(text)}, {"start", span.begin}, {"end", span.end}};
}

nlohmann::json ActorJson(const event::EventActor& a, const event::ActorDictionary& actors,
                         std::string_view text) {
  nlohmann::json j;
  if (a.actor >= 0) {
    const event::Actor& actor = actors.actor(static_cast<uint32_t>(a.actor));
    j["id"] = actor.id;
    j["name"] = actor.name;
  } else {
    j["id"] = nullptr;
    j["name"] = a.country.empty() ? "" : "Forces of " + a.country;
  }
  j["country"] = OrNull(a.country);
  j["sector"] = OrNull(std::string(event::SectorName(a.sector)));
  j["inter"] = static_cast<int>(a.sector);
  j["evidence"] = SpanJson(a.span, text);
  return j;
}

nlohmann::json SideJson(const std::vector<event::EventActor>& side, size_t from,
                        const event::ActorDictionary& actors, std::string_view text) {
  nlohmann::json j = nlohmann::json::array();
  for (size_t i = from; i < side.size(); ++i) j.push_back(ActorJson(side[i], actors, text));
  return j;
}

}  // namespace

nlohmann::json EventJson(const event::Event& e, const Record& record,
                         const event::ActorDictionary& actors, const geo::Gazetteer* gazetteer) {
  const std::string_view text = record.document.text;
  const event::SubEventInfo& info = event::Info(e.type);
  nlohmann::json j;
  j["event_type"] = event::EventTypeName(info.event_type);
  j["sub_event_type"] = info.id;
  j["acled_sub_event_type"] = info.acled;
  j["cameo"] = OrNull(std::string(info.cameo));
  j["plover"] = OrNull(std::string(info.plover));
  j["actor1"] = e.side1.empty() ? nlohmann::json() : ActorJson(e.side1[0], actors, text);
  j["assoc_actor1"] = SideJson(e.side1, 1, actors, text);
  j["actor2"] = e.side2.empty() ? nlohmann::json() : ActorJson(e.side2[0], actors, text);
  j["assoc_actor2"] = SideJson(e.side2, 1, actors, text);
  if (e.location.source == event::LocationSource::kNone) {
    j["location"] = nullptr;
  } else {
    nlohmann::json loc;
    if (gazetteer != nullptr) {
      loc = PlaceJson(e.location.place, *gazetteer);
    } else {
      loc = {{"name", e.location.place.name},
             {"lat", e.location.place.position.lat},
             {"lon", e.location.place.position.lon}};
    }
    loc["precision"] = geo::PrecisionName(e.location.precision);
    loc["source"] = event::LocationSourceName(e.location.source);
    if (e.location.toponym >= 0) {
      const geo::Toponym& t = record.places[static_cast<size_t>(e.location.toponym)];
      loc["evidence"] = SpanJson(t.span, text);
      loc["relation"] = OrNull(t.relation);
    } else {
      loc["evidence"] = nullptr;
      loc["relation"] = nullptr;
    }
    j["location"] = std::move(loc);
  }
  if (e.date.source == event::DateSource::kNone) {
    j["date"] = nullptr;
  } else {
    nlohmann::json date = RangeJson(e.date.value);
    date["source"] = event::DateSourceName(e.date.source);
    date["evidence"] = nullptr;
    if (e.date.mention >= 0) {
      const time::TimeMention& m = record.times.mentions[static_cast<size_t>(e.date.mention)];
      date["evidence"] = SpanJson(m.has_range ? m.range_span : m.span, text);
    }
    j["date"] = std::move(date);
  }
  nlohmann::json counts = nlohmann::json::array();
  for (const event::Count& c : e.counts) {
    counts.push_back({{"kind", event::CountKindName(c.kind)},
                      {"min", c.min},
                      {"max", c.max < 0 ? nlohmann::json() : nlohmann::json(c.max)},
                      {"best", c.best},
                      {"exact", c.exact},
                      {"cumulative", c.cumulative},
                      {"part", c.part},
                      {"plus", c.plus},
                      {"evidence", SpanJson(c.span, text)}});
  }
  j["counts"] = std::move(counts);
  j["fatalities"] = event::Fatalities(e);
  j["modality"] = {{"fact", e.modality.fact()},
                   {"negated", e.modality.negated},
                   {"future", e.modality.future},
                   {"hypothetical", e.modality.hypothetical},
                   {"claimed", e.modality.claimed},
                   {"historical", e.modality.historical},
                   {"source", SpanJson(e.modality.source, text)}};
  j["confidence"] = std::round(e.confidence * 1000) / 1000;
  j["sentence"] = e.sentence;
  j["evidence"] = SpanJson(record.text.sentences[e.sentence].span, text);
  j["trigger"] = SpanJson(e.trigger, text);
  return j;
}

}  // namespace frontline::pipeline
