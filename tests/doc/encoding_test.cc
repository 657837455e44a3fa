// Bytes to UTF-8: byte order marks, legacy encodings, broken UTF-8 and binary data.
#include "doc/encoding.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace frontline::doc {
namespace {

using namespace std::string_literals;

struct Row {
  std::string_view description;
  std::string bytes;
  std::string_view declared;
  // Success: the UTF-8 text and (when not empty) the encoding reported.
  bool ok;
  std::string text;
  std::string_view encoding;
  // Failure: phrases the message must hold.
  std::vector<std::string_view> message_has;
};

TEST(DecodeToUtf8Test, Table) {
  const std::vector<Row> rows = {
      {"empty input", "", "", false, "", "", {"empty"}},
      {"NUL byte: binary", "abc\0def"s, "", false, "", "", {"binary", "line 1, byte 3"}},
      {"NUL byte on the second line",
       "line one\nline\0two"s,
       "",
       false,
       "",
       "",
       {"binary", "line 2, byte 13"}},
      {"many control bytes: binary",
       std::string(40, '\x01') + "text",
       "",
       false,
       "",
       "",
       {"binary"}},
      {"ASCII stays",
       "Shelling resumed at dawn.",
       "",
       true,
       "Shelling resumed at dawn.",
       "UTF-8",
       {}},
      {"valid UTF-8 stays",
       "Le café détruit – 12 morts",
       "",
       true,
       "Le café détruit – 12 morts",
       "UTF-8",
       {}},
      {"valid UTF-8 stays whatever was declared",
       "Le café détruit",
       "windows-1252",
       true,
       "Le café détruit",
       "UTF-8",
       {}},
      {"UTF-8 byte order mark removed",
       "\xEF\xBB\xBFHama is quiet.",
       "",
       true,
       "Hama is quiet.",
       "UTF-8",
       {}},
      {"declared Latin-1 read as windows-1252, as browsers do",
       "He said \x93no\x94 \x96 on Monday.",
       "iso-8859-1",
       true,
       "He said \xE2\x80\x9Cno\xE2\x80\x9D \xE2\x80\x93 on Monday.",
       "windows-1252",
       {}},
      {"UTF-16LE with its mark", "\xFF\xFEH\0a\0m\0\xE9\0"s, "", true, "Hamé", "UTF-16LE", {}},
      {"UTF-16BE with its mark", "\xFE\xFF\0H\0a\0m\0\xE9"s, "", true, "Hamé", "UTF-16BE", {}},
      {"windows-1252 French, detected",
       "Le caf\xE9 du quartier a \xE9t\xE9 d\xE9truit \x96 12 morts, selon les secours. "
       "Les habitants ont fui vers l\x92\xE9glise du centre.",
       "",
       true,
       "Le café du quartier a été détruit – 12 morts, selon les secours. "
       "Les habitants ont fui vers l’église du centre.",
       "",
       {}},
      {"windows-1252 declared",
       "Le caf\xE9 d\xE9truit \x96 12 morts",
       "windows-1252",
       true,
       "Le café détruit – 12 morts",
       "windows-1252",
       {}},
      {"windows-1251 Cyrillic declared",
       "\xC2\xEE\xE9\xF1\xEA\xE0 \xE2\xEE\xF8\xEB\xE8 \xE2 \xE3\xEE\xF0\xEE\xE4.",
       "windows-1251",
       true,
       "Войска вошли в город.",
       "windows-1251",
       {}},
      // "Première ligne\n" is 16 bytes; "Deuxième " 10 more: the cut lead byte is at 26.
      {"mostly UTF-8 with one broken sequence",
       "Première ligne\nDeuxième \xC3 ligne",
       "",
       false,
       "",
       "",
       {"invalid UTF-8 at line 2, byte 26"}},
      {"declared UTF-8 with a bad byte",
       "caf\xE9 au lait",
       "utf-8",
       false,
       "",
       "",
       {"invalid UTF-8 at line 1, byte 3"}},
      {"declared UTF8 (no dash) with a bad byte",
       "Hama\n\nHoms \xFF",
       "UTF8",
       false,
       "",
       "",
       {"invalid UTF-8 at line 3, byte 11"}},
  };
  for (const Row& row : rows) {
    const Result<Decoded> got = DecodeToUtf8(row.bytes, row.declared);
    if (!row.ok) {
      ASSERT_FALSE(got.ok()) << row.description << ": decoded to [" << got.value().text << "]";
      for (std::string_view phrase : row.message_has) {
        EXPECT_NE(got.status().message().find(phrase), std::string::npos)
            << row.description << ": message [" << got.status().message() << "] lacks [" << phrase
            << "]";
      }
      continue;
    }
    ASSERT_TRUE(got.ok()) << row.description << ": " << got.status().message();
    EXPECT_EQ(got.value().text, row.text) << row.description;
    if (!row.encoding.empty()) {
      EXPECT_EQ(got.value().encoding, row.encoding) << row.description;
    }
  }
}

TEST(DescribeOffsetTest, LineIsOneBasedByteIsZeroBased) {
  struct OffsetRow {
    std::string_view bytes;
    size_t offset;
    std::string_view want;
  };
  const std::vector<OffsetRow> rows = {
      {"abc", 0, "line 1, byte 0"},
      {"ab\ncd", 4, "line 2, byte 4"},
      {"a\n\n\nb", 4, "line 4, byte 4"},
      {"ab\n", 2, "line 1, byte 2"},
  };
  for (const OffsetRow& row : rows) {
    EXPECT_EQ(DescribeOffset(row.bytes, row.offset), row.want)
        << "[" << row.bytes << "] at " << row.offset;
  }
}

}  // namespace
}  // namespace frontline::doc
