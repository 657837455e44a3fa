// Evaluation harness: frontline against human-coded gold files, scored with each benchmark's
// published metric.
//
// A task turns gold rows into frontline predictions and accumulates scores. Tasks are small
// modules (extraction_task.cc, sentences_task.cc, ...) registered in eval.cc's table; adding one
// is one file and one table row. A row's task comes from --task or from its "set" field.
#ifndef FRONTLINE_EVAL_EVAL_H_
#define FRONTLINE_EVAL_EVAL_H_

#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/pipeline.h"
#include "status/status.h"

namespace frontline::eval {

class Task {
 public:
  virtual ~Task() = default;
  // Runs frontline on one gold row and scores it. Fills `prediction` with the row's id and
  // frontline's output in the layout the benchmark's scorer reads. Fails on a row that lacks
  // the task's fields (the caller reports it with the file and line and goes on).
  virtual Status Add(const nlohmann::json& row, nlohmann::json& prediction) = 0;
  // The scores over all rows added so far.
  virtual nlohmann::json Scores() const = 0;
};

// Field readers for gold rows written by others: a missing field or one of the wrong type
// gives the fallback instead of an exception.
std::string StringOf(const nlohmann::json& object, const char* key);
int64_t IntOf(const nlohmann::json& object, const char* key, int64_t fallback);
// A number field (integer or not), or nothing when it is missing or not a number.
std::optional<double> NumberOf(const nlohmann::json& object, const char* key);

using TaskFactory = std::function<std::unique_ptr<Task>(const pipeline::Pipeline&)>;

struct TaskInfo {
  std::string_view name;               // "extraction"
  std::vector<std::string_view> sets;  // values of "set" that select it: {"aeb"}
  TaskFactory make;
};

// Every registered task.
const std::vector<TaskInfo>& Tasks();
// The task registered under `name`, or nullptr.
const TaskInfo* FindTask(std::string_view name);
// The task that a row's "set" selects, or nullptr.
const TaskInfo* TaskForSet(std::string_view set);

struct FileReport {
  std::string file;
  size_t rows = 0;                                             // rows scored
  size_t problems = 0;                                         // rows that could not be scored
  std::vector<std::pair<std::string, nlohmann::json>> scores;  // per task, in first-seen order
};

// Evaluates every row of the JSONL gold file `path`. `forced_task` (may be empty) overrides
// each row's set. Predictions, when `predictions` is not null, are written one JSON line per
// row. Problems with single rows go to `problem` as ("file:line", message); a file that cannot
// be read or whose task is unknown fails the whole call.
Result<FileReport> EvaluateFile(
    const std::string& path, std::string_view forced_task, const pipeline::Pipeline& pipeline,
    std::ostream* predictions,
    const std::function<void(const std::string&, const std::string&)>& problem);

}  // namespace frontline::eval

#endif  // FRONTLINE_EVAL_EVAL_H_
