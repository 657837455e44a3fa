// Matching forms: case, accents, apostrophes and hyphens folded away.
#include "text/fold.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace frontline::text {
namespace {

struct Row {
  std::string_view input;
  std::string_view want;
};

TEST(FoldTest, RunningText) {
  const std::vector<Row> rows = {
      {"Al-Nouman", "al nouman"},
      {"al Nouman", "al nouman"},
      {"AL-NOUMAN", "al nouman"},
      {"al  Nouman", "al nouman"},
      {"  Al-Nouman  ", "al nouman"},
      {"Al\u2011Nouman", "al nouman"},  // non-breaking hyphen
      {"Al\u2010Nouman", "al nouman"},  // Unicode hyphen
      {"Al—Nouman", "al nouman"},       // em dash
      {"Hay’at Tahrir al-Cham", "hayat tahrir al cham"},
      {"Hay'at Tahrir al-Cham", "hayat tahrir al cham"},
      {"Cheïkh", "cheikh"},
      {"Ma‘arrat", "maarrat"},
      {"Maʿarrat", "maarrat"},  // U+02BF ayn
      {"Straße", "strasse"},
      {"Łódź", "lodz"},
      {"Ærø", "aero"},
      {"Œuvre", "oeuvre"},
      {"Ğazi İzmir", "gazi izmir"},
      {"Kyiv, Kharkiv; Odesa!", "kyiv kharkiv odesa"},
      {"“quoted” words", "quoted words"},
      {"3.5 km", "3 5 km"},
      {"قَصْفٌ عَنِيف", "قصف عنيف"},    // Arabic letters kept, harakat dropped
      {"Мариуполь", "мариуполь"},  // other scripts are lower-cased and kept
      {"", ""},
      {"  -- ", ""},
  };
  for (const Row& row : rows) EXPECT_EQ(Fold(row.input), row.want) << "input [" << row.input << "]";
}

TEST(FoldTest, AppendFoldedWordAppends) {
  const std::vector<Row> rows = {
      {"Hay’at", "hayat"},     {"Al-Nouman", "alnouman"}, {"CHEÏKH", "cheikh"},
      {"Ma'arrat", "maarrat"}, {"ʾIdlib", "idlib"},       {"مَعَرَّة", "معرة"},
  };
  for (const Row& row : rows) {
    std::string out = "x ";
    AppendFoldedWord(row.input, out);
    EXPECT_EQ(out, "x " + std::string(row.want)) << "word [" << row.input << "]";
  }
}

TEST(FoldTest, WordAndApostropheCharacters) {
  struct CharRow {
    char32_t cp;
    bool word;
    bool apostrophe;
  };
  const std::vector<CharRow> rows = {
      {U'a', true, false},  {U'Z', true, false},  {U'7', true, false},
      {U'é', true, false},  {U'ق', true, false},  {U'\u064E', true, false},  // fatha, a mark
      {U'٣', true, false},  {U'-', false, false}, {U' ', false, false},
      {U'.', false, false}, {U'\'', false, true}, {U'’', false, true},
      {U'ʿ', true, true},   {U'ʼ', true, true},   {U'“', false, false},
  };
  for (const CharRow& row : rows) {
    // ʿ and ʼ are modifier letters (Lm): letters and apostrophes at once.
    EXPECT_EQ(IsWordChar(row.cp), row.word) << "U+" << std::hex << static_cast<uint32_t>(row.cp);
    EXPECT_EQ(IsApostrophe(row.cp), row.apostrophe)
        << "U+" << std::hex << static_cast<uint32_t>(row.cp);
  }
}

}  // namespace
}  // namespace frontline::text
