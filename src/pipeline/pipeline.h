// The pipeline: raw documents in, analysed records out.
//
// Stages run in order (reader, text layer; later geocoding, time, events), each handing typed
// records to the next. Resources (dictionaries) are loaded once and shared read-only, so one
// Pipeline may serve many threads.
#ifndef FRONTLINE_PIPELINE_PIPELINE_H_
#define FRONTLINE_PIPELINE_PIPELINE_H_

#include <memory>
#include <string>

#include "doc/document.h"
#include "doc/furniture.h"
#include "doc/reader.h"
#include "event/actors.h"
#include "event/event.h"
#include "event/lexicon.h"
#include "geo/gazetteer.h"
#include "geo/geocoder.h"
#include "status/status.h"
#include "text/abbreviations.h"
#include "text/layer.h"
#include "text/sentences.h"
#include "time/lexicon.h"
#include "time/time.h"

namespace frontline::pipeline {

// Everything frontline reads from its data directory.
struct Resources {
  text::WordLists words;
  doc::FurnitureDictionary furniture;
  time::Lexicon time_lexicon;
  geo::GeoWords geo_words;
  event::EventLexicon event_lexicon;
  event::ActorDictionary actors;
  std::unique_ptr<geo::Gazetteer> gazetteer;  // null until OpenGazetteer: no geocoding

  // Loads every dictionary under `data_dir`; fails with the file and line of the first problem.
  static Result<std::unique_ptr<Resources>> Load(const std::string& data_dir);
  // Opens the gazetteer index at `path` (mmap); pipelines made afterwards geocode.
  Status OpenGazetteer(const std::string& path);
};

// One document after the pipeline: the clean document, its text layer, times, places and
// events.
struct Record {
  doc::Document document;
  text::TextLayer text;
  time::DocumentTimes times;
  std::vector<geo::Toponym> places;  // empty when the pipeline has no gazetteer
  std::vector<event::Event> events;
};

class Pipeline {
 public:
  // `resources` must outlive the pipeline.
  explicit Pipeline(const Resources& resources);

  // Reads and analyses one raw document. Fails where the reader fails (message without the
  // location prefix: see RawDocument::Where).
  Result<Record> Process(const doc::RawDocument& raw) const;

  // Runs the stages after the reader on an already clean document.
  void Analyze(Record& record) const;

  const text::SentenceSplitter& splitter() const { return splitter_; }
  const time::TimeStage& time_stage() const { return time_; }
  // The geocoder, or null when the resources have no gazetteer.
  const geo::Geocoder* geocoder() const { return geocoder_.get(); }
  const event::EventStage& event_stage() const { return events_; }
  const Resources& resources() const { return *resources_; }

 private:
  const Resources* resources_;
  doc::Reader reader_;
  text::SentenceSplitter splitter_;
  time::TimeStage time_;
  std::unique_ptr<geo::Geocoder> geocoder_;
  event::EventStage events_;
};

}  // namespace frontline::pipeline

#endif  // FRONTLINE_PIPELINE_PIPELINE_H_
