#include "time/tagger.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "time/matcher.h"

namespace frontline::time {
namespace {

using internal::Bit;
using internal::FindIn;
using internal::kNumberBit;
using internal::Matcher;
using internal::Word;

// Parses an integer token with an optional ordinal suffix ("28th", "1er") or decade suffix
// ("1990s").
void ParseNumber(Word& w) {
  const std::string_view f = w.fold;
  size_t k = 0;
  while (k < f.size() && f[k] >= '0' && f[k] <= '9') ++k;
  if (k == 0 || k > 4) return;
  const std::string_view suffix = f.substr(k);
  const int value = std::atoi(std::string(f.substr(0, k)).c_str());
  if (suffix.empty()) {
    w.number = value;
  } else if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th" ||
             suffix == "er" || suffix == "e" || suffix == "re") {
    w.number = value;
    w.ordinal = true;
  } else if (suffix == "s" && (k == 4 || k == 2) && value % 10 == 0) {
    w.number = k == 2 ? 1900 + value : value;
    w.decade = true;
  } else {
    return;
  }
  w.digits = static_cast<int>(k);
}

// Words ending in "-ed" that are not past forms: "will succeed", "a hundred", "indeed".
bool NotPastEd(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "succeed", "proceed", "exceed", "need", "feed", "speed", "bleed", "breed",
      "heed",    "indeed",  "hundred", "seed", "greed", "naked", "sacred", "wicked", "embed"};
  for (std::string_view k : kWords)
    if (w == k) return true;
  return false;
}

// Whether an expression may start at word i: a number, a word of a category that opens
// expressions, or a function word ("the", "a", "le") followed by a word the lexicon knows.
bool MayOpen(const std::vector<Word>& words, size_t i) {
  const Word& w = words[i];
  if (w.is_punct) return false;
  if (!w.is_word) return true;                              // numbers
  if (w.fold.size() == 2 && w.fold[0] == 'q') return true;  // "Q3"
  if (w.entries == nullptr) return false;
  bool opens = false, function_word = false;
  for (const LexEntry& e : *w.entries) {
    switch (e.category) {
      case Category::kSince:
      case Category::kFuture:
      case Category::kNumNoun:
      case Category::kCountNoun:
      case Category::kAgo:
      case Category::kLater:
        break;
      case Category::kNumber:
      case Category::kOpener:
        if (w.fold == "a" || w.fold == "an" || w.fold == "the" || w.fold == "le" ||
            w.fold == "la" || w.fold == "les" || w.fold == "un" || w.fold == "une" ||
            w.fold == "that") {
          function_word = true;
        } else {
          opens = true;
        }
        break;
      default:
        opens = true;
    }
  }
  if (opens) return true;
  if (!function_word || i + 1 >= words.size()) return false;
  const Word& next = words[i + 1];
  return !next.is_punct && (!next.is_word || next.entries != nullptr);
}

}  // namespace

void Tagger::Tag(std::string_view text, const text::TextLayer& layer,
                 const text::Sentence& sentence, std::vector<Expression>& out) const {
  thread_local std::vector<Word> words;  // reused: no allocation per sentence
  words.clear();
  thread_local std::vector<int> tense_marks;  // per word: +1 future, -1 past, -2 weak past, 0
  tense_marks.clear();
  for (uint32_t t = sentence.token_begin; t < sentence.token_end; ++t) {
    const text::Token& token = layer.tokens[t];
    Word w;
    w.span = token.span;
    w.surface = token.span.Of(text);
    w.fold = layer.FoldOf(token);
    w.is_word = token.kind == text::TokenKind::kWord;
    w.is_punct = token.kind == text::TokenKind::kPunct;
    if (w.is_word) {
      const unsigned char c = static_cast<unsigned char>(w.surface.front());
      w.upper = (c >= 'A' && c <= 'Z') || (c >= 0xC3 && w.surface.size() > 1 &&
                                           static_cast<unsigned char>(w.surface[1]) >= 0x80 &&
                                           static_cast<unsigned char>(w.surface[1]) <= 0x9E);
      // French elision: "l'an" -> "an", "d'août" -> "aout", "qu'en" -> "en".
      const std::string_view sf = w.surface;
      const size_t apostrophe =
          sf.size() > 2 && (sf[1] == '\'' || sf.substr(1, 3) == "\xE2\x80\x99")   ? 1
          : sf.size() > 3 && (sf[2] == '\'' || sf.substr(2, 3) == "\xE2\x80\x99") ? 2
                                                                                  : 0;
      if (apostrophe == 1 || apostrophe == 2) {
        const size_t skip = apostrophe == 1 ? 1 : 2;
        if (w.fold.size() > skip + 1) w.fold.remove_prefix(skip);
      }
      w.entries = lexicon_->Entries(w.fold);
      if (w.entries != nullptr) {
        for (const LexEntry& entry : *w.entries) w.mask |= Bit(entry.category);
      }
      int mark = 0;
      if (FindIn(w.entries, Category::kFuture) != nullptr || w.surface.ends_with("'ll") ||
          w.surface.ends_with("\xE2\x80\x99ll")) {
        mark = 1;
      } else if (FindIn(w.entries, Category::kPast) != nullptr) {
        mark = -1;
      } else if (w.fold.size() > 4 && w.fold.ends_with("ed") && !NotPastEd(w.fold)) {
        // A past participle after a determiner is an adjective ("the reduced dividend").
        const std::string_view prev = words.empty() ? std::string_view() : words.back().fold;
        const bool adjective = prev == "the" || prev == "a" || prev == "an" || prev == "its" ||
                               prev == "their" || prev == "his" || prev == "her" ||
                               prev == "this" || prev == "that" || prev == "our";
        if (!adjective) mark = -2;  // weak: counts only just before the expression
      }
      tense_marks.push_back(mark);
      words.push_back(w);
      continue;
    } else if (token.kind == text::TokenKind::kNumber) {
      ParseNumber(w);
      w.entries = lexicon_->Entries(w.fold);  // "1er"
      w.mask = kNumberBit;
      if (w.entries != nullptr) {
        for (const LexEntry& entry : *w.entries) w.mask |= Bit(entry.category);
      }
    }
    tense_marks.push_back(0);
    words.push_back(w);
  }
  // "is to resume", "are to meet": a plan, so the future ("is to blame", "is to the north"
  // are not).
  for (size_t k = 1; k + 1 < words.size(); ++k) {
    const std::string_view next = words[k + 1].fold;
    if (words[k].fold == "to" && (words[k - 1].fold == "is" || words[k - 1].fold == "are") &&
        words[k + 1].is_word && next != "blame" && next != "the" && next != "a" && next != "an" &&
        next != "this" && next != "that" && next != "its" && next != "their" && next != "his" &&
        next != "her") {
      tense_marks[k - 1] = 1;
    }
  }
  Matcher matcher(*lexicon_, words);
  for (size_t i = 0; i < words.size();) {
    // Most words open nothing: skip them without trying every rule.
    if (!MayOpen(words, i)) {
      ++i;
      continue;
    }
    Expression e;
    const size_t end = matcher.Match(i, e);
    if (end == i) {
      ++i;
      continue;
    }
    // The tense of the clause: the nearest marker, looking 8 words left and 6 right (an "-ed"
    // word counts 5 words left and 3 right: further off it is as often an adjective).
    e.tense = 0;
    for (size_t d = 1; d <= 8 && e.tense == 0; ++d) {
      if (i >= d && tense_marks[i - d] != 0 && (tense_marks[i - d] != -2 || d <= 5)) {
        e.tense = tense_marks[i - d] == -2 ? -1 : tense_marks[i - d];
      }
      // A weak past just after the expression is its clause's verb ("a court Thursday
      // refused", "in March, it announced").
      if (e.tense == 0 && d <= 6 && end - 1 + d < words.size() && tense_marks[end - 1 + d] != 0 &&
          (tense_marks[end - 1 + d] != -2 || d <= 3)) {
        e.tense = tense_marks[end - 1 + d] == -2 ? -1 : tense_marks[end - 1 + d];
      }
    }
    // No marker nearby: a future auxiliary further left still governs the clause ("will be
    // named commander of the shuttle for a mission in December"), up to the sentence's start.
    // Past is the default reading of news, so only the future is looked for this far.
    for (size_t d = 9; e.tense == 0 && d <= 20 && i >= d; ++d) {
      const Word& back = words[i - d];
      if (back.is_punct && (back.fold == "." || back.fold == ";" || back.fold == "!" ||
                            back.fold == "?")) {
        break;
      }
      if (tense_marks[i - d] == 1) e.tense = 1;
    }
    if (e.modifier == 1) e.tense = 1;
    {
      // "said Monday", "announced on Tuesday": the day of the saying, which is past; "as soon
      // as Tuesday": ahead.
      size_t b = i;
      if (b > 0 && (words[b - 1].fold == "on" || words[b - 1].fold == "le")) --b;
      if (b > 0) {
        const std::string_view prev = words[b - 1].fold;
        if (prev == "said" || prev == "told" || prev == "announced" || prev == "reported" ||
            prev == "added" || prev == "declared" || prev == "confirmed" || prev == "denied" ||
            prev == "says" || prev == "a declare" || prev == "annonce") {
          e.tense = -1;
        } else if (prev == "soon" && b > 1 && words[b - 2].fold == "as") {
          e.tense = 1;
        }
      }
    }
    e.future = e.tense > 0;
    // The range word before it.
    if (i > 0) {
      size_t b = i - 1;
      if (words[b].fold == "the" && b > 0) --b;
      if (const LexEntry* r = lexicon_->Find(words[b].fold, Category::kSince)) {
        const std::string& c = r->code;
        e.before = c == "since"     ? RangeWord::kSince
                   : c == "from"    ? RangeWord::kFrom
                   : c == "until"   ? RangeWord::kUntil
                   : c == "between" ? RangeWord::kBetween
                   : c == "and"     ? RangeWord::kAnd
                                    : RangeWord::kTo;
        e.before_begin = words[b].span.begin;
      }
    }
    out.push_back(e);
    i = end;
  }
}

}  // namespace frontline::time
