#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "eval/eval.h"
#include "pipeline/data_dir.h"
#include "pipeline/pipeline.h"

namespace frontline::cli {

void EvalCommand::Register(CLI::App& app) {
  std::vector<std::string> task_names;
  std::string names;
  for (const eval::TaskInfo& t : eval::Tasks()) {
    task_names.emplace_back(t.name);
    names += (names.empty() ? "" : ", ") + task_names.back();
  }
  app.add_option("files", files_, "gold files (JSONL)")->required();
  app.add_option("--task", task_,
                 "score every row with this task (" + names + "); default: each row's \"set\"")
      ->check(CLI::IsMember(task_names));
  app.add_flag("--json", json_,
               "print one JSON object per file: {\"file\", \"rows\", \"<task>\": {scores}}");
  app.add_option("--predictions", predictions_,
                 "write frontline's prediction for each row to this JSONL file");
}

int EvalCommand::Run(const GlobalOptions& global) const {
  const std::unique_ptr<pipeline::Resources> resources =
      LoadResources(global, Places::kIfAvailable);
  if (resources == nullptr) return kExitUsage;
  const pipeline::Pipeline pipeline(*resources);
  std::ofstream predictions;
  if (!predictions_.empty()) {
    predictions.open(predictions_, std::ios::binary | std::ios::trunc);
    if (!predictions) {
      std::fprintf(stderr, "%s: cannot write predictions\n", predictions_.c_str());
      return kExitUsage;
    }
  }
  int exit_code = kExitOk;
  for (const std::string& file : files_) {
    auto report =
        eval::EvaluateFile(file, task_, pipeline, predictions_.empty() ? nullptr : &predictions,
                           [](const std::string& where, const std::string& what) {
                             std::fprintf(stderr, "%s: %s\n", where.c_str(), what.c_str());
                           });
    if (!report.ok()) {
      std::fprintf(stderr, "%s: %s\n", file.c_str(), report.status().message().c_str());
      exit_code = kExitSomeFailed;
      continue;
    }
    const eval::FileReport& r = report.value();
    if (r.problems > 0) exit_code = kExitSomeFailed;
    if (json_) {
      nlohmann::json j{{"file", r.file}, {"rows", r.rows}};
      for (const auto& [task, scores] : r.scores) j[task] = scores;
      std::printf("%s\n", j.dump().c_str());
    } else {
      std::printf("%s  (%zu rows%s)\n", r.file.c_str(), r.rows,
                  r.problems ? fmt::format(", {} unreadable", r.problems).c_str() : "");
      for (const auto& [task, scores] : r.scores) {
        for (const auto& [name, value] : scores.items()) {
          if (value.is_number_float()) {
            std::printf("  %-12s %-20s %.4f\n", task.c_str(), name.c_str(), value.get<double>());
          } else {
            std::printf("  %-12s %-20s %s\n", task.c_str(), name.c_str(), value.dump().c_str());
          }
        }
      }
    }
  }
  return exit_code;
}

}  // namespace frontline::cli
