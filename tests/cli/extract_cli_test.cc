// The frontline binary, run as a user runs it: exit codes, JSON lines on stdout, one
// "file: message" line on stderr per bad input, and the batch going on after errors.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "testing.h"

namespace frontline {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using testing::TempDir;

std::string ShellQuote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

struct Output {
  int exit_code = -1;
  std::string out, err;
};

// Runs the frontline binary with `args` (already shell-quoted as needed), capturing its output.
Output RunFrontline(const std::string& args) {
  const TempDir capture;
  const fs::path out = fs::path(capture.path()) / "stdout";
  const fs::path err = fs::path(capture.path()) / "stderr";
  // Standard input is /dev/null unless `args` redirects it (the later redirection wins).
  const std::string command = ShellQuote(testing::FrontlineBinary()) + " </dev/null " + args +
                              " >" + ShellQuote(out.string()) + " 2>" + ShellQuote(err.string());
  const int status = std::system(command.c_str());
  Output o;
  o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  o.out = Slurp(out);
  o.err = Slurp(err);
  return o;
}

std::string DataFlag() { return "--data " + ShellQuote(testing::DataDir()); }

TEST(FrontlineCliTest, HelpAndUsage) {
  struct Row {
    std::string_view description;
    std::string args;
    int exit_code;
    std::string_view mentions;  // in stdout or stderr
  };
  const std::vector<Row> rows = {
      {"--help", "--help", 0, "extract"},
      {"extract --help", "extract --help", 0, "--format"},
      {"eval --help", "eval --help", 0, "--task"},
      {"unknown option", "extract --no-such-option", 2, "no-such-option"},
      {"unknown global option", "--no-such-option extract", 2, ""},
      {"no subcommand", "", 2, ""},
      {"bad --format value", "extract --format pdf", 2, ""},
  };
  for (const Row& row : rows) {
    const Output o = RunFrontline(row.args);
    EXPECT_EQ(o.exit_code, row.exit_code) << row.description << "\nstderr: " << o.err;
    if (!row.mentions.empty()) {
      EXPECT_NE((o.out + o.err).find(row.mentions), std::string::npos)
          << row.description << " does not mention " << row.mentions << "\nstdout: " << o.out
          << "\nstderr: " << o.err;
    }
  }
}

constexpr std::string_view kGoodArticle =
    "Army retakes river crossing after two days of fighting\n"
    "\n"
    "Government troops retook the main river crossing south of the city on Wednesday after two "
    "days of fighting with an armed group, local officials said.\n"
    "\n"
    "At least nine fighters and two civilians were killed, according to a hospital director. The "
    "bridge itself was damaged but remained open to traffic.\n";

// Checks one JSON line of `extract` output and returns it parsed.
json CheckRecord(const std::string& line) {
  const json j = json::parse(line, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << "not JSON: " << line;
  if (j.is_discarded()) return j;
  EXPECT_TRUE(j.contains("id") && j["id"].is_string()) << line;
  EXPECT_TRUE(j.contains("text") && j["text"].is_string()) << line;
  EXPECT_TRUE(j.contains("sentences") && j["sentences"].is_array()) << line;
  if (!j.contains("text") || !j["text"].is_string() || !j.contains("sentences")) return j;
  const std::string text = j["text"].get<std::string>();
  for (const json& s : j["sentences"]) {
    const size_t start = s.value("start", size_t{0});
    const size_t end = s.value("end", size_t{0});
    EXPECT_LT(start, end) << s.dump();
    EXPECT_LE(end, text.size()) << s.dump();
    if (start < end && end <= text.size()) {
      // start and end are byte offsets into "text".
      EXPECT_EQ(text.substr(start, end - start), s.value("text", "")) << s.dump();
    }
  }
  return j;
}

TEST(FrontlineCliTest, ExtractBatchWithBadInputs) {
  const TempDir dir;
  const std::string good = dir.Write("good.txt", kGoodArticle);
  const std::string empty = dir.Write("empty.txt", "");
  const std::string binary =
      dir.Write("binary.dat", std::string("\x7F"
                                          "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
                                          16));
  const std::string broken = dir.Write(
      "broken.txt", "Les troupes sont entrées dans la ville.\nLe préfet a parlé \xC3 midi.\n");
  const std::string truncated = dir.Write(
      "truncated.html",
      "<!DOCTYPE html><html lang=\"en\"><head><title>Dam attacked</title></head><body><article>"
      "<p>Drones struck the dam on the eastern river twice on Thursday night, engineers said, "
      "damaging the gates of the spillway.</p><p>Water levels downstream rose by a metre by mor");
  const std::string feed = dir.Write("feed.jsonl",
                                     "{\"id\": \"feed-1\", \"text\": \"Shelling resumed in the old "
                                     "town on Friday, residents said.\"}\n"
                                     "{\"id\": \"feed-2\", \"text\": \n"
                                     "{\"id\": \"feed-3\", \"text\": \"Aid trucks crossed the "
                                     "border at dawn, the agency said.\"}\n");

  const Output o = RunFrontline(DataFlag() + " extract " + ShellQuote(dir.path()));
  EXPECT_EQ(o.exit_code, 1) << "stderr:\n" << o.err;

  // stdout: one JSON line per document that could be read.
  std::vector<std::string> ids;
  std::vector<json> records;
  for (const std::string& line : Lines(o.out)) {
    records.push_back(CheckRecord(line));
    if (records.back().is_object()) ids.push_back(records.back().value("id", ""));
  }
  const std::vector<std::string> want_ids = {"feed-1", "feed-3", good, truncated};
  EXPECT_EQ(ids, want_ids) << "stdout:\n" << o.out;
  for (const json& r : records) {
    if (!r.is_object()) continue;
    const std::string id = r.value("id", "");
    const std::string text = r.value("text", "");
    if (id == good) {
      EXPECT_EQ(r.value("title", ""), "Army retakes river crossing after two days of fighting");
      EXPECT_NE(text.find("retook the main river crossing"), std::string::npos) << text;
      EXPECT_GE(r["sentences"].size(), 3u) << r["sentences"].dump();
      EXPECT_TRUE(r.value("complete", false));
    }
    if (id == truncated) {
      EXPECT_FALSE(r.value("complete", true)) << "a truncated page is not complete";
      EXPECT_NE(text.find("Drones struck the dam"), std::string::npos) << text;
    }
    if (id == "feed-3") {
      EXPECT_NE(text.find("Aid trucks crossed"), std::string::npos) << text;
    }
  }

  // stderr: every line names a file ("path: message" or "path:line: message"); each bad input
  // is named, the good ones are not.
  const std::vector<std::string> err_lines = Lines(o.err);
  for (const std::string& line : err_lines) {
    EXPECT_TRUE(line.starts_with(dir.path() + "/")) << "stderr line names no input: " << line;
  }
  auto lines_naming = [&](const std::string& prefix) {
    std::vector<std::string> out;
    for (const std::string& line : err_lines)
      if (line.starts_with(prefix)) out.push_back(line);
    return out;
  };
  struct Bad {
    std::string prefix;
    std::string_view mentions;
  };
  const std::vector<Bad> bad = {
      {empty + ": ", "empty"},
      {binary + ": ", "binary"},
      {broken + ": ", "invalid UTF-8 at line 2"},
      {truncated + ": ", "truncated"},
      {feed + ":2: ", "malformed JSON"},
  };
  for (const Bad& b : bad) {
    const std::vector<std::string> named = lines_naming(b.prefix);
    ASSERT_EQ(named.size(), 1u) << "want one stderr line starting [" << b.prefix << "]\nstderr:\n"
                                << o.err;
    EXPECT_NE(named[0].find(b.mentions), std::string::npos) << named[0];
  }
  EXPECT_TRUE(lines_naming(good).empty()) << o.err;
  EXPECT_TRUE(lines_naming(feed + ":1").empty()) << o.err;
  EXPECT_TRUE(lines_naming(feed + ":3").empty()) << o.err;
  EXPECT_EQ(err_lines.size(), bad.size()) << o.err;
}

TEST(FrontlineCliTest, ExtractMissingInputGoesOnWithTheOthers) {
  const TempDir dir;
  const std::string good = dir.Write("good.txt", kGoodArticle);
  const std::string missing = dir.path() + "/missing.txt";
  const Output o =
      RunFrontline(DataFlag() + " extract " + ShellQuote(missing) + " " + ShellQuote(good));
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_TRUE(o.err.starts_with(missing + ": ")) << o.err;
  const std::vector<std::string> lines = Lines(o.out);
  ASSERT_EQ(lines.size(), 1u) << o.out;
  EXPECT_EQ(CheckRecord(lines[0]).value("id", ""), good);
}

TEST(FrontlineCliTest, ExtractExamplesSucceeds) {
  const fs::path examples = fs::path(testing::SourceDir()) / "examples";
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(examples))
    if (entry.path().extension() == ".txt") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty()) << "no examples/*.txt";
  std::string args = DataFlag() + " extract";
  for (const std::string& f : files) {
    args += ' ';
    args += ShellQuote(f);
  }
  const Output o = RunFrontline(args);
  EXPECT_EQ(o.exit_code, 0) << "stderr:\n" << o.err;
  EXPECT_TRUE(o.err.empty()) << o.err;
  const std::vector<std::string> lines = Lines(o.out);
  ASSERT_EQ(lines.size(), files.size()) << o.out;
  for (size_t i = 0; i < lines.size(); ++i) {
    const json j = CheckRecord(lines[i]);
    EXPECT_EQ(j.value("id", ""), files[i]);
    EXPECT_FALSE(j.value("sentences", json::array()).empty()) << files[i];
  }
}

TEST(FrontlineCliTest, ExtractGivesTheSameBytesForAnyNumberOfThreads) {
  const std::string examples = ShellQuote((fs::path(testing::SourceDir()) / "examples").string());
  const Output one = RunFrontline(DataFlag() + " extract -j 1 " + examples);
  ASSERT_EQ(one.exit_code, 0) << one.err;
  ASSERT_GT(Lines(one.out).size(), 5u);
  for (const char* jobs : {"2", "3", "8"}) {
    const Output many = RunFrontline(DataFlag() + " extract -j " + jobs + " " + examples);
    EXPECT_EQ(many.exit_code, 0) << many.err;
    EXPECT_EQ(many.out, one.out) << "-j " << jobs;
  }
}

TEST(FrontlineCliTest, ExtractReadsCompressedStandardInput) {
  const TempDir dir;
  const std::string good = dir.Write("good.txt", kGoodArticle);
  // gzip from Debian's gzip package (part of every Debian system).
  ASSERT_EQ(std::system(("gzip -c " + ShellQuote(good) + " > " + ShellQuote(good + ".gz")).c_str()), 0);
  const Output o = RunFrontline(DataFlag() + " extract - < " + ShellQuote(good + ".gz"));
  EXPECT_EQ(o.exit_code, 0) << o.err;
  ASSERT_EQ(Lines(o.out).size(), 1u) << o.out << o.err;
  EXPECT_NE(CheckRecord(Lines(o.out)[0]).value("text", "").find("retook the main river crossing"),
            std::string::npos);
}

TEST(FrontlineCliTest, ExtractFromStandardInput) {
  const TempDir dir;
  const std::string good = dir.Write("good.txt", kGoodArticle);
  const std::string command = DataFlag() + " extract - < " + ShellQuote(good);
  const Output o = RunFrontline(command);
  EXPECT_EQ(o.exit_code, 0) << o.err;
  const std::vector<std::string> lines = Lines(o.out);
  ASSERT_EQ(lines.size(), 1u) << o.out;
  const json j = CheckRecord(lines[0]);
  EXPECT_EQ(j.value("id", ""), "-");
  EXPECT_NE(j.value("text", "").find("retook the main river crossing"), std::string::npos);
}

TEST(FrontlineCliTest, WhenResolvesASentence) {
  const Output o = RunFrontline(
      DataFlag() + " when " +
      ShellQuote(
          "Rebels entered the town on Tuesday, January 28, and have held it since December.") +
      " --published 2020-01-30 --json");
  ASSERT_EQ(o.exit_code, 0) << o.err;
  const std::vector<std::string> lines = Lines(o.out);
  ASSERT_EQ(lines.size(), 2u) << o.out;
  const json day = json::parse(lines[0]);
  EXPECT_EQ(day["text"], "Tuesday, January 28");
  EXPECT_EQ(day["resolved"]["start"], "2020-01-28");
  EXPECT_EQ(day["resolved"]["precision"], "day");
  const json since = json::parse(lines[1]);
  EXPECT_EQ(since["resolved"]["start"], "2019-12-01");
  EXPECT_EQ(since["resolved"]["end"], "2020-01-30");
  EXPECT_EQ(since["resolved"]["precision"], "range");
}

TEST(FrontlineCliTest, WhenRejectsABadPublicationDate) {
  const Output o = RunFrontline(DataFlag() + " when yesterday --published 2020-13-45");
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.err.find("--published"), std::string::npos) << o.err;
}

TEST(FrontlineCliTest, EvalWithAnUnknownTaskIsAUsageError) {
  const Output o = RunFrontline(DataFlag() + " eval --task nonesuch /dev/null");
  EXPECT_EQ(o.exit_code, 2) << o.err;
  EXPECT_NE(o.err.find("--task"), std::string::npos) << o.err;
}

}  // namespace
}  // namespace frontline
