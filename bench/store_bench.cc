// Store benchmark: ingest throughput against extraction alone, and query time over a large
// database.
//
//   store_bench [--generate N] [--events M] [--db TARGET] [--gazetteer PATH] [--data DIR]
//
// Part 1 makes N documents (default 10,000) from examples/ (towns varied across each
// country: see GenerateCorpus), runs the pipeline over them with
// the JSON a record is written as (what `frontline extract` does), then again storing each
// record into a fresh database (SQLite in a temporary directory, or TARGET) in batches of
// 500, and prints both rates and their ratio. Part 2 fills a SQLite database with M synthetic
// events (default 1,000,000: 20 countries, ten years, 2,000 places) and times the query of
// one month in one country, the first page (100 rows) and the whole month, over 20 runs.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <unistd.h>

#include "corpus.h"
#include "pipeline/data_dir.h"
#include "pipeline/pipeline.h"
#include "pipeline/record_json.h"
#include "store/store.h"
#include "time/calendar.h"

using namespace frontline;
using Clock = std::chrono::steady_clock;

namespace {

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

int Fail(const std::string& what) {
  fmt::print(stderr, "store_bench: {}\n", what);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  size_t generate = 10000, event_count = 1000000;
  std::string db_flag, gazetteer_flag, data_flag;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--generate") {
      generate = std::stoul(value());
    } else if (arg == "--events") {
      event_count = std::stoul(value());
    } else if (arg == "--db") {
      db_flag = value();
    } else if (arg == "--gazetteer") {
      gazetteer_flag = value();
    } else if (arg == "--data") {
      data_flag = value();
    } else {
      fmt::print("usage: store_bench [--generate N] [--events M] [--db TARGET] [--gazetteer PATH] "
                 "[--data DIR]\n");
      return arg == "--help" ? 0 : 2;
    }
  }
  auto resources = pipeline::Resources::Load(pipeline::ResolveDataDir(data_flag));
  if (!resources.ok()) return Fail(resources.status().message());
  const std::string index = pipeline::ResolveGazetteer(gazetteer_flag);
  const bool geocoding = std::filesystem::exists(index) && resources.value()->OpenGazetteer(index).ok();
  const pipeline::Pipeline pipeline(*resources.value());
  pipeline::JsonOptions options;
  options.gazetteer = resources.value()->gazetteer.get();
  options.actors = &resources.value()->actors;
  const std::filesystem::path temp =
      std::filesystem::temp_directory_path() / fmt::format("frontline-store-bench-{}", ::getpid());
  std::filesystem::create_directories(temp);

  if (generate > 0) {
    const auto corpus = bench::GenerateCorpus(pipeline, std::string(FRONTLINE_SOURCE_DIR) + "/examples",
                                              generate, doc::Format::kText, 7, true);
    size_t bytes = 0;
    for (const auto& raw : corpus) bytes += raw.bytes.size();
    // Extraction alone: pipeline and the record's JSON.
    size_t extracted = 0, json_bytes = 0;
    const auto t0 = Clock::now();
    for (const auto& raw : corpus) {
      auto record = pipeline.Process(raw);
      if (!record.ok()) continue;
      json_bytes += pipeline::ToJson(record.value(), options).dump().size();
      ++extracted;
    }
    const double extract_s = Seconds(Clock::now() - t0);
    // Extraction and storing.
    const std::string target = db_flag.empty() ? (temp / "ingest.db").string() : db_flag;
    auto opened = store::Store::Open(target);
    if (!opened.ok()) return Fail(opened.status().message());
    store::Store& db = *opened.value();
    size_t stored = 0, batch = 0, mentions = 0, errors = 0;
    Clock::duration in_store{};
    const auto t1 = Clock::now();
    for (const auto& raw : corpus) {
      auto record = pipeline.Process(raw);
      if (!record.ok()) continue;
      const nlohmann::json json = pipeline::ToJson(record.value(), options);
      const auto s0 = Clock::now();
      if (batch == 0 && !db.Begin().ok()) return Fail("cannot begin a batch");
      auto added = db.Add(json);
      if (added.ok()) {
        ++stored;
        mentions += added.value().mentions;
      } else if (++errors <= 3) {
        fmt::print(stderr, "store_bench: {}: {}\n", raw.Where(), added.status().message());
      }
      if (++batch == 500) {
        if (Status s = db.Commit(); !s.ok()) return Fail(s.message());
        batch = 0;
      }
      in_store += Clock::now() - s0;
    }
    if (batch > 0) {
      if (Status s = db.Commit(); !s.ok()) return Fail(s.message());
    }
    const double ingest_s = Seconds(Clock::now() - t1);
    const auto counts = db.Counts().value();
    fmt::print("ingest: {} documents ({:.1f} MB, generated text), gazetteer {}\n", corpus.size(),
               static_cast<double>(bytes) / 1e6, geocoding ? index : "none");
    fmt::print("  extraction only (pipeline + record JSON)  {:>8.0f} documents/s {:>6.2f} MB/s  ({:.2f} s)\n",
               extracted / extract_s, bytes / 1e6 / extract_s, extract_s);
    fmt::print("  extraction + store ({})  {:>8.0f} documents/s {:>6.2f} MB/s  ({:.2f} s)\n",
               db.connection().dialect() == store::Dialect::kSqlite ? "SQLite" : "PostgreSQL",
               stored / ingest_s, bytes / 1e6 / ingest_s, ingest_s);
    fmt::print("  ingest / extraction: {:.0f}%  (aim: at least 70%); time in the store {:.2f} s, {:.2f} ms a document\n",
               100.0 * extract_s / ingest_s, Seconds(in_store), 1000 * Seconds(in_store) / stored);
    fmt::print("  stored {} documents, {} mentions merged into {} events, {} errors; {:.1f} MB of JSON\n",
               counts.documents, mentions, counts.events, errors, json_bytes / 1e6);
  }

  if (event_count > 0) {
    const std::string target = (temp / "query.db").string();
    auto opened = store::Store::Open(target);
    if (!opened.ok()) return Fail(opened.status().message());
    store::Store& db = *opened.value();
    const auto f0 = Clock::now();
    if (Status s = bench::FillEvents(db.connection(), event_count); !s.ok()) return Fail(s.message());
    const double fill_s = Seconds(Clock::now() - f0);
    fmt::print("query: {} events in {} (filled in {:.1f} s, {:.0f} MB)\n", event_count, target, fill_s,
               std::filesystem::file_size(target) / 1e6);
    struct Query {
      const char* name;
      size_t limit;
      bool radius;
    };
    for (const Query& q : {Query{"one month in one country, first 100", 100, false},
                           Query{"one month in one country, all rows", 0, false},
                           Query{"one month within 50 km of a point, all rows", 0, true}}) {
      std::vector<double> times;
      size_t rows = 0;
      for (int run = 0; run < 20; ++run) {
        store::EventFilter filter;
        if (q.radius) {
          filter.lat = 15.5;
          filter.lon = 30.5;
          filter.radius_km = 50;
        } else {
          filter.countries = {"SY"};
        }
        filter.from = fmt::format("2020-{:02}-01", 1 + run % 12);
        filter.to = fmt::format("2020-{:02}-{:02}", 1 + run % 12, time::DaysInMonth(2020, 1 + run % 12));
        filter.limit = q.limit;
        const auto t = Clock::now();
        auto events = db.Events(filter);
        times.push_back(Seconds(Clock::now() - t) * 1000);
        if (!events.ok()) return Fail(events.status().message());
        rows += events.value().size();
      }
      std::sort(times.begin(), times.end());
      fmt::print("  {:<46} median {:>7.2f} ms  max {:>7.2f} ms  ({:.0f} rows a query)  (aim: under 100 ms)\n",
                 q.name, times[times.size() / 2], times.back(), static_cast<double>(rows) / 20);
    }
  }
  std::filesystem::remove_all(temp);
  fmt::print("  peak RSS {:.1f} MiB\n", bench::PeakRssMiB());
  return 0;
}
