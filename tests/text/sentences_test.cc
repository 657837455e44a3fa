// Sentence splitting: the cases of sentence_cases.txt (one case a paragraph of expected
// sentences), plus a few rows about spans and degenerate inputs.
#include "text/sentences.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "testing.h"

namespace frontline::text {
namespace {

struct FileCase {
  std::string description;
  int line = 0;                        // line of the "## " header in the cases file
  std::string input;                   // the text to split, built from the expected sentences
  std::vector<std::string> sentences;  // what the splitter must return
};

constexpr std::string_view kParagraphMark = "\xC2\xB6 ";      // "¶ "
constexpr std::string_view kLineBreakMark = "\xE2\x86\xB5 ";  // "↵ "

// Parses the cases file (format documented at its top). Problems with the file itself are
// reported as test failures.
std::vector<FileCase> ParseCases(const std::string& contents) {
  std::vector<FileCase> cases;
  FileCase* current = nullptr;
  bool in_header = true;
  int line_no = 0;
  size_t pos = 0;
  while (pos <= contents.size()) {
    size_t eol = contents.find('\n', pos);
    if (eol == std::string::npos) eol = contents.size();
    std::string line = contents.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.starts_with("## ")) {
      in_header = false;
      cases.push_back(FileCase{line.substr(3), line_no, "", {}});
      current = &cases.back();
      continue;
    }
    if (in_header && (line == "#" || line.starts_with("# "))) continue;
    if (line.empty()) {
      current = nullptr;
      continue;
    }
    if (current == nullptr) {
      ADD_FAILURE() << "sentence_cases.txt:" << line_no << ": sentence outside a case: " << line;
      continue;
    }
    std::string_view separator = " ";
    std::string_view sentence = line;
    if (sentence.starts_with(kParagraphMark)) {
      separator = "\n\n";
      sentence.remove_prefix(kParagraphMark.size());
    } else if (sentence.starts_with(kLineBreakMark)) {
      separator = "\n";
      sentence.remove_prefix(kLineBreakMark.size());
    }
    if (current->sentences.empty()) {
      EXPECT_EQ(separator, " ") << "sentence_cases.txt:" << line_no
                                << ": the first sentence of a case carries a marker";
    } else {
      current->input += separator;
    }
    current->input += sentence;
    current->sentences.emplace_back(sentence);
  }
  return cases;
}

std::vector<std::string> SplitTexts(const SentenceSplitter& splitter, std::string_view input) {
  std::vector<std::string> out;
  for (const Span& s : splitter.Split(input)) out.emplace_back(s.Of(input));
  return out;
}

std::string Quoted(const std::vector<std::string>& sentences) {
  std::string out;
  for (const std::string& s : sentences) out += "\n    [" + s + "]";
  return out.empty() ? "\n    (none)" : out;
}

TEST(SentenceSplitterTest, CasesFile) {
  const std::string path = testing::SourceDir() + "/tests/text/sentence_cases.txt";
  const std::vector<FileCase> cases = ParseCases(testing::ReadFileOrDie(path));
  ASSERT_FALSE(cases.empty()) << path << " holds no cases";
  const SentenceSplitter splitter(testing::Resources().words);
  size_t passed = 0;
  for (const FileCase& c : cases) {
    const std::vector<std::string> got = SplitTexts(splitter, c.input);
    if (got == c.sentences) {
      ++passed;
      continue;
    }
    if (c.description.starts_with("[known]")) {
      std::cout << "[ SENTENCES] known limitation, sentence_cases.txt:" << c.line << ": "
                << c.description << "\n";
      continue;
    }
    ADD_FAILURE() << "sentence_cases.txt:" << c.line << ": " << c.description
                  << "\n  got:" << Quoted(got) << "\n  want:" << Quoted(c.sentences);
  }
  std::cout << "[ SENTENCES] " << passed << " of " << cases.size() << " cases pass\n";
  RecordProperty("cases_passed", static_cast<int>(passed));
  RecordProperty("cases_total", static_cast<int>(cases.size()));
}

struct SpanRow {
  std::string_view description;
  std::string_view input;
  std::vector<Span> want;  // trimmed byte spans
};

TEST(SentenceSplitterTest, Spans) {
  const std::vector<SpanRow> rows = {
      {"empty input gives no sentence", "", {}},
      {"only spaces give none", "   ", {}},
      {"only blank lines give none", "\n\n \n", {}},
      {"a single word without a period is one sentence", "Ceasefire", {{0, 9}}},
      {"spans are trimmed", "  Two killed.  Three hurt. ", {{2, 13}, {15, 26}}},
      {"offsets are bytes, not characters", "Güney fled. Ödön stayed.", {{0, 12}, {13, 27}}},
      {"a line break ends a sentence", "Shelling resumes\nResidents flee.", {{0, 16}, {17, 32}}},
  };
  const SentenceSplitter splitter(testing::Resources().words);
  for (const SpanRow& row : rows) {
    EXPECT_EQ(splitter.Split(row.input), row.want) << row.description << ": [" << row.input << "]";
  }
}

TEST(SentenceSplitterTest, RegionIsAppendedWithOffsetsIntoTheWholeText) {
  const SentenceSplitter splitter(testing::Resources().words);
  const std::string_view text = "Headline here\n\nTroops crossed. Villagers fled.";
  std::vector<Span> out = {{0, 13}};  // already holds a sentence: Split appends
  splitter.Split(text, Span{15, static_cast<uint32_t>(text.size())}, out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[1].Of(text), "Troops crossed.");
  EXPECT_EQ(out[2].Of(text), "Villagers fled.");
}

}  // namespace
}  // namespace frontline::text
