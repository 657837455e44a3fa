// Tokenisation with byte offsets and a folded matching form per token.
//
// Words are runs of letters, marks and digits. Inside a word an apostrophe followed by a letter
// stays ("Ma'arrat", "Hay’at") except the English possessive "'s", which is its own word token
// (folded "'s");
// letters joined by periods stay one token ("U.S", "a.m"); digits joined by . or , stay one
// number ("350,000", "3.5"). Hyphens split words ("Al-Nouman" is "Al", "-", "Nouman") so that
// "Al-Nouman" and "al Nouman" give the same sequence of folds. Every other character is a
// punctuation token of its own, except "..." which is one.
#ifndef FRONTLINE_TEXT_TOKENS_H_
#define FRONTLINE_TEXT_TOKENS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/span.h"

namespace frontline::text {

enum class TokenKind : uint8_t {
  kWord,    // starts with a letter
  kNumber,  // starts with a digit
  kPunct,   // anything else: punctuation, symbols, quotes
};

struct Token {
  Span span;            // bytes of the token in the clean text
  uint32_t fold_begin;  // its folded form is folds[fold_begin, fold_end) of the owning buffer
  uint32_t fold_end;
  TokenKind kind;
};

// Appends the tokens of `region` of `text` to `tokens`, and their folded forms to `folds`
// (word folds as text::AppendFoldedWord; punctuation folded to ASCII: curly quotes to ' and ",
// dashes to -). Allocates only to grow the two output vectors.
void Tokenize(std::string_view text, Span region, std::vector<Token>& tokens, std::string& folds);

// Name of a token kind as written in JSON output ("word", "number", "punct").
std::string_view TokenKindName(TokenKind kind);

}  // namespace frontline::text

#endif  // FRONTLINE_TEXT_TOKENS_H_
