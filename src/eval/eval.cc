#include "eval/eval.h"

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <ostream>

#include "eval/tasks.h"

namespace frontline::eval {

std::string StringOf(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return {};
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int64_t IntOf(const nlohmann::json& object, const char* key, int64_t fallback) {
  if (!object.is_object()) return fallback;
  auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<int64_t>() : fallback;
}

std::optional<double> NumberOf(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return std::nullopt;
  auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

const std::vector<TaskInfo>& Tasks() {
  static const std::vector<TaskInfo> kTasks = {
      {"extraction", {"aeb", "extraction"}, MakeExtractionTask},
      {"sentences", {"ud-ewt", "sentences"}, MakeSentencesTask},
      {"time", {"te3", "duckling", "time"}, MakeTimeTask},
      {"geoparsing", {"lgl", "geovirus", "geoparsing"}, MakeGeoparsingTask},
      {"events", {"acled", "case2021", "ucdp-ged", "fa-kes", "events"}, MakeEventsTask},
  };
  return kTasks;
}

const TaskInfo* FindTask(std::string_view name) {
  for (const TaskInfo& t : Tasks())
    if (t.name == name) return &t;
  return nullptr;
}

const TaskInfo* TaskForSet(std::string_view set) {
  for (const TaskInfo& t : Tasks())
    for (std::string_view s : t.sets)
      if (s == set) return &t;
  return nullptr;
}

Result<FileReport> EvaluateFile(
    const std::string& path, std::string_view forced_task, const pipeline::Pipeline& pipeline,
    std::ostream* predictions,
    const std::function<void(const std::string&, const std::string&)>& problem) {
  const TaskInfo* forced = nullptr;
  if (!forced_task.empty()) {
    forced = FindTask(forced_task);
    if (forced == nullptr) return Status::Error(fmt::format("unknown task '{}'", forced_task));
  }
  FileReport report;
  report.file = path;
  std::map<std::string_view, std::unique_ptr<Task>> running;
  std::vector<std::string_view> order;
  // One row: scored, or reported with its place. A row that names no task stops the file.
  auto handle = [&](const nlohmann::json& row, const std::string& where, size_t line_no) -> Status {
    const TaskInfo* info = forced;
    if (info == nullptr) {
      const std::string set = StringOf(row, "set");
      if (set.empty()) {
        return Status::Error(
            fmt::format("line {}: row has no \"set\" field; name the task with --task", line_no));
      }
      info = TaskForSet(set);
      if (info == nullptr) {
        return Status::Error(fmt::format("line {}: no task scores set '{}' yet", line_no, set));
      }
    }
    auto it = running.find(info->name);
    if (it == running.end()) {
      it = running.emplace(info->name, info->make(pipeline)).first;
      order.push_back(info->name);
    }
    nlohmann::json prediction;
    Status added;
    try {
      added = it->second->Add(row, prediction);
    } catch (const nlohmann::json::exception& e) {
      // A field of the wrong type deep in a row: that row is malformed, the file goes on.
      added = Status::Error(fmt::format("malformed row: {}", e.what()));
    }
    if (!added.ok()) {
      problem(where, added.message());
      ++report.problems;
      return Status::Ok();
    }
    ++report.rows;
    if (predictions != nullptr) {
      *predictions << prediction.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                   << '\n';
    }
    return Status::Ok();
  };
  if (path.ends_with(".xml")) {
    // Geoparsing gold (LGL, GeoVirus): whole XML files, one row per article.
    auto rows = ReadGeoparsingXml(path);
    if (!rows.ok()) return rows.status();
    for (size_t i = 0; i < rows.value().size(); ++i) {
      if (Status s = handle(rows.value()[i], fmt::format("{}: article {}", path, i + 1), i + 1);
          !s.ok()) {
        return s;
      }
    }
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::Error("cannot open gold file");
    std::string line;
    size_t line_no = 0;
    while (std::getline(in, line)) {
      ++line_no;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      const std::string where = fmt::format("{}:{}", path, line_no);
      const nlohmann::json row = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (row.is_discarded() || !row.is_object()) {
        problem(where, "malformed JSON row");
        ++report.problems;
        continue;
      }
      if (Status s = handle(row, where, line_no); !s.ok()) return s;
    }
  }
  for (std::string_view name : order)
    report.scores.emplace_back(std::string(name), running[name]->Scores());
  return report;
}

}  // namespace frontline::eval
