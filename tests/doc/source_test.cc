// Sources: directories, files, feeds, format sniffing and the problems they report.
#include "doc/source.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "testing.h"

namespace frontline::doc {
namespace {

namespace fs = std::filesystem;

using testing::TempDir;

struct Problem {
  std::string where, what;
};

struct Collected {
  std::vector<RawDocument> documents;
  std::vector<Problem> problems;
  size_t returned = 0;
};

Collected Read(const std::vector<std::string>& inputs, const SourceOptions& options = {}) {
  Collected c;
  c.returned = ReadSources(
      inputs, options, [&](RawDocument&& raw) { c.documents.push_back(std::move(raw)); },
      [&](const std::string& where, const std::string& what) {
        c.problems.push_back({where, what});
      });
  return c;
}

std::string Describe(const Collected& c) {
  std::string out;
  for (const RawDocument& d : c.documents) out += "\n  document " + d.Where();
  for (const Problem& p : c.problems) out += "\n  problem " + p.where + ": " + p.what;
  return out;
}

TEST(ReadSourcesTest, DirectoryWalkedInSortedOrderWithoutHiddenEntries) {
  TempDir dir;
  dir.Write("b.txt", "Second file.");
  dir.Write("a/c.txt", "Nested file.");
  dir.Write("a/.hidden.txt", "Hidden file.");
  dir.Write(".git/config", "[core]");
  dir.Write("z.html", "<!DOCTYPE html><html><body><p>Page.</p></body></html>");
  dir.Write("a/b/d.txt", "Deeper file.");
  const Collected c = Read({dir.path()});
  EXPECT_TRUE(c.problems.empty()) << Describe(c);
  std::vector<std::string> origins;
  for (const RawDocument& d : c.documents) origins.push_back(d.origin);
  const std::vector<std::string> want = {dir.path() + "/a/b/d.txt", dir.path() + "/a/c.txt",
                                         dir.path() + "/b.txt", dir.path() + "/z.html"};
  EXPECT_EQ(origins, want);
  ASSERT_EQ(c.documents.size(), 4u);
  EXPECT_EQ(c.documents[2].format, Format::kText);
  EXPECT_EQ(c.documents[2].bytes, "Second file.");
  EXPECT_EQ(c.documents[2].line, 0u);
  EXPECT_EQ(c.documents[3].format, Format::kHtml);
}

TEST(ReadSourcesTest, InputsReadInTheOrderGiven) {
  TempDir dir;
  const std::string b = dir.Write("b.txt", "Bee.");
  const std::string a = dir.Write("a.txt", "Ay.");
  const Collected c = Read({b, a});
  ASSERT_EQ(c.documents.size(), 2u) << Describe(c);
  EXPECT_EQ(c.documents[0].origin, b);
  EXPECT_EQ(c.documents[1].origin, a);
}

TEST(ReadSourcesTest, FeedWithMalformedLineYieldsTheGoodRecords) {
  TempDir dir;
  const std::string feed = dir.Write(
      "feed.jsonl",
      "{\"id\": \"first\", \"title\": \"Dam held\", \"text\": \"Fighters held the dam.\"}\n"
      "{\"id\": \"broken\", \"text\": \"no closing brace\"\n"
      "\n"
      "{\"id\": 42, \"url\": \"https://news.example/a\", \"html\": \"<p>Shelling "
      "resumed.</p>\"}\n");
  const Collected c = Read({feed});
  ASSERT_EQ(c.documents.size(), 2u) << Describe(c);
  EXPECT_EQ(c.documents[0].id, "first");
  EXPECT_EQ(c.documents[0].line, 1u);
  EXPECT_EQ(c.documents[0].origin, feed);
  EXPECT_EQ(c.documents[0].title, "Dam held");
  EXPECT_EQ(c.documents[0].format, Format::kText);
  EXPECT_EQ(c.documents[0].bytes, "Fighters held the dam.");
  EXPECT_EQ(c.documents[0].Where(), feed + ":1");
  EXPECT_EQ(c.documents[1].id, "42");  // a number id is carried as a string
  EXPECT_EQ(c.documents[1].line, 4u);
  EXPECT_EQ(c.documents[1].url, "https://news.example/a");
  EXPECT_EQ(c.documents[1].format, Format::kHtml);
  ASSERT_EQ(c.problems.size(), 1u) << Describe(c);
  EXPECT_EQ(c.problems[0].where, feed + ":2");
  EXPECT_TRUE(c.problems[0].what.starts_with("malformed JSON: ")) << c.problems[0].what;
  EXPECT_EQ(c.returned, 1u);
}

TEST(ReadSourcesTest, RecordWithoutContentIsAProblem) {
  TempDir dir;
  const std::string feed = dir.Write("feed.jsonl",
                                     "{\"id\": \"a\", \"title\": \"No body\"}\n"
                                     "{\"id\": \"b\", \"text\": \"Body.\"}\n");
  const Collected c = Read({feed});
  ASSERT_EQ(c.documents.size(), 1u) << Describe(c);
  EXPECT_EQ(c.documents[0].id, "b");
  ASSERT_EQ(c.problems.size(), 1u) << Describe(c);
  EXPECT_EQ(c.problems[0].where, feed + ":1");
}

TEST(ReadSourcesTest, MissingFileIsAProblemAndReadingGoesOn) {
  TempDir dir;
  const std::string missing = dir.path() + "/nowhere.txt";
  const std::string present = dir.Write("here.txt", "Present.");
  const Collected c = Read({missing, present});
  ASSERT_EQ(c.problems.size(), 1u) << Describe(c);
  EXPECT_EQ(c.problems[0].where, missing);
  EXPECT_NE(c.problems[0].what.find("no such file or directory"), std::string::npos)
      << c.problems[0].what;
  ASSERT_EQ(c.documents.size(), 1u);
  EXPECT_EQ(c.documents[0].origin, present);
  EXPECT_EQ(c.returned, 1u);
}

TEST(ReadSourcesTest, FileLargerThanTheLimitIsAProblem) {
  TempDir dir;
  const std::string big = dir.Write("big.txt", std::string(500, 'x'));
  const std::string small = dir.Write("small.txt", "Small.");
  SourceOptions options;
  options.max_document_bytes = 100;
  const Collected c = Read({big, small}, options);
  ASSERT_EQ(c.problems.size(), 1u) << Describe(c);
  EXPECT_EQ(c.problems[0].where, big);
  EXPECT_NE(c.problems[0].what.find("100"), std::string::npos) << c.problems[0].what;
  EXPECT_NE(c.problems[0].what.find("limit"), std::string::npos) << c.problems[0].what;
  ASSERT_EQ(c.documents.size(), 1u);
  EXPECT_EQ(c.documents[0].origin, small);
}

TEST(ReadSourcesTest, FeedLineLargerThanTheLimitIsAProblem) {
  TempDir dir;
  const std::string feed =
      dir.Write("feed.jsonl", "{\"id\": \"long\", \"text\": \"" + std::string(300, 'y') + "\"}\n" +
                                  "{\"id\": \"short\", \"text\": \"Short.\"}\n");
  SourceOptions options;
  options.max_document_bytes = 100;
  const Collected c = Read({feed}, options);
  ASSERT_EQ(c.problems.size(), 1u) << Describe(c);
  EXPECT_EQ(c.problems[0].where, feed + ":1");
  EXPECT_NE(c.problems[0].what.find("100"), std::string::npos) << c.problems[0].what;
  ASSERT_EQ(c.documents.size(), 1u);
  EXPECT_EQ(c.documents[0].id, "short");
}

TEST(ReadSourcesTest, FeedStreamsRecordsAcrossReadChunks) {
  // Records longer than the reader's 64 KiB chunks, one of them over the limit, and a last
  // line without a newline.
  TempDir dir;
  const std::string ok_long = "{\"id\": \"a\", \"text\": \"" + std::string(150000, 'a') + "\"}\n";
  const std::string too_long = "{\"id\": \"b\", \"text\": \"" + std::string(300000, 'b') + "\"}\n";
  const std::string last = "{\"id\": \"c\", \"text\": \"Last.\"}";
  const std::string feed = dir.Write("big.jsonl", ok_long + too_long + last);
  SourceOptions options;
  options.max_document_bytes = 200000;
  const Collected c = Read({feed}, options);
  ASSERT_EQ(c.problems.size(), 1u) << Describe(c);
  EXPECT_EQ(c.problems[0].where, feed + ":2");
  EXPECT_NE(c.problems[0].what.find(std::to_string(too_long.size() - 1)), std::string::npos)
      << c.problems[0].what;
  ASSERT_EQ(c.documents.size(), 2u) << Describe(c);
  EXPECT_EQ(c.documents[0].id, "a");
  EXPECT_EQ(c.documents[0].bytes.size(), 150000u);
  EXPECT_EQ(c.documents[1].id, "c");
  EXPECT_EQ(c.documents[1].line, 3u);
}

TEST(ReadSourcesTest, ForcedFormatAppliesToEveryInput) {
  TempDir dir;
  const std::string page = dir.Write("page.html", "<p>Not read as HTML.</p>");
  SourceOptions options;
  options.format = Format::kText;
  const Collected c = Read({page}, options);
  ASSERT_EQ(c.documents.size(), 1u) << Describe(c);
  EXPECT_EQ(c.documents[0].format, Format::kText);
}

TEST(SniffFormatTest, Table) {
  struct Row {
    std::string_view name;
    std::string_view head;
    Format want;
  };
  const std::vector<Row> rows = {
      {"feed.jsonl", "", Format::kJsonl},
      {"feed.ndjson", "", Format::kJsonl},
      {"FEED.JSONL", "", Format::kJsonl},
      {"page.html", "", Format::kHtml},
      {"page.htm", "Plain words.", Format::kHtml},
      {"page.xhtml", "", Format::kHtml},
      {"notes.txt", "<!DOCTYPE html><html>", Format::kText},  // the extension decides first
      {"noext", "{\"id\": 1, \"text\": \"x\"}", Format::kJsonl},
      {"noext", "  \n{\"id\": 1}", Format::kJsonl},
      {"", "<!DOCTYPE html><html><head>", Format::kHtml},
      {"", "<html lang=\"en\"><body>", Format::kHtml},
      {"", "Shelling resumed at dawn.", Format::kText},
      // A brace first is no feed unless the first line is a whole object.
      {"noext", "{Editor's note} The army shelled the town.", Format::kText},
      {"pretty.json", "{\n  \"id\": \"p\",\n  \"text\": \"A.\"\n}\n", Format::kText},
      {"", "", Format::kText},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(SniffFormat(row.name, row.head), row.want)
        << "name [" << row.name << "] head [" << row.head << "]";
  }
}

TEST(ParseFeedLineTest, Table) {
  struct Row {
    std::string_view line;
    bool ok;
    std::string_view id;
    Format format;
    std::string_view bytes;
    std::string_view message_has;  // on failure
  };
  const std::vector<Row> rows = {
      {R"({"id": "x", "text": "Hello."})", true, "x", Format::kText, "Hello.", ""},
      {R"({"id": 7, "html": "<p>Hi</p>"})", true, "7", Format::kHtml, "<p>Hi</p>", ""},
      {R"({"id": 12345678901, "text": "Big id."})", true, "12345678901", Format::kText, "Big id.",
       ""},
      {R"({"text": "No id."})", true, "", Format::kText, "No id.", ""},
      {R"({"id": null, "text": "Null id."})", true, "", Format::kText, "Null id.", ""},
      {R"({"id": "x"})", false, "", Format::kAuto, "", "text"},
      {R"({"id": "x", "text": ""})", false, "", Format::kAuto, "", "text"},
      {R"({"id": "x", "text": 5})", false, "", Format::kAuto, "", "text"},
      {R"({"id": 1.5, "text": "a"})", false, "", Format::kAuto, "", "id"},
      {R"({"id": "x", "title": ["a"], "text": "a"})", false, "", Format::kAuto, "", "title"},
      {R"([1, 2])", false, "", Format::kAuto, "", "object"},
      {R"(not json)", false, "", Format::kAuto, "", "malformed JSON"},
      {R"({"id": "x", "text": "unterminated)", false, "", Format::kAuto, "", "malformed JSON"},
  };
  for (const Row& row : rows) {
    RawDocument raw;
    const Status s = ParseFeedLine(row.line, raw);
    if (!row.ok) {
      ASSERT_FALSE(s.ok()) << "[" << row.line << "] parsed";
      EXPECT_NE(s.message().find(row.message_has), std::string::npos)
          << "[" << row.line << "]: " << s.message();
      continue;
    }
    ASSERT_TRUE(s.ok()) << "[" << row.line << "]: " << s.message();
    EXPECT_EQ(raw.id, row.id) << row.line;
    EXPECT_EQ(raw.format, row.format) << row.line;
    EXPECT_EQ(raw.bytes, row.bytes) << row.line;
  }
}

TEST(ParseFeedLineTest, MetadataFields) {
  RawDocument raw;
  const Status s = ParseFeedLine(
      R"({"id": "m1", "url": "https://news.example/m1", "title": "Port shelled", "published": "2024-05-12T08:00:00Z", "text": "Body."})",
      raw);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(raw.url, "https://news.example/m1");
  EXPECT_EQ(raw.title, "Port shelled");
  EXPECT_EQ(raw.published, "2024-05-12T08:00:00Z");
}

}  // namespace
}  // namespace frontline::doc
