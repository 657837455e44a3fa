#include "event/phrases.h"

#include "text/fold.h"
#include "text/tokens.h"

namespace frontline::event {
namespace {

// Hyphens are not words: "Al-Nouman" and "al Nouman" are the same two words.
bool IsHyphen(text::TokenKind kind, std::string_view fold) {
  return kind == text::TokenKind::kPunct && fold == "-";
}

// The folded words of `s`, tokenised as documents are.
std::vector<std::string> FoldedWords(std::string_view s) {
  std::vector<text::Token> tokens;
  std::string folds;
  text::Tokenize(s, text::Span{0, static_cast<uint32_t>(s.size())}, tokens, folds);
  std::vector<std::string> words;
  for (const text::Token& t : tokens) {
    std::string f = folds.substr(t.fold_begin, t.fold_end - t.fold_begin);
    if (!IsHyphen(t.kind, f)) words.push_back(std::move(f));
  }
  return words;
}

bool AllCaps(std::string_view s) {
  bool letter = false;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') letter = true;
  }
  return letter;
}

}  // namespace

void Words::Reset(const text::TextLayer& l, std::string_view t, const text::Sentence& sentence) {
  layer = &l;
  text = t;
  tokens.clear();
  hashes.clear();
  for (uint32_t i = sentence.token_begin; i < sentence.token_end; ++i) {
    if (IsHyphen(l.tokens[i].kind, l.FoldOf(l.tokens[i]))) continue;
    tokens.push_back(i);
    hashes.push_back(HashWord(l.FoldOf(l.tokens[i])));
  }
}

bool PhraseMatcher::Add(std::string_view phrase, uint32_t value, bool caps_only) {
  // Each space-separated position is folded like document words; a position that folds to
  // several words ("al-Sham") becomes several positions, but an alternative must be one word.
  Phrase p{{}, value, caps_only};
  size_t start = 0;
  while (start <= phrase.size()) {
    size_t end = phrase.find(' ', start);
    if (end == std::string_view::npos) end = phrase.size();
    const std::string_view item = phrase.substr(start, end - start);
    start = end + 1;
    if (item.empty()) continue;
    if (item.find('|') == std::string_view::npos) {
      for (std::string& f : FoldedWords(item)) p.words.push_back({std::move(f)});
      continue;
    }
    std::vector<std::string> alternatives;
    size_t a = 0;
    while (a <= item.size()) {
      size_t b = item.find('|', a);
      if (b == std::string_view::npos) b = item.size();
      std::vector<std::string> words = FoldedWords(item.substr(a, b - a));
      if (words.size() > 1) return false;  // an alternative is one word
      if (!words.empty()) alternatives.push_back(std::move(words[0]));
      a = b + 1;
    }
    if (!alternatives.empty()) p.words.push_back(std::move(alternatives));
  }
  if (p.words.empty()) return false;
  const uint32_t index = static_cast<uint32_t>(phrases_.size());
  for (const std::string& first : p.words[0]) {
    if (p.words.size() == 1) {
      by_one_[HashWord(first)].push_back(index);
      continue;
    }
    for (const std::string& second : p.words[1])
      by_two_[PairKey(HashWord(first), HashWord(second))].push_back(index);
  }
  phrases_.push_back(std::move(p));
  return true;
}

bool PhraseMatcher::Fits(const Phrase& p, const Words& words, size_t i) {
  if (i + p.words.size() > words.size()) return false;
  for (size_t k = 0; k < p.words.size(); ++k) {
    const std::string_view f = words.fold(i + k);
    bool any = false;
    for (const std::string& alt : p.words[k]) any = any || alt == f;
    if (!any || (p.caps_only && !AllCaps(words.surface(i + k)))) return false;
  }
  return true;
}

PhraseMatch PhraseMatcher::Match(const Words& words, size_t i) const {
  PhraseMatch best;
  ForEachMatch(words, i, [&](uint32_t length, uint32_t value) {
    if (length > best.length) best = {length, value};
  });
  return best;
}

}  // namespace frontline::event
