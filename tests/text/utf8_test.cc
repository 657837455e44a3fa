// UTF-8 validation, decoding and encoding.
#include "text/utf8.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace frontline::text {
namespace {

constexpr size_t npos = std::string_view::npos;

struct InvalidRow {
  std::string_view description;
  std::string bytes;
  size_t want;  // offset of the first bad byte, npos when valid
};

TEST(Utf8Test, FindInvalidUtf8) {
  const std::vector<InvalidRow> rows = {
      {"empty", "", npos},
      {"ASCII", "Shelling resumed at dawn.", npos},
      {"two-, three- and four-byte sequences", "Łódź — القصف 🚀", npos},
      {"largest code point U+10FFFF", "\xF4\x8F\xBF\xBF", npos},
      {"U+FFFF", "\xEF\xBF\xBF", npos},
      {"last code point before the surrogates", "\xED\x9F\xBF", npos},
      {"lone continuation byte",
       "ab\x80"
       "cd",
       2},
      {"continuation byte at the start", "\xBF", 0},
      {"two-byte sequence cut at the end", "caf\xC3", 3},
      {"two-byte sequence cut by ASCII", "caf\xC3(", 3},
      {"three-byte sequence cut at the end", "x \xE2\x82", 2},
      {"four-byte sequence cut by ASCII",
       "\xF0\x9F\x9A"
       "A",
       0},
      {"overlong two-byte slash", "ok \xC0\xAF", 3},
      {"overlong C1 lead", "\xC1\xBF", 0},
      {"overlong three-byte", "\xE0\x80\xAF", 0},
      {"overlong four-byte", "\xF0\x80\x80\xAF", 0},
      {"surrogate U+D800", "x\xED\xA0\x80", 1},
      {"past U+10FFFF", "xy\xF4\x90\x80\x80", 2},
      {"F5 lead byte", "\xF5\x80\x80\x80", 0},
      {"FF byte", "abc\xFF", 3},
      {"bad byte after a long valid run", std::string(200, 'a') + "é" + "\x80", 202},
      {"first of two bad bytes", std::string(70, 'z') + "\xFE" + std::string(10, 'z') + "\x80", 70},
  };
  for (const InvalidRow& row : rows) {
    EXPECT_EQ(FindInvalidUtf8(row.bytes), row.want) << row.description;
  }
}

TEST(Utf8Test, AppendThenDecodeRoundTrips) {
  struct Row {
    char32_t cp;
    size_t bytes;  // length of its UTF-8 form
  };
  const std::vector<Row> rows = {
      {U'\0', 1}, {U'A', 1}, {0x7F, 1},   {0x80, 2},   {U'é', 2},    {0x7FF, 2}, {0x800, 3},
      {U'€', 3},  {U'ق', 2}, {0xFFFD, 3}, {0xFFFF, 3}, {0x10000, 4}, {U'🚀', 4},  {0x10FFFF, 4},
  };
  for (const Row& row : rows) {
    std::string out = "<";
    AppendUtf8(row.cp, out);
    EXPECT_EQ(out.size(), 1 + row.bytes) << "U+" << std::hex << static_cast<uint32_t>(row.cp);
    EXPECT_EQ(FindInvalidUtf8(out), npos) << "U+" << std::hex << static_cast<uint32_t>(row.cp);
    size_t pos = 1;
    EXPECT_EQ(DecodeUtf8(out, pos), row.cp) << "U+" << std::hex << static_cast<uint32_t>(row.cp);
    EXPECT_EQ(pos, out.size()) << "U+" << std::hex << static_cast<uint32_t>(row.cp);
  }
}

TEST(Utf8Test, DecodeWholeTextAndReencode) {
  const std::string_view text = "Cheïkh — القصف, Łódź 🚀!";
  std::string rebuilt;
  size_t pos = 0;
  size_t code_points = 0;
  while (pos < text.size()) {
    AppendUtf8(DecodeUtf8(text, pos), rebuilt);
    ++code_points;
  }
  EXPECT_EQ(rebuilt, text);
  EXPECT_EQ(code_points, 23u);
}

TEST(Utf8Test, DecodeIllFormedGivesReplacementAndAdvancesOneByte) {
  struct Row {
    std::string_view description;
    std::string_view bytes;
  };
  const std::vector<Row> rows = {
      {"lone continuation byte",
       "\x80"
       "A"},
      {"lead byte cut at the end", "\xC3"},
      {"lead byte followed by ASCII",
       "\xE2"
       "AB"},
      // Found by the dictionary fuzzer: an overlong form of 'X' reached the fold table as an
      // ASCII code point.
      {"overlong two-byte form", "\xC1\x98"},
      {"overlong three-byte form", "\xE0\x81\x81"},
      {"overlong four-byte form", "\xF0\x80\x81\x81"},
      {"surrogate", "\xED\xA0\x80"},
      {"past U+10FFFF", "\xF4\x90\x80\x80"},
      {"lead byte F8", "\xF8\x88\x80\x80\x80"},
  };
  for (const Row& row : rows) {
    size_t pos = 0;
    EXPECT_EQ(DecodeUtf8(row.bytes, pos), char32_t{0xFFFD}) << row.description;
    EXPECT_EQ(pos, 1u) << row.description;
  }
}

TEST(Utf8Test, IsAscii) {
  EXPECT_TRUE(IsAscii(""));
  EXPECT_TRUE(IsAscii("Kherson, 3.5 km"));
  EXPECT_FALSE(IsAscii("Kherson — 3.5 km"));
}

}  // namespace
}  // namespace frontline::text
