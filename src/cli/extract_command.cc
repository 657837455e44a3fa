#include <fmt/format.h>

#include <cstdio>

#include "cli/commands.h"
#include "doc/source.h"
#include "pipeline/data_dir.h"
#include "pipeline/pipeline.h"
#include "pipeline/record_json.h"

namespace frontline::cli {

void ExtractCommand::Register(CLI::App& app) {
  app.add_option("inputs", inputs_, "files, directories (read recursively) or - for standard input")
      ->default_str("-");
  app.add_option("--format", format_, "input format: auto, text, html or jsonl")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "text", "txt", "html", "jsonl"}));
  app.add_flag("--tokens", tokens_, "include every token with its byte span and folded form");
  app.add_option("--max-bytes", max_bytes_, "refuse documents (files, feed lines) larger than this")
      ->capture_default_str();
}

int ExtractCommand::Run(const GlobalOptions& global) const {
  const std::string data_dir = pipeline::ResolveDataDir(global.data_dir);
  auto resources = pipeline::Resources::Load(data_dir);
  if (!resources.ok()) {
    std::fprintf(stderr, "frontline: %s\n", resources.status().message().c_str());
    return kExitUsage;
  }
  if (!OpenGazetteer(*resources.value(), global, false)) return kExitUsage;
  const pipeline::Pipeline pipeline(*resources.value());
  doc::SourceOptions options;
  doc::ParseFormat(format_, options.format);
  options.max_document_bytes = max_bytes_;
  pipeline::JsonOptions json_options;
  json_options.tokens = tokens_;
  json_options.gazetteer = resources.value()->gazetteer.get();
  json_options.actors = &resources.value()->actors;
  size_t failed = 0;
  auto report = [&](const std::string& where, const std::string& what) {
    std::fprintf(stderr, "%s: %s\n", where.c_str(), what.c_str());
  };
  const std::vector<std::string> inputs = inputs_.empty() ? std::vector<std::string>{"-"} : inputs_;
  failed += doc::ReadSources(
      inputs, options,
      [&](doc::RawDocument&& raw) {
        Result<pipeline::Record> record = pipeline.Process(raw);
        if (!record.ok()) {
          report(raw.Where(), record.status().message());
          ++failed;
          return;
        }
        for (const std::string& w : record.value().document.warnings)
          report(raw.Where(), "warning: " + w);
        if (!record.value().document.complete) ++failed;
        const std::string line =
            pipeline::ToJsonLine(pipeline::ToJson(record.value(), json_options));
        std::fwrite(line.data(), 1, line.size(), stdout);
        std::fputc('\n', stdout);
      },
      report);
  std::fflush(stdout);
  return failed == 0 ? kExitOk : kExitSomeFailed;
}

}  // namespace frontline::cli
