// Plain-text reader: headlines, hard-wrapped prose, scraped pages with one paragraph a line.
#include "doc/text_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "testing.h"

namespace frontline::doc {
namespace {

std::vector<std::string> Paragraphs(const Document& d) {
  std::vector<std::string> out;
  for (const Paragraph& p : d.paragraphs) out.emplace_back(p.span.Of(d.text));
  return out;
}

struct Row {
  std::string_view description;
  std::string_view text;
  std::string_view title;
  std::vector<std::string> paragraphs;
};

TEST(ReadTextTest, Table) {
  const std::vector<Row> rows = {
      {"headline line becomes the title",
       "Shelling resumes in the north\n\n"
       "Artillery fire hit three villages overnight, local officials said on Tuesday.",
       "Shelling resumes in the north",
       {"Artillery fire hit three villages overnight, local officials said on Tuesday."}},
      {"a first line that is a sentence is not a title",
       "Artillery fire hit three villages overnight, local officials said on Tuesday.\n\n"
       "Two schools were damaged.",
       "",
       {"Artillery fire hit three villages overnight, local officials said on Tuesday.",
        "Two schools were damaged."}},
      {"hard-wrapped paragraph lines are joined",
       "Government troops advanced along the river road on Monday after\n"
       "several days of air strikes on the villages that line the valley,\n"
       "according to a monitoring group and to residents who reached the\n"
       "city by bus.",
       "",
       {"Government troops advanced along the river road on Monday after several days of air "
        "strikes on the villages that line the valley, according to a monitoring group and to "
        "residents who reached the city by bus."}},
      {"one paragraph a line is kept line by line",
       "The convoy left the capital at dawn with forty trucks of flour and medicine.\n"
       "It reached the first checkpoint shortly before noon, drivers said.\n"
       "Soldiers searched every vehicle and turned back two of them.\n",
       "",
       {"The convoy left the capital at dawn with forty trucks of flour and medicine.",
        "It reached the first checkpoint shortly before noon, drivers said.",
        "Soldiers searched every vehicle and turned back two of them."}},
      {"furniture lines removed",
       "Share this article\n"
       "The convoy left the capital at dawn with forty trucks of flour and medicine.\n"
       "Read also: Aid agencies warn of famine in the south\n"
       "Soldiers searched every vehicle and turned back two of them.\n",
       "",
       {"The convoy left the capital at dawn with forty trucks of flour and medicine.",
        "Soldiers searched every vehicle and turned back two of them."}},
      {"a short paragraph citing a news agency is news, not a photo credit",
       "The convoy left the capital at dawn with forty trucks of flour and medicine.\n"
       "Two soldiers were killed in the attack, a military source told Reuters.\n",
       "",
       {"The convoy left the capital at dawn with forty trucks of flour and medicine.",
        "Two soldiers were killed in the attack, a military source told Reuters."}},
      {"spaces inside a line are collapsed",
       "The  convoy   left at dawn with forty trucks of flour.",
       "",
       {"The convoy left at dawn with forty trucks of flour."}},
  };
  for (const Row& row : rows) {
    Document document;
    ReadText(row.text, testing::Resources().furniture, document);
    EXPECT_EQ(document.title, row.title) << row.description;
    EXPECT_EQ(Paragraphs(document), row.paragraphs) << row.description;
  }
}

TEST(ReadTextTest, GivenTitleIsKept) {
  Document document;
  document.title = "Title from the feed";
  ReadText("Shelling resumes in the north\n\nArtillery fire hit three villages overnight.",
           testing::Resources().furniture, document);
  EXPECT_EQ(document.title, "Title from the feed");
}

TEST(ReadTextTest, WhiteSpaceOnlyIsAnEmptyDocument) {
  doc::RawDocument raw;
  raw.origin = "blank.txt";
  raw.format = doc::Format::kText;
  raw.bytes = "  \n\n\t \n";
  const auto record = testing::Pipeline().Process(raw);
  ASSERT_FALSE(record.ok());
  EXPECT_NE(record.status().message().find("empty"), std::string::npos)
      << record.status().message();
}

TEST(TextBlocksTest, LinesAndGroups) {
  struct BlockRow {
    std::string_view description;
    std::string_view text;
    std::vector<std::string> blocks;
  };
  const std::vector<BlockRow> rows = {
      {"blank lines separate blocks",
       "First block here.\n\nSecond block here.",
       {"First block here.", "Second block here."}},
      {"short lines stay separate", "Menu\nHome\nWorld", {"Menu", "Home", "World"}},
      {"hard-wrapped lines are joined",
       "Government troops advanced along the river road on Monday after\n"
       "several days of air strikes on the villages that line the valley,\n"
       "according to residents.",
       {"Government troops advanced along the river road on Monday after several days of air "
        "strikes on the villages that line the valley, according to residents."}},
      {"empty text gives no block", "", {}},
  };
  for (const BlockRow& row : rows) {
    std::vector<std::string> got;
    for (const Block& b : TextBlocks(row.text)) got.push_back(b.text);
    EXPECT_EQ(got, row.blocks) << row.description;
  }
}

size_t Count(std::string_view haystack, std::string_view needle) {
  size_t n = 0;
  for (size_t pos = haystack.find(needle); pos != std::string_view::npos;
       pos = haystack.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

TEST(ReadTextTest, ScrapedNewspaperArticle) {
  const std::string path = testing::SharedDir() + "/corpus/idlib-maarat-al-numan-2020-01-28.txt";
  FRONTLINE_REQUIRE_SHARED(path);
  RawDocument raw;
  raw.origin = path;
  raw.format = Format::kText;
  raw.bytes = testing::ReadFileOrDie(path);
  const Result<pipeline::Record> record = testing::Pipeline().Process(raw);
  ASSERT_TRUE(record.ok()) << record.status().message();
  const Document& d = record.value().document;

  EXPECT_EQ(d.title, "Assad's regime advances in rebel Idlib province");
  for (std::string_view phrase : {"they entered Tuesday, January 28, in Maarat Al-Nouman",
                                  "Appetite for reconquest", "explosive barrels"}) {
    EXPECT_NE(d.text.find(phrase), std::string::npos) << "body lacks [" << phrase << "]";
  }
  for (std::string_view phrase :
       {"Read also", "LEAVE A REPLY", "Please enter", "reserved for our subscribers"}) {
    EXPECT_EQ(d.text.find(phrase), std::string::npos) << "body holds furniture [" << phrase << "]";
  }
  constexpr std::string_view kCaption = "Civilians flee the advance of Damascus troops";
  const size_t in_captions =
      std::count_if(d.captions.begin(), d.captions.end(),
                    [&](const std::string& c) { return c.find(kCaption) != std::string::npos; });
  EXPECT_EQ(in_captions, 1u) << "captions: " << ::testing::PrintToString(d.captions);
  EXPECT_EQ(Count(d.text, kCaption), 0u) << "the caption is in the body";
  for (const std::string& c : d.captions) {
    EXPECT_EQ(c.find("AFP"), std::string::npos) << "caption keeps its credit: " << c;
  }
}

}  // namespace
}  // namespace frontline::doc
