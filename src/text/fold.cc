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
    case U'ß': return "ss";
    case U'æ': case U'Æ': return "ae";
    case U'œ': case U'Œ': return "oe";
    case U'ø': case U'Ø': return "o";
    case U'ł': case U'Ł': return "l";
    case U'đ': case U'Đ': return "d";
    case U'ð': case U'Ð': return "d";
    case U'þ': case U'Þ': return "th";
    case U'ı': return "i";
    case U'ħ': case U'Ħ': return "h";
    default: return {};
  }
}

// Folds a code point at or above 0x80 into `out`.
void FoldCodePoint(char32_t cp, std::string& out) {
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

}  // namespace

bool IsApostrophe(char32_t cp) {
  switch (cp) {
    case U'\'': case U'’': case U'‘': case U'ʼ': case U'ʻ': case U'ʿ': case U'ʾ': case U'´':
    case U'`': case U'ʽ': case U'′':
      return true;
    default:
      return false;
  }
}

bool IsWordChar(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  }
  const uint32_t mask = U_GET_GC_MASK(static_cast<UChar32>(cp));
  return (mask & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) != 0;
}

void AppendFoldedWord(std::string_view word, std::string& out) {
  for (size_t i = 0; i < word.size();) {
    const unsigned char c = word[i];
    if (c < 0x80) {
      ++i;
      if (c >= 'A' && c <= 'Z') {
        out.push_back(static_cast<char>(c + ('a' - 'A')));
      } else if (c != '\'' && c != '-' && c != '`') {
        out.push_back(static_cast<char>(c));
      }
      continue;
    }
    const char32_t cp = DecodeUtf8(word, i);
    if (cp == U'‐' || cp == U'‑' || cp == 0xAD) continue;  // hyphens and soft hyphen
    FoldCodePoint(cp, out);
  }
}

std::string Fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    // Find the next word: a run of word characters, apostrophes joining word characters.
    size_t start = i;
    size_t next = i;
    const char32_t cp = DecodeUtf8(text, next);
    if (!IsWordChar(cp)) {
      i = next;
      continue;
    }
    size_t end = next;
    while (end < text.size()) {
      size_t after = end;
      const char32_t c = DecodeUtf8(text, after);
      if (IsWordChar(c)) {
        end = after;
      } else if (IsApostrophe(c) && after < text.size()) {
        size_t peek = after;
        if (!IsWordChar(DecodeUtf8(text, peek))) break;
        end = after;
      } else {
        break;
      }
    }
    if (!out.empty()) out.push_back(' ');
    AppendFoldedWord(text.substr(start, end - start), out);
    i = end;
  }
  return out;
}

}  // namespace frontline::text
