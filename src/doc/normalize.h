// Unicode clean-up of decoded text, before any layout decision.
#ifndef FRONTLINE_DOC_NORMALIZE_H_
#define FRONTLINE_DOC_NORMALIZE_H_

#include <string>
#include <string_view>

namespace frontline::doc {

// Returns `utf8` (valid UTF-8) in NFC with:
// - CR LF and lone CR turned into LF; U+2028/U+2029 and U+0085 into LF;
// - tabs, no-break and other odd spaces (U+00A0, U+1680, U+2000-U+200A, U+202F, U+205F,
//   U+3000) into a plain space;
// - soft hyphens, zero-width spaces, word joiners, byte order marks and control characters
//   (C0 but LF, C1) removed; ZWJ and ZWNJ kept, since Persian and Indic spelling needs them;
// - curly quotes, dashes and everything else kept as written (matching folds them later).
// ASCII input takes a fast path without ICU.
std::string NormalizeText(std::string_view utf8);

// Collapses runs of spaces into one space and trims both ends; newlines are kept.
void CollapseSpaces(std::string& text);

}  // namespace frontline::doc

#endif  // FRONTLINE_DOC_NORMALIZE_H_
