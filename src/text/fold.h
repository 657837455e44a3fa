// Matching forms: the case-, accent- and punctuation-folded text that dictionaries match against.
//
// Later stages compare names and phrases through their folded form, so that "Al-Nouman",
// "al Nouman", "AL-NOUMAN" and "Al‑Nouman" all become "al nouman", "Hay’at" and "Hay'at" both
// "hayat", and "Cheïkh" "cheikh". Folding never changes the clean text itself: curly quotes and
// accents stay in the document, only the matching form loses them.
#ifndef FRONTLINE_TEXT_FOLD_H_
#define FRONTLINE_TEXT_FOLD_H_

#include <string>
#include <string_view>

namespace frontline::text {

// Appends the folded form of one word token to `out`: lower case (Unicode case folding),
// combining marks removed after canonical decomposition (é -> e, Arabic harakat dropped),
// ligatures and special Latin letters spelled out (ß -> ss, æ -> ae, ø -> o, ł -> l),
// apostrophes, ayn/hamza letters (ʿ ʾ ʼ ʻ) and hyphens removed. Other scripts keep their letters.
void AppendFoldedWord(std::string_view word, std::string& out);

// Folds running text: each run of letters and digits (apostrophes inside words kept together)
// is folded as by AppendFoldedWord; everything else (spaces, hyphens, dashes, quotes,
// punctuation) becomes one space between words. Leading and trailing spaces are dropped.
// Fold("Al-Nouman") == Fold("al  Nouman") == "al nouman".
std::string Fold(std::string_view text);

// IsWordChar for code points at or above 0x80.
bool IsWordCharSlow(char32_t cp);

// True for code points that belong inside a word token: letters, combining marks, digits and
// other numbers (Unicode categories L*, M*, N*).
inline bool IsWordChar(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  }
  return IsWordCharSlow(cp);
}

// True for apostrophe-like code points that may join two parts of a word (' ’ ʼ ʻ ʿ ʾ ´ `).
bool IsApostrophe(char32_t cp);

}  // namespace frontline::text

#endif  // FRONTLINE_TEXT_FOLD_H_
