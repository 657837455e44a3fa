// ingest, events, show, control: the commands over the store.
#include <fmt/format.h>
#include <strings.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/commands.h"
#include "doc/archive.h"
#include "doc/source.h"
#include "event/taxonomy.h"
#include "geo/gazetteer.h"
#include "pipeline/data_dir.h"
#include "pipeline/parallel.h"
#include "pipeline/pipeline.h"
#include "pipeline/record_json.h"
#include "store/export.h"
#include "store/store.h"
#include "server/params.h"
#include "time/calendar.h"

namespace frontline::cli {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

std::string DatabaseOf(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("FRONTLINE_DB")) return env;
  return std::string();
}

// The store at --db (or $FRONTLINE_DB), or null after saying on stderr why it cannot be opened.
std::unique_ptr<store::Store> OpenStore(const std::string& flag, int lock_timeout_ms = 10000) {
  const std::string target = DatabaseOf(flag);
  if (target.empty()) {
    std::fprintf(stderr,
                 "frontline: no database: give --db PATH (SQLite) or --db postgresql://... (or "
                 "set FRONTLINE_DB)\n");
    return nullptr;
  }
  auto opened = store::Store::Open(target, lock_timeout_ms);
  if (!opened.ok()) {
    std::fprintf(stderr, "frontline: %s\n", opened.status().message().c_str());
    return nullptr;
  }
  return std::move(opened).value();
}

store::CountryNamer NamerOf(const geo::Gazetteer* gazetteer) {
  return [gazetteer](std::string_view iso2) {
    geo::Place place;
    if (gazetteer != nullptr && gazetteer->FindCountry(iso2, place)) return std::string(place.name);
    return std::string(iso2);
  };
}

// Progress of a long ingest: a bar redrawn in place on a terminal, a plain line every few
// seconds in a log.
class Progress {
 public:
  explicit Progress(std::string mode) : started_(Clock::now()), last_(started_) {
    if (mode == "auto") mode = isatty(fileno(stderr)) ? "bar" : "lines";
    mode_ = mode;
  }
  void Update(size_t documents, size_t events, size_t errors, bool force = false) {
    if (mode_ == "none") return;
    const auto now = Clock::now();
    const double since_last = std::chrono::duration<double>(now - last_).count();
    if (!force && since_last < (mode_ == "bar" ? 0.2 : 5.0)) return;
    last_ = now;
    const double elapsed = std::chrono::duration<double>(now - started_).count();
    const double rate = elapsed > 0 ? static_cast<double>(documents) / elapsed : 0.0;
    if (mode_ == "bar") {
      const size_t ticks = (documents / 50) % 20;
      std::string bar(20, ' ');
      for (size_t i = 0; i <= ticks && i < bar.size(); ++i) bar[i] = '#';
      std::fprintf(stderr, "\r[%s] %zu documents  %zu events  %zu errors  %.0f docs/s ",
                   bar.c_str(), documents, events, errors, rate);
      drawn_ = true;
    } else {
      std::fprintf(stderr, "ingest: %zu documents, %zu events, %zu errors, %.0f docs/s\n",
                   documents, events, errors, rate);
    }
    std::fflush(stderr);
  }
  // Ends the bar's line before other output.
  void Break() {
    if (drawn_) std::fputc('\n', stderr);
    drawn_ = false;
  }
  double Seconds() const { return std::chrono::duration<double>(Clock::now() - started_).count(); }

 private:
  std::string mode_;
  Clock::time_point started_, last_;
  bool drawn_ = false;
};


}  // namespace

void IngestCommand::Register(CLI::App& app) {
  app.add_option("inputs", inputs_,
                 "files, directories (read recursively) or - for standard input")
      ->default_str("-");
  app.add_option("--db", db_, "database: a SQLite file (created when missing) or postgresql://...");
  app.add_option("--format", format_, "input format: auto, text, html or jsonl")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "text", "txt", "html", "jsonl", "warc"}));
  app.add_flag("--extracted", extracted_,
               "inputs are JSONL written by `frontline extract` (one record a line): store them "
               "without running the pipeline again");
  app.add_option("-j,--jobs", jobs_,
                 "threads running the pipeline (default: all cores); documents are stored in "
                 "input order whatever the number");
  app.add_option("--batch", batch_, "documents per transaction")->capture_default_str()->check(CLI::Range(1, 1000000));
  app.add_option("--max-bytes", max_bytes_, "refuse documents (files, feed lines) larger than this")
      ->capture_default_str();
  app.add_option("--lock-timeout", lock_timeout_,
                 "seconds to wait while another process writes the database; then ingest stops "
                 "with an error and stores nothing more")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 86400.0));
  app.add_option("--progress", progress_, "auto (a bar on a terminal, lines in logs), bar, lines, none")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "bar", "lines", "none"}));
}

int IngestCommand::Run(const GlobalOptions& global) const {
  const std::unique_ptr<store::Store> opened =
      OpenStore(db_, static_cast<int>(std::lround(lock_timeout_ * 1000)));
  if (opened == nullptr) return kExitUsage;
  store::Store& db = *opened;
  std::unique_ptr<pipeline::Resources> resources;
  std::unique_ptr<pipeline::Pipeline> pipeline;
  pipeline::JsonOptions json_options;
  if (!extracted_) {
    resources = LoadResources(global, Places::kIfAvailable);
    if (resources == nullptr) return kExitUsage;
    pipeline = std::make_unique<pipeline::Pipeline>(*resources);
    json_options.gazetteer = resources->gazetteer.get();
    json_options.actors = &resources->actors;
  }

  Progress progress(progress_);
  // What the stored batches did (total) and what the open batch has done so far (pending):
  // a batch the database refuses takes its tally with it.
  struct Tally {
    size_t documents = 0, added = 0, replaced = 0, skipped = 0, new_events = 0, merged = 0;
    void Add(const Tally& o) {
      documents += o.documents;
      added += o.added;
      replaced += o.replaced;
      skipped += o.skipped;
      new_events += o.new_events;
      merged += o.merged;
    }
  };
  Tally total, pending;
  size_t errors = 0, in_batch = 0;
  bool stopped = false;
  auto reported = [&] {
    return total.new_events + total.merged + pending.new_events + pending.merged;
  };
  auto report = [&](const std::string& where, const std::string& what) {
    progress.Break();
    std::fprintf(stderr, "%s: %s\n", where.c_str(), what.c_str());
  };
  // A batch the database refused (locked, disk full, connection lost): it was rolled back
  // whole, every earlier batch stays, and the same command run again completes the work (the
  // documents already stored are skipped). The message names the database first (the
  // connection's messages begin with its name).
  auto batch_failed = [&](const Status& s) {
    progress.Break();
    const size_t lost = pending.added + pending.replaced;
    std::fprintf(stderr, "%s; %s\n", s.message().c_str(),
                 lost == 0 ? "nothing of this batch was stored; every earlier batch is kept and "
                             "running the same command again completes the work"
                           : fmt::format("the batch's {} new documents were not stored; every "
                                         "earlier batch is kept and running the same command "
                                         "again completes the work",
                                         lost)
                                 .c_str());
    pending = Tally();
    in_batch = 0;
    stopped = true;
  };
  auto begin = [&] {
    if (Status s = db.Begin(); !s.ok()) batch_failed(s);
  };
  auto commit = [&] {
    if (Status s = db.Commit(); !s.ok()) {
      batch_failed(s);
      return;
    }
    total.Add(pending);
    pending = Tally();
    in_batch = 0;
  };
  auto store_record = [&](const json& record, const std::string& where) {
    if (stopped) return;
    if (in_batch == 0) begin();
    if (stopped) return;
    Result<store::AddResult> result = db.Add(record);
    if (!result.ok()) {
      if (!db.in_batch()) {
        // The database failed, not the document: the batch is gone, stop here.
        batch_failed(Status::Error(result.status().message() + " (storing " + where + ")"));
        return;
      }
      ++errors;
      report(where, result.status().message());
    } else {
      switch (result.value().outcome) {
        case store::AddResult::Outcome::kAdded:
          ++pending.added;
          break;
        case store::AddResult::Outcome::kReplaced:
          ++pending.replaced;
          break;
        case store::AddResult::Outcome::kSkipped:
          ++pending.skipped;
          break;
      }
      pending.new_events += result.value().new_events;
      pending.merged += result.value().merged;
    }
    ++pending.documents;
    if (++in_batch >= batch_) commit();
    progress.Update(total.documents + pending.documents, reported(), errors);
  };

  const std::vector<std::string> inputs = inputs_.empty() ? std::vector<std::string>{"-"} : inputs_;
  // Reading (one thread), the pipeline (`jobs` threads) and storing (this thread) overlap;
  // documents are stored in input order whatever the number of threads, so the merged events
  // are the same.
  struct Item {
    std::string where;
    doc::RawDocument raw;  // a document to run the pipeline on
    std::string line;      // or a line of `extract` output
    std::string problem;   // or a problem the reader met
  };
  struct Done {
    std::string where;
    json record;
    std::vector<std::string> warnings;
    std::string error;
  };
  auto produce = [&](const std::function<void(Item&&)>& emit) {
    if (extracted_) {
      for (const std::string& input : inputs) {
        std::ifstream file;
        std::istream* in = &std::cin;
        if (input != "-") {
          file.open(input, std::ios::binary);
          if (!file) {
            emit(Item{input, {}, {}, "cannot open"});
            continue;
          }
          in = &file;
        }
        // Parts may come compressed (gzip, zstd, ...): read through libarchive, which passes
        // plain data through as it is.
        std::string head(4096, '\0');
        in->read(head.data(), static_cast<std::streamsize>(head.size()));
        head.resize(static_cast<size_t>(in->gcount()));
        if (head.empty()) continue;
        doc::DecompressingStream lines(*in, std::move(head));
        std::string line;
        for (uint64_t number = 1; std::getline(lines, line); ++number) {
          if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
          emit(Item{fmt::format("{}:{}", input, number), {}, std::move(line), {}});
        }
        if (!lines.error().empty())
          emit(Item{input, {}, {}, "corrupt or truncated compressed data: " + lines.error()});
      }
      return;
    }
    doc::SourceOptions options;
    doc::ParseFormat(format_, options.format);
    options.max_document_bytes = max_bytes_;
    doc::ReadSources(
        inputs, options,
        [&](doc::RawDocument&& raw) {
          std::string where = raw.Where();
          emit(Item{std::move(where), std::move(raw), {}, {}});
        },
        [&](const std::string& where, const std::string& what) { emit(Item{where, {}, {}, what}); });
  };
  auto work = [&](Item& item) {
    Done done{item.where, nullptr, {}, item.problem};
    if (!item.problem.empty()) return done;
    if (extracted_) {
      done.record = json::parse(item.line, nullptr, false);
      if (done.record.is_discarded() || !done.record.is_object())
        done.error = "not a JSON object (expected a line of `frontline extract` output)";
      return done;
    }
    Result<pipeline::Record> record = pipeline->Process(item.raw);
    if (!record.ok()) {
      done.error = record.status().message();
      return done;
    }
    done.warnings = record.value().document.warnings;
    done.record = pipeline::ToJson(record.value(), json_options);
    return done;
  };
  auto consume = [&](Done&& done) {
    for (const std::string& w : done.warnings) report(done.where, "warning: " + w);
    if (!done.error.empty()) {
      report(done.where, done.error);
      ++errors;
      return true;
    }
    store_record(done.record, done.where);
    return !stopped;
  };
  const size_t jobs = jobs_ > 0 ? jobs_ : std::max(1u, std::thread::hardware_concurrency());
  pipeline::OrderedParallel<Item, Done>(jobs, 4 * jobs + 16, produce, work, consume);
  if (in_batch > 0 && !stopped) commit();
  if (db.in_batch()) db.Rollback();
  progress.Update(total.documents, total.new_events + total.merged, errors, true);
  progress.Break();
  const double seconds = progress.Seconds();
  auto counts = db.Counts();
  std::fprintf(stderr,
               "ingest: %zu documents (%zu added, %zu replaced, %zu already stored), %zu events "
               "reported (%zu new, %zu merged into stored events), %zu errors, %.1f s, %.0f "
               "docs/s\n",
               total.documents, total.added, total.replaced, total.skipped,
               total.new_events + total.merged, total.new_events, total.merged, errors, seconds,
               seconds > 0 ? static_cast<double>(total.documents) / seconds : 0.0);
  if (counts.ok()) {
    std::fprintf(stderr, "database %s: %lld documents, %lld events, %lld mentions, %lld control periods\n",
                 db.connection().name().c_str(), static_cast<long long>(counts.value().documents),
                 static_cast<long long>(counts.value().events),
                 static_cast<long long>(counts.value().mentions),
                 static_cast<long long>(counts.value().control));
  }
  if (stopped) return kExitSomeFailed;
  return errors == 0 ? kExitOk : kExitSomeFailed;
}

void EventsCommand::Register(CLI::App& app) {
  app.add_option("--db", db_, "database: a SQLite file or postgresql://...");
  app.add_option("--country", countries_, "ISO 3166 alpha-2 codes (SY, or SY,IQ)");
  app.add_option("--admin1", admin1_, "first-level division, as stored (\"Idlib Governorate\")");
  app.add_option("--near", near_, "LAT,LON: events within --radius of this point");
  app.add_option("--place", place_, "a place name: events within --radius of it (gazetteer)");
  app.add_option("--radius", radius_, "kilometres, for --near and --place")->capture_default_str();
  app.add_option("--bbox", bbox_, "MIN_LON,MIN_LAT,MAX_LON,MAX_LAT");
  app.add_option("--from", from_, "first date (YYYY-MM-DD): events whose dates overlap the range");
  app.add_option("--to", to_, "last date (YYYY-MM-DD)");
  app.add_option("--type", types_,
                 "event types or sub-types: ACLED labels (\"Battles\", \"Air/drone strike\") or "
                 "ids (air_drone_strike)");
  app.add_option("--actor", actor_, "actor id (sy.hts) or part of an actor's name");
  app.add_option("--min-sources", min_sources_, "events reported by at least this many documents");
  app.add_option("--modality", modalities_,
                 "fact, claimed, historical, negated, future, hypothetical (default: all)");
  app.add_option("--text", text_, "words the sources must contain (full-text search)");
  app.add_option("--format", format_, "table, jsonl, csv (ACLED's columns) or geojson")
      ->capture_default_str()
      ->check(CLI::IsMember({"table", "jsonl", "csv", "geojson"}));
  app.add_option("--limit", limit_, "at most this many events (0: all)")->capture_default_str();
  app.add_option("--after", after_, "continue after this cursor (printed when more rows remain)");
}

int EventsCommand::Run(const GlobalOptions& global) const {
  // The options as the API's query parameters: one parser for both (server/params.h).
  server::Params params;
  auto add = [&](const char* name, const std::string& value) {
    if (!value.empty()) params.emplace(name, value);
  };
  for (const std::string& c : countries_) add("country", c);
  for (const std::string& t : types_) add("type", t);
  for (const std::string& m : modalities_) add("modality", m);
  add("admin1", admin1_);
  add("near", near_);
  add("place", place_);
  add("bbox", bbox_);
  add("from", from_);
  add("to", to_);
  add("actor", actor_);
  add("q", text_);
  add("cursor", after_);
  if (min_sources_ > 0) add("min_sources", std::to_string(min_sources_));
  if (!near_.empty() || !place_.empty()) add("radius", fmt::format("{}", radius_));
  std::unique_ptr<geo::Gazetteer> gazetteer = MaybeGazetteer(global);
  std::string place_note;
  auto parsed = server::ParseEventFilter(params, gazetteer.get(), 1000, &place_note);
  if (!parsed.ok()) {
    // The parameters are named as the API names them (docs/api.md); the options are the same
    // words with "--" (cursor is --after, q is --text).
    const std::string message = parsed.status().message();
    std::fprintf(stderr, "frontline events: %s\n", message.c_str());
    return kExitUsage;
  }
  store::EventFilter filter = std::move(parsed).value();
  if (!place_note.empty()) std::fprintf(stderr, "frontline events: --place %s\n", place_note.c_str());

  const std::unique_ptr<store::Store> opened = OpenStore(db_);
  if (opened == nullptr) return kExitUsage;
  store::Store& db = *opened;
  const store::CountryNamer namer = NamerOf(gazetteer.get());
  // Pages of at most 1,000 rows, so an export of millions of events keeps memory flat.
  constexpr size_t kPage = 1000;
  size_t written = 0;
  bool more = false;
  std::string last_cursor;
  if (format_ == "csv") {
    std::vector<std::string> header(store::AcledColumns().begin(), store::AcledColumns().end());
    std::fputs(store::CsvLine(header).c_str(), stdout);
  } else if (format_ == "geojson") {
    std::fputs("{\"type\":\"FeatureCollection\",\"features\":[", stdout);
  }
  std::vector<store::StoredEvent> table_rows;
  while (true) {
    store::EventFilter page = filter;
    const size_t want = limit_ == 0 ? kPage : std::min(kPage, limit_ - written);
    page.limit = want + 1;  // one more tells whether another page follows
    auto events = db.Events(page);
    if (!events.ok()) {
      std::fprintf(stderr, "frontline: %s\n", events.status().message().c_str());
      return kExitSomeFailed;
    }
    std::vector<store::StoredEvent>& rows = events.value();
    more = rows.size() > want;
    if (more) rows.pop_back();
    for (const store::StoredEvent& e : rows) {
      if (format_ == "jsonl") {
        std::string line;
        store::AppendEventJson(e, line);
        line += '\n';
        std::fwrite(line.data(), 1, line.size(), stdout);
      } else if (format_ == "csv") {
        std::fputs(store::CsvLine(store::AcledRow(e, namer)).c_str(), stdout);
      } else if (format_ == "geojson") {
        std::string feature = written > 0 ? ",\n" : "\n";
        store::AppendEventFeature(e, feature);
        std::fwrite(feature.data(), 1, feature.size(), stdout);
      } else {
        table_rows.push_back(e);
      }
      ++written;
    }
    if (!rows.empty()) {
      last_cursor = server::CursorAfter(rows.back());
      filter.after_date = rows.back().slots.date_start;
      filter.after_id = rows.back().id;
    }
    if (!more || (limit_ != 0 && written >= limit_)) break;
  }
  if (format_ == "geojson") std::fputs("\n]}\n", stdout);
  if (format_ == "table") std::fputs(store::EventTable(table_rows).c_str(), stdout);
  std::fflush(stdout);
  if (more)
    std::fprintf(stderr, "frontline events: more events follow: add --after %s\n", last_cursor.c_str());
  return kExitOk;
}

void ShowCommand::Register(CLI::App& app) {
  app.add_option("event", id_, "the event's id")->required();
  app.add_option("--db", db_, "database: a SQLite file or postgresql://...");
  app.add_flag("--sources", sources_, "list every report of the event with its evidence sentence");
  app.add_flag("--json", json_, "write JSON");
}

int ShowCommand::Run(const GlobalOptions&) const {
  const std::unique_ptr<store::Store> opened = OpenStore(db_);
  if (opened == nullptr) return kExitUsage;
  store::Store& db = *opened;
  auto event = db.Event(id_);
  if (!event.ok()) {
    std::fprintf(stderr, "frontline: %s\n", event.status().message().c_str());
    return kExitSomeFailed;
  }
  if (!event.value()) {
    std::fprintf(stderr, "frontline show: no event %lld in %s\n", static_cast<long long>(id_),
                 db.connection().name().c_str());
    return kExitSomeFailed;
  }
  const store::StoredEvent& e = *event.value();
  std::vector<store::EventSource> sources;
  if (sources_) {
    auto found = db.Sources(id_);
    if (!found.ok()) {
      std::fprintf(stderr, "frontline: %s\n", found.status().message().c_str());
      return kExitSomeFailed;
    }
    sources = std::move(found).value();
  }
  if (json_) {
    json out = store::EventToJson(e);
    if (sources_) {
      out["reports"] = json::array();
      for (const store::EventSource& s : sources) out["reports"].push_back(store::SourceToJson(s));
    }
    std::printf("%s\n", out.dump(2).c_str());
    return kExitOk;
  }
  const store::Mention& s = e.slots;
  std::printf("event %lld: %s (%s)\n", static_cast<long long>(e.id),
              store::EventToJson(e)["acled_sub_event_type"].get<std::string>().c_str(),
              s.event_type.c_str());
  std::printf("  date      %s%s%s (%s)\n", s.date_start.c_str(), s.date_end != s.date_start ? " .. " : "",
              s.date_end != s.date_start ? s.date_end.c_str() : "", s.date_precision.c_str());
  if (!s.place.key.empty()) {
    std::printf("  place     %s, %s%s%s (%s precision)", s.place.name.c_str(),
                s.place.admin1.c_str(), s.place.admin1.empty() ? "" : ", ", s.place.country.c_str(),
                std::string(store::GeoPrecisionName(s.place.precision)).c_str());
    if (s.place.has_position) std::printf(" at %.4f,%.4f", s.place.lat, s.place.lon);
    std::printf("\n");
  }
  auto actor_line = [](const char* label, const store::ActorRef& a,
                       const std::vector<store::ActorRef>& assoc) {
    if (a.empty() && assoc.empty()) return;
    std::printf("  %-9s %s", label, a.empty() ? "(unnamed)" : a.name.c_str());
    if (!a.empty()) std::printf(" [%s, %s]", a.id.c_str(), a.sector.c_str());
    for (const store::ActorRef& x : assoc) std::printf("; with %s", x.name.c_str());
    std::printf("\n");
  };
  actor_line("actor1", s.actor1, s.assoc1);
  actor_line("actor2", s.actor2, s.assoc2);
  std::printf("  deaths    %lld", static_cast<long long>(s.fatalities));
  if (e.fatalities_max > e.fatalities_min)
    std::printf(" (reports range %lld..%lld)", static_cast<long long>(e.fatalities_min),
                static_cast<long long>(e.fatalities_max));
  std::printf("\n  modality  %s\n  reports   %lld sentences in %lld documents\n", s.modality.c_str(),
              static_cast<long long>(e.mentions), static_cast<long long>(e.sources));
  std::printf("  evidence  %s\n", store::MarkTrigger(s).c_str());
  for (size_t i = 0; i < sources.size(); ++i) {
    const store::EventSource& src = sources[i];
    const store::Mention& m = src.mention;
    std::printf("\nreport %zu: document %lld%s%s%s%s\n", i + 1, static_cast<long long>(src.document_id),
                src.title.empty() ? "" : " \"", src.title.c_str(), src.title.empty() ? "" : "\"",
                src.published.empty() ? "" : (" published " + src.published).c_str());
    if (!src.url.empty()) std::printf("  url       %s\n", src.url.c_str());
    if (src.url.empty() && !src.origin.empty()) std::printf("  file      %s\n", src.origin.c_str());
    std::printf("  sentence  %lld: %s\n", static_cast<long long>(m.sentence), store::MarkTrigger(m).c_str());
    std::printf("  reads     %s, %s .. %s (%s%s%s), %s%s%s\n", m.sub_event_type.c_str(),
                m.date_start.c_str(), m.date_end.c_str(), m.date_precision.c_str(),
                m.date_text.empty() ? "" : " from \"", (m.date_text.empty() ? "" : m.date_text + "\"").c_str(),
                m.place.name.empty() ? "no place" : m.place.name.c_str(),
                m.place_text.empty() ? "" : " from \"", (m.place_text.empty() ? "" : m.place_text + "\"").c_str());
    std::printf("  merge     %s\n", src.merge_note.c_str());
  }
  return kExitOk;
}

void ControlCommand::Register(CLI::App& app) {
  app.add_option("place", place_, "a place name in any spelling, or a GeoNames id");
  app.add_option("--db", db_, "database: a SQLite file or postgresql://...");
  app.add_option("--at", at_, "a date (YYYY-MM-DD): who held each place on that day");
  app.add_option("--country", country_, "with --at: only places of this country (ISO alpha-2)");
  app.add_option("--bbox", bbox_, "with --at: only places inside MIN_LON,MIN_LAT,MAX_LON,MAX_LAT");
  app.add_flag("--json", json_, "write JSON, one period a line");
}

int ControlCommand::Run(const GlobalOptions& global) const {
  if (place_.empty() == at_.empty()) {
    std::fprintf(stderr, "frontline control: give a PLACE, or --at DATE (with --country CC)\n");
    return kExitUsage;
  }
  if (!at_.empty() && !time::ParseIsoDate(at_)) {
    std::fprintf(stderr, "frontline control: not a date (YYYY-MM-DD): %s\n", at_.c_str());
    return kExitUsage;
  }
  const std::unique_ptr<store::Store> opened = OpenStore(db_);
  if (opened == nullptr) return kExitUsage;
  store::Store& db = *opened;
  Result<std::vector<store::ControlPeriod>> periods = std::vector<store::ControlPeriod>();
  if (!place_.empty()) {
    // The gazetteer knows the name's other spellings: "Maarat al-Numan" finds the place
    // stored as "Ma‘arrat an Nu‘mān".
    std::vector<int64_t> ids;
    if (auto gazetteer = MaybeGazetteer(global)) {
      for (const auto& match : gazetteer->Lookup(place_, "", 5))
        if (match.place.id > 0) ids.push_back(match.place.id);
    }
    periods = db.ControlOf(place_, ids);
  } else {
    std::string country = country_;
    for (char& c : country) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const std::optional<std::array<double, 4>> box = server::ParseBox(bbox_);
    if (!bbox_.empty() && !box) {
      std::fprintf(stderr, "frontline control: --bbox wants MIN_LON,MIN_LAT,MAX_LON,MAX_LAT, got %s\n",
                   bbox_.c_str());
      return kExitUsage;
    }
    periods = db.ControlAt(at_, country, box);
  }
  if (!periods.ok()) {
    std::fprintf(stderr, "frontline: %s\n", periods.status().message().c_str());
    return kExitSomeFailed;
  }
  if (periods.value().empty()) {
    std::fprintf(stderr, "frontline control: no control changes recorded for %s\n",
                 place_.empty() ? (at_ + (country_.empty() ? "" : " in " + country_)).c_str()
                                : ("\"" + place_ + "\"").c_str());
    return kExitSomeFailed;
  }
  std::string last_place;
  for (const store::ControlPeriod& c : periods.value()) {
    if (json_) {
      std::printf("%s\n", pipeline::ToJsonLine(store::ControlToJson(c)).c_str());
      continue;
    }
    if (c.place.key != last_place) {
      std::printf("%s%s (%s%s%s)\n", last_place.empty() ? "" : "\n", c.place.name.c_str(),
                  c.place.admin1.c_str(), c.place.admin1.empty() ? "" : ", ", c.place.country.c_str());
      last_place = c.place.key;
    }
    std::string when = c.since;
    if (c.since_precision != "day" && c.since_end != c.since) when += " .. " + c.since_end;
    std::printf("  from %s%s: %s (%s%s)\n", when.c_str(), c.until.empty() ? "" : (" until " + c.until).c_str(),
                c.holder.empty() ? "an unnamed non-state group" : c.holder.name.c_str(),
                c.change.c_str(), c.modality == "fact" ? "" : (", " + c.modality).c_str());
    std::printf("    event %lld: %s\n", static_cast<long long>(c.event_id), c.evidence.c_str());
    if (!c.source.empty()) std::printf("    source: %s\n", c.source.c_str());
  }
  return kExitOk;
}

}  // namespace frontline::cli
