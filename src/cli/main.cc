// frontline: news about armed conflict in, a structured record of events out.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "cli/commands.h"

int main(int argc, char** argv) {
  using namespace frontline::cli;
  CLI::App app{
      "frontline: reads news about armed conflict and writes a structured, dated "
      "record of what it reports.\n\nExit codes: 0 ok, 1 some documents failed, 2 usage."};
  app.require_subcommand(1);
  app.fallthrough();
  GlobalOptions global;
  app.add_option("--data", global.data_dir,
                 "directory of frontline's dictionaries (default: $FRONTLINE_DATA, else the source "
                 "tree's data/)");
  app.add_option("--gazetteer", global.gazetteer,
                 "gazetteer index for commands that geocode (default: $FRONTLINE_GAZETTEER, else "
                 "the index the set-up built, var/gazetteer.idx)");
  ExtractCommand extract;
  extract.Register(*app.add_subcommand(
      "extract",
      "Read documents (text, HTML pages, JSONL feeds, directories, - for stdin) and "
      "write one JSON object per document per line"));
  EvalCommand eval;
  eval.Register(*app.add_subcommand(
      "eval", "Score frontline against gold files (JSONL rows with a \"set\" field, or --task)"));
  WhenCommand when;
  when.Register(*app.add_subcommand(
      "when",
      "Print the time expressions of a text with their resolution, for checking sentences"));
  GazetteerCommand gazetteer;
  CLI::App* gazetteer_app = app.add_subcommand("gazetteer", "Build the gazetteer index");
  gazetteer_app->require_subcommand(1);
  gazetteer.Register(*gazetteer_app->add_subcommand(
      "build",
      "Compile GeoNames places (cities500 and any --add dumps), countries and first-level "
      "divisions into one index"));
  GeocodeCommand geocode;
  geocode.Register(*app.add_subcommand(
      "geocode",
      "Print the place mentions of a text with their resolution, for checking sentences"));
  IngestCommand ingest;
  ingest.Register(*app.add_subcommand(
      "ingest",
      "Run the pipeline over documents (or read `extract` output with --extracted) and store "
      "them, merging reports of the same event"));
  EventsCommand events;
  events.Register(*app.add_subcommand(
      "events", "List stored events by filter, as a table, JSONL, ACLED-layout CSV or GeoJSON"));
  ShowCommand show;
  show.Register(*app.add_subcommand("show", "Show one stored event, with --sources its reports"));
  ControlCommand control;
  control.Register(*app.add_subcommand(
      "control", "Who controlled a place since when, or every place on a date (--at)"));
  ServeCommand serve;
  serve.Register(*app.add_subcommand(
      "serve", "Serve the store's JSON API and the web map over HTTP (docs/api.md)"));
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  try {
    if (app.got_subcommand("extract")) return extract.Run(global);
    if (app.got_subcommand("eval")) return eval.Run(global);
    if (app.got_subcommand("when")) return when.Run(global);
    if (app.got_subcommand("gazetteer")) return gazetteer.Run(global);
    if (app.got_subcommand("geocode")) return geocode.Run(global);
    if (app.got_subcommand("ingest")) return ingest.Run(global);
    if (app.got_subcommand("events")) return events.Run(global);
    if (app.got_subcommand("show")) return show.Run(global);
    if (app.got_subcommand("control")) return control.Run(global);
    if (app.got_subcommand("serve")) return serve.Run(global);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "frontline: internal error: %s\n", e.what());
    return kExitSomeFailed;
  }
  return kExitUsage;
}
