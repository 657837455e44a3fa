// Subcommands of the frontline binary. Each registers its options on a CLI11 app and runs
// after parsing; Run returns the process exit code (see docs/cli.md):
//   0  every document read,
//   1  some documents or rows failed (each reported on stderr as "file:line: what"),
//   2  usage error or a missing resource (dictionary, gold file format).
#ifndef FRONTLINE_CLI_COMMANDS_H_
#define FRONTLINE_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"

namespace frontline::cli {

constexpr int kExitOk = 0;
constexpr int kExitSomeFailed = 1;
constexpr int kExitUsage = 2;

struct GlobalOptions {
  std::string data_dir;   // --data
  std::string gazetteer;  // --gazetteer
};

// Opens the gazetteer for commands that geocode: --gazetteer, $FRONTLINE_GAZETTEER or the
// set-up's index. A missing index is an error when `required` or when named explicitly;
// otherwise a note on stderr, and the command runs without places. False on error (reported).
bool OpenGazetteer(pipeline::Resources& resources, const GlobalOptions& global, bool required);

// What a command needs of the gazetteer, for LoadResources.
enum class Places { kNone, kIfAvailable, kRequired };

// The dictionaries of --data, with the gazetteer opened as OpenGazetteer opens it (required
// when kRequired; not opened when kNone). Null after reporting what failed on stderr.
std::unique_ptr<pipeline::Resources> LoadResources(const GlobalOptions& global, Places places);

// The gazetteer alone, for commands that only look up names: null when none was named and
// there is none at the set-up's path, or when it cannot be opened. With `failed`, an index
// that cannot be opened is reported on stderr and *failed set.
std::unique_ptr<geo::Gazetteer> MaybeGazetteer(const GlobalOptions& global, bool* failed = nullptr);

class GazetteerCommand {
 public:
  void Register(CLI::App& app);
  int Run(const GlobalOptions& global) const;

 private:
  std::vector<std::string> add_;
  std::string out_;
  std::string cities_, countries_, divisions_, words_ = "/usr/share/dict/words";
  bool no_default_ = false;
};

class GeocodeCommand {
 public:
  void Register(CLI::App& app);
  int Run(const GlobalOptions& global) const;

 private:
  std::string text_;
  bool file_ = false;
  bool json_ = false;
  bool explain_ = false;
};

class ExtractCommand {
 public:
  void Register(CLI::App& app);
  int Run(const GlobalOptions& global) const;

 private:
  std::vector<std::string> inputs_;
  std::string format_ = "auto";
  bool tokens_ = false;
  size_t max_bytes_ = size_t{64} << 20;
  size_t jobs_ = 0;
};

class EvalCommand {
 public:
  void Register(CLI::App& app);
  int Run(const GlobalOptions& global) const;

 private:
  std::vector<std::string> files_;
  std::string task_;
  bool json_ = false;
  std::string predictions_;
};

class WhenCommand {
 public:
  void Register(CLI::App& app);
  int Run(const GlobalOptions& global) const;

 private:
  std::string text_;
  std::string published_;
  bool json_ = false;
};

class IngestCommand {
 public:
  void Register(CLI::App& app);
  int Run(const GlobalOptions& global) const;

 private:
  std::vector<std::string> inputs_;
  std::string db_;
  std::string format_ = "auto";
  bool extracted_ = false;
  size_t batch_ = 500;
  size_t jobs_ = 0;
  size_t max_bytes_ = size_t{64} << 20;
  double lock_timeout_ = 60;
  std::string progress_ = "auto";
};

class EventsCommand {
 public:
  void Register(CLI::App& app);
  int Run(const GlobalOptions& global) const;

 private:
  std::string db_;
  std::vector<std::string> countries_;
  std::string admin1_, near_, place_, bbox_, from_, to_, actor_, text_, after_;
  double radius_ = 25;
  std::vector<std::string> types_, modalities_;
  int64_t min_sources_ = 0;
  std::string format_ = "table";
  size_t limit_ = 100;
};

class ShowCommand {
 public:
  void Register(CLI::App& app);
  int Run(const GlobalOptions& global) const;

 private:
  int64_t id_ = 0;
  std::string db_;
  bool sources_ = false;
  bool json_ = false;
};

class ControlCommand {
 public:
  void Register(CLI::App& app);
  int Run(const GlobalOptions& global) const;

 private:
  std::string place_, db_, at_, country_, bbox_;
  bool json_ = false;
};

class ServeCommand {
 public:
  void Register(CLI::App& app);
  int Run(const GlobalOptions& global) const;

 private:
  std::string db_;
  std::string bind_ = "127.0.0.1";
  int port_ = 8080;
  size_t threads_ = 0;
  std::string web_;
  bool allow_ingest_ = false;
  size_t max_body_ = size_t{16} << 20;
  int timeout_ = 10;
  double query_timeout_ = 10;
  std::string cors_;
  bool log_ = false;
  size_t cache_mb_ = 256;
};

}  // namespace frontline::cli

#endif  // FRONTLINE_CLI_COMMANDS_H_
