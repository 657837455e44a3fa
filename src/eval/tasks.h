// Factories of the evaluation tasks, one a module; eval.cc registers them.
#ifndef FRONTLINE_EVAL_TASKS_H_
#define FRONTLINE_EVAL_TASKS_H_

#include <memory>

#include "eval/eval.h"

namespace frontline::eval {

// extraction_task.cc: ScrapingHub article-extraction benchmark rows {"id", "html", "gold_text"}.
std::unique_ptr<Task> MakeExtractionTask(const pipeline::Pipeline& pipeline);
// sentences_task.cc: UD English-EWT rows {"id", "text", "sentences"}.
std::unique_ptr<Task> MakeSentencesTask(const pipeline::Pipeline& pipeline);
// time_task.cc: TempEval-3 rows {"id", "dct", "text", "timexes"} and Duckling rows
// {"id", "text", "reference", "value", "grain", "kind"}.
std::unique_ptr<Task> MakeTimeTask(const pipeline::Pipeline& pipeline);
// geoparsing_task.cc: rows {"id", "text", "toponyms": [{"start", "end", "lat", "lon",
// "geonameid"}]} (character offsets), read from LGL or GeoVirus XML by ReadGeoparsingXml.
std::unique_ptr<Task> MakeGeoparsingTask(const pipeline::Pipeline& pipeline);
Result<std::vector<nlohmann::json>> ReadGeoparsingXml(const std::string& path);
// events_task.cc: event sets {"id", "set", "text", "published", "gold"} with set acled,
// case2021, ucdp-ged or fa-kes (../shared/eval/README.md).
std::unique_ptr<Task> MakeEventsTask(const pipeline::Pipeline& pipeline);

}  // namespace frontline::eval

#endif  // FRONTLINE_EVAL_TASKS_H_
