#include "pipeline/pipeline.h"

#include <vector>

namespace frontline::pipeline {

Result<std::unique_ptr<Resources>> Resources::Load(const std::string& data_dir) {
  auto resources = std::make_unique<Resources>();
  Result<text::WordLists> words = text::WordLists::Load(data_dir);
  if (!words.ok()) return words.status();
  resources->words = std::move(words).value();
  Result<doc::FurnitureDictionary> furniture = doc::FurnitureDictionary::Load(data_dir);
  if (!furniture.ok()) return furniture.status();
  resources->furniture = std::move(furniture).value();
  Result<time::Lexicon> lexicon = time::Lexicon::Load(data_dir);
  if (!lexicon.ok()) return lexicon.status();
  resources->time_lexicon = std::move(lexicon).value();
  Result<geo::GeoWords> geo_words = geo::GeoWords::Load(data_dir);
  if (!geo_words.ok()) return geo_words.status();
  resources->geo_words = std::move(geo_words).value();
  Result<event::EventLexicon> event_lexicon = event::EventLexicon::Load(data_dir);
  if (!event_lexicon.ok()) return event_lexicon.status();
  resources->event_lexicon = std::move(event_lexicon).value();
  Result<event::ActorDictionary> actors = event::ActorDictionary::Load(data_dir);
  if (!actors.ok()) return actors.status();
  resources->actors = std::move(actors).value();
  return resources;
}

Status Resources::OpenGazetteer(const std::string& path) {
  Result<geo::Gazetteer> g = geo::Gazetteer::Open(path);
  if (!g.ok()) return g.status();
  gazetteer = std::make_unique<geo::Gazetteer>(std::move(g).value());
  return Status::Ok();
}

Pipeline::Pipeline(const Resources& resources)
    : resources_(&resources),
      reader_(resources.furniture),
      splitter_(resources.words),
      time_(resources.time_lexicon),
      events_(resources.event_lexicon, resources.actors, resources.gazetteer.get()) {
  if (resources.gazetteer) {
    geocoder_ = std::make_unique<geo::Geocoder>(*resources.gazetteer, resources.geo_words);
  }
}

Result<Record> Pipeline::Process(const doc::RawDocument& raw) const {
  Result<doc::Document> document = reader_.Read(raw);
  if (!document.ok()) return document.status();
  Record record{std::move(document).value(), {}, {}, {}, {}};
  Analyze(record);
  return record;
}

void Pipeline::Analyze(Record& record) const {
  std::vector<text::Span> spans;
  spans.reserve(record.document.paragraphs.size());
  for (const doc::Paragraph& p : record.document.paragraphs) spans.push_back(p.span);
  text::Analyze(record.document.text, spans, splitter_, record.text);
  record.times = time_.Annotate(record.document.text, record.text,
                                time::ParseIsoDate(record.document.published));
  if (geocoder_) record.places = geocoder_->Find(record.document.text, record.text);
  record.events =
      events_.Extract(record.document.text, record.text, record.times, record.places);
}

}  // namespace frontline::pipeline
