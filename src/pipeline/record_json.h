// JSON form of a record: the output of `frontline extract`, one object a line.
// docs/schema.md describes every field.
#ifndef FRONTLINE_PIPELINE_RECORD_JSON_H_
#define FRONTLINE_PIPELINE_RECORD_JSON_H_

#include <nlohmann/json.hpp>
#include <string>

#include "pipeline/pipeline.h"

namespace frontline::pipeline {

struct JsonOptions {
  bool tokens = false;   // include every token with its span and folded form
  bool explain = false;  // include each place mention's candidates with their scores
  const geo::Gazetteer* gazetteer = nullptr;  // when set, "places" is written
  const event::ActorDictionary* actors = nullptr;  // names the events' actors
};

nlohmann::json ToJson(const Record& record, const JsonOptions& options);

// One resolved time mention, as in a document's "times" (docs/schema.md).
nlohmann::json TimeMentionJson(const time::TimeMention& mention, std::string_view text);

// One place mention, as in a document's "places" (docs/schema.md); with `explain`, its
// candidates and their scores.
nlohmann::json ToponymJson(const geo::Toponym& toponym, const geo::Gazetteer& gazetteer,
                           std::string_view text, bool explain);

// One event, as in a document's "events" (docs/schema.md). `gazetteer` may be null.
nlohmann::json EventJson(const event::Event& event, const Record& record,
                         const event::ActorDictionary& actors, const geo::Gazetteer* gazetteer);

// One line of JSONL: compact, UTF-8, invalid sequences (there should be none) replaced.
std::string ToJsonLine(const nlohmann::json& value);

}  // namespace frontline::pipeline

#endif  // FRONTLINE_PIPELINE_RECORD_JSON_H_
