#include "text/fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include "text/utf8.h"

namespace frontline::text {
namespace {

// Latin letters that canonical decomposition leaves alone but that writers of names treat as
// plain ASCII letters or pairs.
std::string_view SpelledOut(char32_t cp) {
  switch (cp) {
    case U'ß':
      return "ss";
    case U'æ':
    case U'Æ':
      return "ae";
    case U'œ':
    case U'Œ':
      return "oe";
    case U'ø':
    case U'Ø':
      return "o";
    case U'ł':
    case U'Ł':
      return "l";
    case U'đ':
    case U'Đ':
      return "d";
    case U'ð':
    case U'Ð':
      return "d";
    case U'þ':
    case U'Þ':
      return "th";
    case U'ı':
      return "i";
    case U'ħ':
    case U'Ħ':
      return "h";
    default:
      return {};
  }
}

// Folds a code point at or above 0x80 into `out`, through ICU.
void FoldCodePointIcu(char32_t cp, std::string& out) {
  if (IsApostrophe(cp)) return;
  if (std::string_view s = SpelledOut(cp); !s.empty()) {
    out += s;
    return;
  }
  const int8_t type = u_charType(static_cast<UChar32>(cp));
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK ||
      type == U_FORMAT_CHAR) {
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString decomposed;
  if (nfd != nullptr && nfd->getDecomposition(static_cast<UChar32>(cp), decomposed)) {
    for (int32_t i = 0; i < decomposed.length();) {
      const UChar32 part = decomposed.char32At(i);
      i += U16_LENGTH(part);
      const int8_t t = u_charType(part);
      if (t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK || t == U_COMBINING_SPACING_MARK) {
        continue;
      }
      const UChar32 folded = u_foldCase(part, U_FOLD_CASE_DEFAULT);
      if (folded < 0x80) {
        out.push_back(static_cast<char>(folded));
      } else if (std::string_view s = SpelledOut(folded); !s.empty()) {
        out += s;
      } else {
        AppendUtf8(static_cast<char32_t>(folded), out);
      }
    }
    return;
  }
  AppendUtf8(static_cast<char32_t>(u_foldCase(static_cast<UChar32>(cp), U_FOLD_CASE_DEFAULT)), out);
}

// Folds of the two-byte UTF-8 range (U+0080..U+07FF: Latin, Greek, Cyrillic, Hebrew, Arabic),
// computed once through ICU: names in these scripts fold without a call into ICU per letter.
class TwoByteFolds {
 public:
  TwoByteFolds() {
    std::string buf;
    for (char32_t cp = 0x80; cp < 0x800; ++cp) {
      buf.clear();
      FoldCodePointIcu(cp, buf);
      folds_[cp - 0x80] = buf;
    }
  }
  std::string_view Of(char32_t cp) const { return folds_[cp - 0x80]; }

 private:
  std::string folds_[0x800 - 0x80];
};

void FoldCodePoint(char32_t cp, std::string& out) {
  if (cp < 0x800) {
    static const TwoByteFolds table;
    out += table.Of(cp);
    return;
  }
  FoldCodePointIcu(cp, out);
}

}  // namespace

bool IsApostrophe(char32_t cp) {
  switch (cp) {
    case U'\'':
    case U'’':
    case U'‘':
    case U'ʼ':
    case U'ʻ':
    case U'ʿ':
    case U'ʾ':
    case U'´':
    case U'`':
    case U'ʽ':
    case U'′':
      return true;
    default:
      return false;
  }
}

bool IsWordCharSlow(char32_t cp) {
  const uint32_t mask = U_GET_GC_MASK(static_cast<UChar32>(cp));
  return (mask & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) != 0;
}

namespace {

// ASCII folding: letters lower-cased, apostrophes, hyphens and backquotes dropped (0).
struct AsciiFoldTable {
  char to[128];
  constexpr AsciiFoldTable() : to() {
    for (int c = 0; c < 128; ++c) to[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    to[static_cast<int>('\'')] = to[static_cast<int>('-')] = to[static_cast<int>('`')] = 0;
  }
};
constexpr AsciiFoldTable kAsciiFold;

}  // namespace

void AppendFoldedWord(std::string_view word, std::string& out) {
  const size_t n = word.size();
  size_t base = out.size();
  out.resize(base + n);  // ASCII folds never grow; non-ASCII re-reserves below
  char* w = out.data() + base;
  for (size_t i = 0; i < n;) {
    const unsigned char c = word[i];
    if (c < 0x80) {
      const char t = kAsciiFold.to[c];
      if (t != 0) *w++ = t;
      ++i;
      continue;
    }
    out.resize(static_cast<size_t>(w - out.data()));
    const char32_t cp = DecodeUtf8(word, i);
    if (cp != U'‐' && cp != U'‑' && cp != 0xAD) FoldCodePoint(cp, out);  // hyphens, soft hyphen
    base = out.size();
    out.resize(base + (n - i));
    w = out.data() + base;
  }
  out.resize(static_cast<size_t>(w - out.data()));
}

namespace {

bool IsAsciiWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// End of the word that starts at `start` (a word character): word characters, and apostrophes
// between word characters.
size_t WordEnd(std::string_view text, size_t start) {
  size_t end = start;
  while (end < text.size()) {
    const unsigned char c = text[end];
    if (IsAsciiWordByte(c)) {
      ++end;
      continue;
    }
    size_t after = end;
    const char32_t cp = c < 0x80 ? (++after, c) : DecodeUtf8(text, after);
    if (c >= 0x80 && IsWordChar(cp)) {
      end = after;
    } else if (IsApostrophe(cp) && after < text.size()) {
      size_t peek = after;
      const unsigned char d = text[peek];
      const bool word_follows = d < 0x80 ? IsAsciiWordByte(d) : IsWordChar(DecodeUtf8(text, peek));
      if (!word_follows) break;
      end = after;
    } else {
      break;
    }
  }
  return end;
}

}  // namespace

std::string Fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = text[i];
    bool word;
    if (c < 0x80) {
      word = IsAsciiWordByte(c);
      if (!word) {
        ++i;
        continue;
      }
    } else {
      size_t next = i;
      word = IsWordChar(DecodeUtf8(text, next));
      if (!word) {
        i = next;
        continue;
      }
    }
    const size_t end = WordEnd(text, i);
    if (!out.empty()) out.push_back(' ');
    AppendFoldedWord(text.substr(i, end - i), out);
    i = end;
  }
  return out;
}

}  // namespace frontline::text
