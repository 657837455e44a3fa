// Throughput of each stage (reader with boilerplate removal, text layer, time, geocoding,
// events) and of the whole pipeline, on one core, over a corpus read into memory first so that
// disk speed does not count.
//
//   throughput [--generate N] [--format text|html] [--data DIR] [--gazetteer PATH]
//              [--examples DIR] [PATH...]
//
// Geocoding runs when the gazetteer index exists (--gazetteer, else the set-up's index).
//
// PATHs are read like `frontline extract` reads them (files, directories, JSONL feeds); without
// them, --generate N (default 10000) documents are made from examples/. Prints documents/s and
// MB/s (input bytes) per stage and for the whole, and the peak resident set size.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <cstring>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "corpus.h"
#include "doc/reader.h"
#include "doc/source.h"
#include "pipeline/data_dir.h"
#include "pipeline/parallel.h"
#include "pipeline/pipeline.h"
#include "pipeline/record_json.h"
#include "time/calendar.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

void PrintStage(const char* name, size_t docs, double mb, double seconds) {
  fmt::print("  {:<34} {:>10.0f} documents/s {:>9.1f} MB/s  ({:.3f} s)\n", name,
             static_cast<double>(docs) / seconds, mb / seconds, seconds);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace frontline;
  size_t generate = 10000;
  std::string format_name = "text";
  std::string data_flag, gazetteer_flag;
  std::string examples = std::string(FRONTLINE_SOURCE_DIR) + "/examples";
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        fmt::print(stderr, "{} needs a value\n", arg);
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--generate") {
      generate = std::stoul(value());
    } else if (arg == "--format") {
      format_name = value();
    } else if (arg == "--data") {
      data_flag = value();
    } else if (arg == "--gazetteer") {
      gazetteer_flag = value();
    } else if (arg == "--examples") {
      examples = value();
    } else if (arg == "--help" || arg == "-h") {
      fmt::print(
          "usage: throughput [--generate N] [--format text|html] [--data DIR] [--gazetteer PATH] "
          "[--examples DIR] [PATH...]\n");
      return 0;
    } else {
      paths.push_back(arg);
    }
  }
  auto resources = pipeline::Resources::Load(pipeline::ResolveDataDir(data_flag));
  if (!resources.ok()) {
    fmt::print(stderr, "{}\n", resources.status().message());
    return 2;
  }
  const std::string index = pipeline::ResolveGazetteer(gazetteer_flag);
  const auto load0 = Clock::now();
  const bool geocoding = std::filesystem::exists(index) &&
                         resources.value()->OpenGazetteer(index).ok();
  const double load_seconds = Seconds(Clock::now() - load0);
  const pipeline::Pipeline pipeline(*resources.value());

  std::vector<doc::RawDocument> corpus;
  if (!paths.empty()) {
    doc::ReadSources(
        paths, {}, [&](doc::RawDocument&& raw) { corpus.push_back(std::move(raw)); },
        [](const std::string& where, const std::string& what) {
          fmt::print(stderr, "{}: {}\n", where, what);
        });
  } else {
    doc::Format format = doc::Format::kText;
    doc::ParseFormat(format_name, format);
    corpus = bench::GenerateCorpus(pipeline, examples, generate, format);
  }
  if (corpus.empty()) {
    fmt::print(stderr, "no documents to measure\n");
    return 1;
  }
  size_t bytes = 0;
  for (const auto& raw : corpus) bytes += raw.bytes.size();
  const double mb = static_cast<double>(bytes) / 1e6;

  // Stage 1: reader. Stage 2: text layer on the clean documents. Then both together.
  const doc::Reader reader(resources.value()->furniture);
  std::vector<pipeline::Record> records;
  records.reserve(corpus.size());
  size_t failed = 0;
  auto t0 = Clock::now();
  for (const auto& raw : corpus) {
    auto document = reader.Read(raw);
    if (!document.ok()) {
      ++failed;
      continue;
    }
    records.push_back(pipeline::Record{std::move(document).value(), {}, {}, {}, {}});
  }
  auto t1 = Clock::now();
  // Text layer and time, document by document with one reused layer, each stage timed apart.
  size_t clean_bytes = 0;
  size_t sentences = 0, tokens = 0, times = 0, places = 0, events = 0;
  std::vector<text::Span> spans;
  text::TextLayer layer;
  Clock::duration text_time{}, time_time{}, geo_time{}, event_time{};
  for (const auto& record : records) {
    const auto a = Clock::now();
    spans.clear();
    for (const auto& p : record.document.paragraphs) spans.push_back(p.span);
    text::Analyze(record.document.text, spans, pipeline.splitter(), layer);
    const auto b = Clock::now();
    const time::DocumentTimes found = pipeline.time_stage().Annotate(
        record.document.text, layer, time::ParseIsoDate(record.document.published));
    const auto c = Clock::now();
    std::vector<geo::Toponym> toponyms;
    if (geocoding) toponyms = pipeline.geocoder()->Find(record.document.text, layer);
    const auto d = Clock::now();
    events += pipeline.event_stage().Extract(record.document.text, layer, found, toponyms).size();
    const auto e = Clock::now();
    text_time += b - a;
    time_time += c - b;
    geo_time += d - c;
    event_time += e - d;
    clean_bytes += record.document.text.size();
    sentences += layer.sentences.size();
    tokens += layer.tokens.size();
    times += found.mentions.size();
    places += toponyms.size();
  }
  auto t2b = Clock::now();
  size_t processed = 0;
  for (const auto& raw : corpus) processed += pipeline.Process(raw).ok();
  auto t3 = Clock::now();

  fmt::print(
      "corpus: {} documents ({}), {:.1f} MB in, {:.1f} MB clean text, {} sentences, {} tokens, {} "
      "time expressions, {} place mentions, {} events, {} failed\n",
      corpus.size(), paths.empty() ? fmt::format("generated {}", format_name) : "read from disk",
      mb, static_cast<double>(clean_bytes) / 1e6, sentences, tokens, times, places, events, failed);
  if (geocoding) {
    fmt::print("gazetteer: {} ({} places), opened in {:.3f} s\n", index,
               resources.value()->gazetteer->size(), load_seconds);
  } else {
    fmt::print("gazetteer: none at {} (geocoding not measured)\n", index);
  }
  auto per_clean = [&](const char* name, Clock::duration t) {
    fmt::print("  {:<34} {:>10.0f} documents/s {:>9.1f} MB/s of clean text  ({:.3f} s)\n", name,
               static_cast<double>(records.size()) / Seconds(t),
               static_cast<double>(clean_bytes) / 1e6 / Seconds(t), Seconds(t));
  };
  PrintStage("reader + boilerplate", corpus.size(), mb, Seconds(t1 - t0));
  per_clean("text layer (sentences + tokens)", text_time);
  per_clean("time (tag + resolve)", time_time);
  if (geocoding) per_clean("geocoding (find + resolve)", geo_time);
  per_clean("events (actors, triggers, roles)", event_time);
  PrintStage(geocoding ? "whole pipeline (all stages)" : "whole pipeline (no geocoding)", processed,
             mb, Seconds(t3 - t2b));
  // The whole pipeline on 1..cores threads, as `frontline extract -j N` runs it (oneTBB's
  // parallel_pipeline, bounded in flight, output in input order), with the records' JSON.
  pipeline::JsonOptions json_options;
  json_options.gazetteer = resources.value()->gazetteer.get();
  json_options.actors = &resources.value()->actors;
  double one_thread = 0;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned jobs = 1; jobs <= cores; ++jobs) {
    size_t index = 0, written = 0;
    const auto p0 = Clock::now();
    pipeline::OrderedParallel<size_t, size_t>(
        jobs, 4 * jobs + 16,
        [&](const std::function<void(size_t&&)>& emit) {
          for (; index < corpus.size(); ++index) emit(size_t{index});
        },
        [&](size_t& i) -> size_t {
          auto record = pipeline.Process(corpus[i]);
          return record.ok() ? pipeline::ToJsonLine(pipeline::ToJson(record.value(), json_options)).size() : 0;
        },
        [&](size_t&& bytes) {
          written += bytes;
          return true;
        });
    const double seconds = Seconds(Clock::now() - p0);
    if (jobs == 1) one_thread = seconds;
    PrintStage(fmt::format("extract with JSON, -j {}", jobs).c_str(), corpus.size(), mb, seconds);
    if (jobs > 1) fmt::print("    speed-up over one thread: {:.2f}x on {} threads\n", one_thread / seconds, jobs);
  }
  // The time stage's cost against the whole (the time issue's aim: under 5% of extraction).
  const double stages = Seconds(t1 - t0) + Seconds(text_time + time_time + geo_time + event_time);
  fmt::print("  time stage: {:.1f}% of the stages' sum, {:.1f}% of extract with JSON -j 1\n",
             100 * Seconds(time_time) / stages, 100 * Seconds(time_time) / one_thread);
  fmt::print("  peak RSS {:.1f} MiB (corpus held in memory; the index is mapped)\n",
             bench::PeakRssMiB());
  return 0;
}
