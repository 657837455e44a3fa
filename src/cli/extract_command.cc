#include <fmt/format.h>

#include <cstdio>
#include <functional>
#include <thread>

#include "cli/commands.h"
#include "doc/source.h"
#include "pipeline/data_dir.h"
#include "pipeline/parallel.h"
#include "pipeline/pipeline.h"
#include "pipeline/record_json.h"

namespace frontline::cli {

void ExtractCommand::Register(CLI::App& app) {
  app.add_option("inputs", inputs_, "files, directories (read recursively) or - for standard input")
      ->default_str("-");
  app.add_option("--format", format_, "input format: auto, text, html, jsonl or warc (compressed inputs are told by their bytes)")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "text", "txt", "html", "jsonl", "warc"}));
  app.add_flag("--tokens", tokens_, "include every token with its byte span and folded form");
  app.add_option("--max-bytes", max_bytes_, "refuse documents (files, feed lines) larger than this")
      ->capture_default_str();
  app.add_option("-j,--jobs", jobs_, "pipeline threads (default: all cores); output order is the input's");
}

int ExtractCommand::Run(const GlobalOptions& global) const {
  const std::unique_ptr<pipeline::Resources> resources =
      LoadResources(global, Places::kIfAvailable);
  if (resources == nullptr) return kExitUsage;
  const pipeline::Pipeline pipeline(*resources);
  doc::SourceOptions options;
  doc::ParseFormat(format_, options.format);
  options.max_document_bytes = max_bytes_;
  pipeline::JsonOptions json_options;
  json_options.tokens = tokens_;
  json_options.gazetteer = resources->gazetteer.get();
  json_options.actors = &resources->actors;
  size_t failed = 0;
  auto report = [&](const std::string& where, const std::string& what) {
    std::fprintf(stderr, "%s: %s\n", where.c_str(), what.c_str());
  };
  const std::vector<std::string> inputs = inputs_.empty() ? std::vector<std::string>{"-"} : inputs_;
  // Reading (one thread), the pipeline (`jobs` threads) and writing (this thread) overlap, with
  // a bounded number of documents in flight; lines come out in input order whatever `jobs` is,
  // so the output is the same bytes for any number of threads.
  struct Item {
    doc::RawDocument raw;
    std::string where, problem;  // a problem the reader met, instead of a document
  };
  struct Done {
    std::string where, line, error;
    std::vector<std::string> warnings;
    bool complete = true;
  };
  auto produce = [&](const std::function<void(Item&&)>& emit) {
    doc::ReadSources(
        inputs, options,
        [&](doc::RawDocument&& raw) {
          std::string where = raw.Where();
          emit(Item{std::move(raw), std::move(where), {}});
        },
        [&](const std::string& where, const std::string& what) {
          Item item;
          item.where = where;
          item.problem = what;
          emit(std::move(item));
        });
  };
  auto work = [&](Item& item) {
    Done done{item.where, {}, item.problem, {}, true};
    if (!item.problem.empty()) return done;
    Result<pipeline::Record> record = pipeline.Process(item.raw);
    if (!record.ok()) {
      done.error = record.status().message();
      return done;
    }
    done.warnings = record.value().document.warnings;
    done.complete = record.value().document.complete;
    done.line = pipeline::ToJsonLine(pipeline::ToJson(record.value(), json_options));
    done.line += '\n';
    return done;
  };
  auto consume = [&](Done&& done) {
    if (!done.error.empty()) {
      report(done.where, done.error);
      ++failed;
      return true;
    }
    for (const std::string& w : done.warnings) report(done.where, "warning: " + w);
    if (!done.complete) ++failed;
    std::fwrite(done.line.data(), 1, done.line.size(), stdout);
    return true;
  };
  const size_t jobs = jobs_ > 0 ? jobs_ : std::max(1u, std::thread::hardware_concurrency());
  pipeline::OrderedParallel<Item, Done>(jobs, 4 * jobs + 16, produce, work, consume);
  std::fflush(stdout);
  return failed == 0 ? kExitOk : kExitSomeFailed;
}

}  // namespace frontline::cli
