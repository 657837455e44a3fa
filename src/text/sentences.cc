#include "text/sentences.h"

#include <unicode/uchar.h>

#include <optional>

#include "text/fold.h"
#include "text/utf8.h"

namespace frontline::text {
namespace {

bool IsSpaceByte(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

// Quotes and brackets that may close a sentence after its final punctuation.
bool IsCloser(char32_t cp) {
  switch (cp) {
    case U'"':
    case U'\'':
    case U')':
    case U']':
    case U'}':
    case U'”':
    case U'’':
    case U'»':
    case U'›':
    case U'」':
    case U'』':
      return true;
    default:
      return false;
  }
}

// Quotes and brackets that may open a sentence before its first word.
bool IsOpener(char32_t cp) {
  switch (cp) {
    case U'"':
    case U'\'':
    case U'(':
    case U'[':
    case U'{':
    case U'“':
    case U'‘':
    case U'«':
    case U'‹':
    case U'„':
    case U'¿':
    case U'¡':
    case U'-':
    case U'—':
    case U'–':
      return true;
    default:
      return false;
  }
}

bool IsTerminal(char32_t cp) {
  return cp == '.' || cp == '!' || cp == '?' || cp == U'…' || cp == U'؟' || cp == U'。' ||
         cp == U'！' || cp == U'？';
}

enum class Case { kUpper, kLower, kDigit, kOther };

Case CaseOf(char32_t cp) {
  if (cp < 0x80) {
    if (cp >= 'A' && cp <= 'Z') return Case::kUpper;
    if (cp >= 'a' && cp <= 'z') return Case::kLower;
    if (cp >= '0' && cp <= '9') return Case::kDigit;
    return Case::kOther;
  }
  if (u_isupper(static_cast<UChar32>(cp)) || u_istitle(static_cast<UChar32>(cp)))
    return Case::kUpper;
  if (u_islower(static_cast<UChar32>(cp))) return Case::kLower;
  if (u_isdigit(static_cast<UChar32>(cp))) return Case::kDigit;
  return Case::kOther;
}

// Month names (and German/French/Spanish ones) that may follow an ordinal "3." without the
// period ending the sentence. Lower-cased, ASCII-folded.
bool IsMonthName(std::string_view folded) {
  static constexpr std::string_view kMonths[] = {
      "january",  "february",  "march",    "april",    "may",        "june",     "july",
      "august",   "september", "october",  "november", "december",   "januar",   "februar",
      "marz",     "mai",       "juni",     "juli",     "oktober",    "dezember", "janvier",
      "fevrier",  "mars",      "avril",    "juin",     "juillet",    "aout",     "septembre",
      "octobre",  "novembre",  "decembre", "enero",    "febrero",    "marzo",    "abril",
      "mayo",     "junio",     "julio",    "agosto",   "septiembre", "octubre",  "noviembre",
      "diciembre"};
  for (std::string_view m : kMonths)
    if (folded == m) return true;
  return false;
}

}  // namespace

bool SentenceSplitter::EndsSentence(std::string_view text, size_t line_begin, size_t at,
                                    size_t after, size_t next) const {
  // The terminal run itself: text[at, run_end) holds only terminal characters and spaces of
  // ". . ." ellipses.
  const std::string_view run = text.substr(at, after - at);
  bool has_question = false;
  bool has_ellipsis = false;
  bool has_closer = false;
  int periods = 0;
  for (size_t i = 0; i < run.size();) {
    const char32_t cp = DecodeUtf8(run, i);
    if (cp == '?' || cp == '!' || cp == U'؟' || cp == U'？' || cp == U'！') has_question = true;
    if (cp == U'…') has_ellipsis = true;
    if (cp == '.') ++periods;
    if (IsCloser(cp)) has_closer = true;
  }
  if (periods >= 2) has_ellipsis = true;

  // The next word: skip opening quotes and brackets.
  size_t n = next;
  char32_t first = 0;
  bool opened = false;
  while (n < text.size()) {
    size_t k = n;
    first = DecodeUtf8(text, k);
    if (!IsOpener(first)) break;
    opened = true;
    n = k;
  }
  if (n >= text.size()) return true;
  size_t word_end = n;
  while (word_end < text.size()) {
    size_t k = word_end;
    if (!IsWordChar(DecodeUtf8(text, k))) break;
    word_end = k;
  }
  const std::string_view next_word = text.substr(n, word_end - n);
  const Case next_case = CaseOf(first);

  if (has_question) {
    // "'Why?' he asked" goes on; "Why? He asked" and informal "why? no idea" end.
    return !(next_case == Case::kLower && has_closer);
  }
  if (has_ellipsis) return next_case == Case::kUpper || opened || next_case == Case::kDigit;
  if (next_case == Case::kOther && !opened) return true;

  // A single period: look at the word before it (the non-space run, opening marks stripped).
  size_t wb = at;
  while (wb > line_begin && !IsSpaceByte(text[wb - 1])) --wb;
  std::string_view word = text.substr(wb, at - wb);
  while (!word.empty()) {
    size_t k = 0;
    const char32_t cp = DecodeUtf8(word, k);
    if (!IsOpener(cp)) break;
    word.remove_prefix(k);
  }
  if (word.empty()) return true;
  // A word ending in a closing bracket or quote before the period: "(AFP)." ends.
  {
    size_t k = word.size() - 1;
    while (k > 0 && (static_cast<unsigned char>(word[k]) & 0xC0) == 0x80) --k;
    size_t kk = k;
    const char32_t last = DecodeUtf8(word, kk);
    if (!IsWordChar(last)) return next_case != Case::kLower || opened;
  }

  std::optional<AbbreviationClass> found = words_->FindAbbreviation(word);
  if (!found && wb >= 2 && text[wb - 1] == ' ' && text[wb - 2] == '.') {
    // Two-word entries such as "p. ex": try the previous word with this one.
    size_t pb = wb - 1;
    while (pb > line_begin && !IsSpaceByte(text[pb - 1])) --pb;
    found = words_->FindAbbreviation(text.substr(pb, at - pb));
  }
  // The word's class, kOrdinal standing for "an ordinary word" (ordinal markers are words).
  const AbbreviationClass cls = found.value_or(AbbreviationClass::kOrdinal);
  const bool abbreviation = cls != AbbreviationClass::kOrdinal;
  // Dotted initials ("U.N", "EE.UU", "J.-C"): a capital letter first, periods inside, no digit.
  bool has_digit = false;
  for (char c : word)
    if (c >= '0' && c <= '9') has_digit = true;
  const bool all_digits =
      has_digit && word.find_first_not_of("0123456789") == std::string_view::npos;
  size_t probe = 0;
  const char32_t word_first = DecodeUtf8(word, probe);
  const bool dotted =
      word.find('.') != std::string_view::npos && !has_digit && CaseOf(word_first) == Case::kUpper;
  const bool single_letter = probe == word.size() && CaseOf(word_first) == Case::kUpper;

  if (cls == AbbreviationClass::kTitle) return false;
  // A number after a period continues the sentence far more often than it starts one:
  // "Jan. 28", "No. 3", "(pop. 256,000)".
  if (next_case == Case::kDigit) return false;
  if (next_case == Case::kLower && !opened) {
    if (abbreviation || dotted || single_letter) return false;
    if (all_digits) return false;
    // A lower-case word after a full word and a period: informal text that does not capitalise.
    return word.size() > 1;
  }
  // Next is capitalised (or opened by a quote or bracket).
  if (all_digits && word.size() <= 2) {
    // An ordinal: "am 3. Oktober", "am 15. Dez.", "der 2. Weltkrieg", "1. First point".
    std::string folded;
    AppendFoldedWord(next_word, folded);
    if (IsMonthName(folded)) return false;
    const bool next_abbreviated = word_end < text.size() && text[word_end] == '.';
    if (next_abbreviated && words_->FindAbbreviation(next_word) == AbbreviationClass::kMonth)
      return false;
    if (wb == line_begin) return false;
    size_t pe = wb;
    while (pe > line_begin && IsSpaceByte(text[pe - 1])) --pe;
    size_t pb = pe;
    while (pb > line_begin && !IsSpaceByte(text[pb - 1])) --pb;
    if (pb < pe &&
        words_->FindAbbreviation(text.substr(pb, pe - pb)) == AbbreviationClass::kOrdinal) {
      return false;
    }
  }
  if (cls == AbbreviationClass::kInitialism || dotted || single_letter) {
    return words_->IsSentenceStarter(next_word);
  }
  return true;
}

void SentenceSplitter::Split(std::string_view text, Span region, std::vector<Span>& out) const {
  size_t sentence_begin = region.begin;
  size_t line_begin = region.begin;
  auto emit = [&](size_t end) {
    Span s = Trim(text, Span{static_cast<uint32_t>(sentence_begin), static_cast<uint32_t>(end)});
    if (!s.empty()) out.push_back(s);
  };
  size_t i = region.begin;
  while (i < region.end) {
    const unsigned char c = text[i];
    if (c == '\n') {
      emit(i);
      sentence_begin = line_begin = i + 1;
      ++i;
      continue;
    }
    if (c != '.' && c != '!' && c != '?' && c < 0x80) {
      ++i;
      continue;
    }
    size_t k = i;
    const char32_t cp = DecodeUtf8(text, k);
    if (!IsTerminal(cp)) {
      i = k;
      continue;
    }
    // Extend over the terminal run ("?!", "...", ". . .") and closing marks.
    size_t after = k;
    while (after < region.end) {
      size_t m = after;
      const char32_t d = DecodeUtf8(text, m);
      if (IsTerminal(d) || IsCloser(d)) {
        after = m;
      } else if (d == ' ' && m < region.end && text[m] == '.' && cp == '.') {
        after = m;  // spaced ellipsis ". . ."
      } else {
        break;
      }
    }
    // French typography puts a space before the closing guillemet: "pas. »".
    if (after + 3 <= region.end && text[after] == ' ' && text.substr(after + 1, 2) == "\xC2\xBB") {
      after += 3;
    }
    if (after >= region.end) break;
    if (!IsSpaceByte(text[after])) {
      i = after;  // "3.5", "U.S.", "www.example.org": no space, no boundary
      continue;
    }
    size_t next = after;
    while (next < region.end && (text[next] == ' ' || text[next] == '\t')) ++next;
    if (next >= region.end || text[next] == '\n' || text[next] == '\r') {
      i = next;  // the line break itself ends the sentence
      continue;
    }
    if (EndsSentence(text.substr(0, region.end), line_begin, i, after, next)) {
      emit(after);
      sentence_begin = next;
    }
    i = next;
  }
  emit(region.end);
}

std::vector<Span> SentenceSplitter::Split(std::string_view text) const {
  std::vector<Span> out;
  Split(text, Span{0, static_cast<uint32_t>(text.size())}, out);
  return out;
}

}  // namespace frontline::text
