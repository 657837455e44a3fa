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

}  // namespace frontline::eval

#endif  // FRONTLINE_EVAL_TASKS_H_
