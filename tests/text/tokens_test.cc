// Tokenisation: token surfaces, folded forms, kinds and byte offsets.
#include "text/tokens.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace frontline::text {
namespace {

struct Tokenized {
  std::vector<std::string> surfaces;
  std::vector<std::string> folds;
  std::string kinds;  // one letter a token: w(ord), n(umber), p(unct)
  std::vector<Token> tokens;
};

Tokenized TokenizeAll(std::string_view text) {
  Tokenized out;
  std::string folds;
  Tokenize(text, Span{0, static_cast<uint32_t>(text.size())}, out.tokens, folds);
  for (const Token& t : out.tokens) {
    out.surfaces.emplace_back(t.span.Of(text));
    out.folds.push_back(folds.substr(t.fold_begin, t.fold_end - t.fold_begin));
    out.kinds.push_back(t.kind == TokenKind::kWord     ? 'w'
                        : t.kind == TokenKind::kNumber ? 'n'
                                                       : 'p');
  }
  return out;
}

struct Row {
  std::string_view input;
  std::vector<std::string> surfaces;
  std::vector<std::string> folds;  // empty: not checked
  std::string_view kinds;          // empty: not checked
};

TEST(TokenizeTest, SurfacesFoldsAndKinds) {
  const std::vector<Row> rows = {
      {"Al-Nouman", {"Al", "-", "Nouman"}, {"al", "-", "nouman"}, "wpw"},
      {"al Nouman", {"al", "Nouman"}, {"al", "nouman"}, "ww"},
      // U+2011 non-breaking hyphen folds like the ASCII one.
      {"Al\u2011Nouman", {"Al", "\u2011", "Nouman"}, {"al", "-", "nouman"}, "wpw"},
      {"Assad's", {"Assad", "'s"}, {}, "w?"},
      {"Assad’s", {"Assad", "’s"}, {}, ""},
      {"Ma'arrat", {"Ma'arrat"}, {"maarrat"}, "w"},
      {"Hay’at Tahrir", {"Hay’at", "Tahrir"}, {"hayat", "tahrir"}, "ww"},
      {"U.S.", {"U.S."}, {"us"}, "w"},
      {"the U.S. army", {"the", "U.S.", "army"}, {"the", "us", "army"}, "www"},
      {"350,000", {"350,000"}, {"350,000"}, "n"},
      {"3.5", {"3.5"}, {"3.5"}, "n"},
      {"3.5 km", {"3.5", "km"}, {"3.5", "km"}, "nw"},
      {"“Fall back”", {"“", "Fall", "back", "”"}, {"\"", "fall", "back", "\""}, "pwwp"},
      {"‘run’", {"‘", "run", "’"}, {"'", "run", "'"}, "pwp"},
      {"stalled...", {"stalled", "..."}, {"stalled", "..."}, "wp"},
      {"...", {"..."}, {"..."}, "p"},
      {"night…", {"night", "…"}, {"night", "..."}, "wp"},
      {"twice — once", {"twice", "—", "once"}, {"twice", "-", "once"}, "wpw"},
      {"Cheïkh", {"Cheïkh"}, {"cheikh"}, "w"},
      {"القَصْف", {"القَصْف"}, {"القصف"}, "w"},
      {"(AFP).", {"(", "AFP", ")", "."}, {"(", "afp", ")", "."}, "pwpp"},
      {"", {}, {}, ""},
      {"   \n ", {}, {}, ""},
  };
  for (const Row& row : rows) {
    const Tokenized got = TokenizeAll(row.input);
    EXPECT_EQ(got.surfaces, row.surfaces) << "input [" << row.input << "]";
    if (!row.folds.empty()) {
      EXPECT_EQ(got.folds, row.folds) << "input [" << row.input << "]";
    }
    if (!row.kinds.empty()) {
      std::string want(row.kinds);
      // '?' in the table: the kind is not asserted for that token.
      std::string have = got.kinds;
      for (size_t i = 0; i < want.size() && i < have.size(); ++i)
        if (want[i] == '?') have[i] = '?';
      EXPECT_EQ(have, want) << "input [" << row.input << "]";
    }
  }
}

TEST(TokenizeTest, OffsetsAreBytesIntoTheInput) {
  // "Hay’at" is 8 bytes (’ is 3), so "Tahrir" starts at byte 9.
  const std::string_view text = "Hay’at Tahrir al-Cham, 3.5 km";
  const Tokenized got = TokenizeAll(text);
  const std::vector<Span> want = {{0, 8},   {9, 15},  {16, 18}, {18, 19},
                                  {19, 23}, {23, 24}, {25, 28}, {29, 31}};
  ASSERT_EQ(got.tokens.size(), want.size()) << ::testing::PrintToString(got.surfaces);
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(got.tokens[i].span, want[i]) << "token " << i << " [" << got.surfaces[i] << "]";
  }
}

TEST(TokenizeTest, RegionOffsetsIndexTheWholeText) {
  const std::string_view text = "Ignored words. Troops left Kherson.";
  std::vector<Token> tokens;
  std::string folds = "existing";  // folds are appended, existing content kept
  Tokenize(text, Span{15, static_cast<uint32_t>(text.size())}, tokens, folds);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].span, (Span{15, 21}));
  EXPECT_EQ(tokens[0].span.Of(text), "Troops");
  EXPECT_EQ(tokens[2].span.Of(text), "Kherson");
  EXPECT_EQ(folds.substr(tokens[2].fold_begin, tokens[2].fold_end - tokens[2].fold_begin),
            "kherson");
  EXPECT_TRUE(folds.starts_with("existing"));
}

TEST(TokenizeTest, KindNames) {
  EXPECT_EQ(TokenKindName(TokenKind::kWord), "word");
  EXPECT_EQ(TokenKindName(TokenKind::kNumber), "number");
  EXPECT_EQ(TokenKindName(TokenKind::kPunct), "punct");
}

}  // namespace
}  // namespace frontline::text
