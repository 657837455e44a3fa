#include "text/tokens.h"

#include "text/fold.h"
#include "text/utf8.h"

namespace frontline::text {
namespace {

bool IsSpaceCodePoint(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == 0xA0 ||
         (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool IsDigitByte(char c) { return c >= '0' && c <= '9'; }

// ASCII form of a punctuation code point for matching, or empty to keep it as is.
std::string_view PunctFold(char32_t cp) {
  switch (cp) {
    case U'“':
    case U'”':
    case U'„':
    case U'«':
    case U'»':
    case U'″':
      return "\"";
    case U'‘':
    case U'’':
    case U'‚':
    case U'‹':
    case U'›':
    case U'′':
      return "'";
    case U'–':
    case U'—':
    case U'‐':
    case U'‑':
    case U'‒':
    case U'―':
    case U'−':
      return "-";
    case U'…':
      return "...";
    default:
      return {};
  }
}

}  // namespace

std::string_view TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kWord:
      return "word";
    case TokenKind::kNumber:
      return "number";
    case TokenKind::kPunct:
      return "punct";
  }
  return "punct";
}

void Tokenize(std::string_view text, Span region, std::vector<Token>& tokens, std::string& folds) {
  size_t i = region.begin;
  const size_t end = region.end;
  while (i < end) {
    size_t k = i;
    const char32_t cp = DecodeUtf8(text, k);
    if (IsSpaceCodePoint(cp)) {
      i = k;
      continue;
    }
    const uint32_t fold_begin = static_cast<uint32_t>(folds.size());
    // The English possessive right after a word: "'s" is one token ("Assad's" -> Assad, 's).
    if (IsApostrophe(cp) && !tokens.empty() && tokens.back().span.end == i &&
        tokens.back().kind == TokenKind::kWord && k < end && (text[k] == 's' || text[k] == 'S') &&
        (k + 1 >= end || [&] {
          size_t t = k + 1;
          return !IsWordChar(DecodeUtf8(text, t));
        }())) {
      folds += "'s";
      tokens.push_back(Token{Span{static_cast<uint32_t>(i), static_cast<uint32_t>(k + 1)},
                             fold_begin, static_cast<uint32_t>(folds.size()), TokenKind::kWord});
      i = k + 1;
      continue;
    }
    if (!IsWordChar(cp)) {
      size_t stop = k;
      if (cp == '.' && i + 2 < end && text[i + 1] == '.' && text[i + 2] == '.') stop = i + 3;
      const std::string_view surface = text.substr(i, stop - i);
      const std::string_view ascii = PunctFold(cp);
      folds += ascii.empty() ? surface : ascii;
      tokens.push_back(Token{Span{static_cast<uint32_t>(i), static_cast<uint32_t>(stop)},
                             fold_begin, static_cast<uint32_t>(folds.size()), TokenKind::kPunct});
      i = stop;
      continue;
    }
    const bool number = IsDigitByte(text[i]);
    size_t j = k;
    while (j < end) {
      const unsigned char b = text[j];
      if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')) {
        ++j;
        continue;
      }
      size_t m = j;
      const char32_t d = DecodeUtf8(text, m);
      if (IsWordChar(d)) {
        j = m;
        continue;
      }
      if (m >= end) break;
      size_t m2 = m;
      const char32_t after = DecodeUtf8(text, m2);
      if (IsApostrophe(d) && IsWordChar(after)) {
        // "Assad's" splits before the possessive; "Ma'arrat" stays whole.
        const bool possessive = (after == 's' || after == 'S') && (m2 >= end || !IsWordChar([&] {
                                                                     size_t t = m2;
                                                                     return DecodeUtf8(text, t);
                                                                   }()));
        if (possessive) break;
        j = m2;
        continue;
      }
      if (number && (d == '.' || d == ',') && IsDigitByte(static_cast<char>(after))) {
        j = m2;
        continue;
      }
      if (!number && d == '.' && IsWordChar(after) && !IsDigitByte(static_cast<char>(after))) {
        // "U.S", "a.m", "z.B": a period between letters of a short dotted form.
        j = m2;
        continue;
      }
      break;
    }
    // A dotted form keeps its final period: "U.S." is one token.
    if (!number && j < end && text[j] == '.' &&
        text.substr(i, j - i).find('.') != std::string_view::npos) {
      ++j;
    }
    const std::string_view surface = text.substr(i, j - i);
    AppendFoldedWord(surface, folds);
    // Dotted forms fold without their periods: "U.S." matches "US".
    if (!number) {
      size_t w = fold_begin;
      for (size_t r = fold_begin; r < folds.size(); ++r)
        if (folds[r] != '.') folds[w++] = folds[r];
      folds.resize(w);
    }
    tokens.push_back(Token{Span{static_cast<uint32_t>(i), static_cast<uint32_t>(j)}, fold_begin,
                           static_cast<uint32_t>(folds.size()),
                           number ? TokenKind::kNumber : TokenKind::kWord});
    i = j;
  }
}

}  // namespace frontline::text
