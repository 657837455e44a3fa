#include "event/phrases.h"

#include "text/fold.h"
#include "text/tokens.h"

namespace frontline::event {
namespace {

bool IsHyphen(const text::TextLayer& layer, const text::Token& t) {
  return t.kind == text::TokenKind::kPunct && layer.FoldOf(t) == "-";
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
    if (IsHyphen(l, l.tokens[i])) continue;
    tokens.push_back(i);
    hashes.push_back(HashWord(l.FoldOf(l.tokens[i])));
  }
}

std::string FoldWord(std::string_view word) {
  std::string out;
  std::vector<text::Token> tokens;
  std::string folds;
  text::Tokenize(word, text::Span{0, static_cast<uint32_t>(word.size())}, tokens, folds);
  for (const text::Token& t : tokens) {
    if (t.kind == text::TokenKind::kPunct && folds.substr(t.fold_begin, 1) == "-") continue;
    out.append(folds, t.fold_begin, t.fold_end - t.fold_begin);
  }
  return out;
}

bool PhraseMatcher::Add(std::string_view phrase, uint32_t value, bool caps_only) {
  // Tokenise each alternative of each space-separated position; a position whose words
  // tokenise to several words ("al-Sham") becomes several positions.
  Phrase p{{}, value, caps_only};
  std::vector<text::Token> tokens;
  std::string folds;
  size_t start = 0;
  while (start <= phrase.size()) {
    size_t end = phrase.find(' ', start);
    if (end == std::string_view::npos) end = phrase.size();
    const std::string_view item = phrase.substr(start, end - start);
    start = end + 1;
    if (item.empty()) continue;
    if (item.find('|') == std::string_view::npos) {
      tokens.clear();
      folds.clear();
      text::Tokenize(item, text::Span{0, static_cast<uint32_t>(item.size())}, tokens, folds);
      for (const text::Token& t : tokens) {
        std::string f = folds.substr(t.fold_begin, t.fold_end - t.fold_begin);
        if (t.kind == text::TokenKind::kPunct && f == "-") continue;
        p.words.push_back({std::move(f)});
      }
    } else {
      std::vector<std::string> alternatives;
      size_t a = 0;
      while (a <= item.size()) {
        size_t b = item.find('|', a);
        if (b == std::string_view::npos) b = item.size();
        const std::string_view alternative = item.substr(a, b - a);
        tokens.clear();
        folds.clear();
        text::Tokenize(alternative, text::Span{0, static_cast<uint32_t>(alternative.size())},
                       tokens, folds);
        size_t words = 0;
        for (const text::Token& t : tokens)
          words += !(t.kind == text::TokenKind::kPunct && folds.substr(t.fold_begin, 1) == "-");
        if (words > 1) return false;  // an alternative is one word
        std::string f = FoldWord(alternative);
        if (!f.empty()) alternatives.push_back(std::move(f));
        a = b + 1;
      }
      if (!alternatives.empty()) p.words.push_back(std::move(alternatives));
    }
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
