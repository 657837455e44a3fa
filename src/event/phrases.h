// Dictionary phrases matched on the folded words of a sentence.
//
// A phrase is a sequence of words; each position may list alternatives separated by '|'
// ("seize|seized|seizes control of"). Phrases are tokenised and folded exactly as documents
// are, so "Hay'at Tahrir al-Cham" matches "Hayat Tahrir Al Cham". Hyphens are not words: the
// caller matches over a sentence's words without its hyphen tokens (Words below), so "Al-Nosra"
// and "al Nosra" are the same two words.
#ifndef FRONTLINE_EVENT_PHRASES_H_
#define FRONTLINE_EVENT_PHRASES_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/layer.h"

namespace frontline::event {

// The words of one sentence: indices into the layer's tokens, hyphen tokens left out.
struct Words {
  const text::TextLayer* layer = nullptr;
  std::string_view text;  // the document's clean text
  std::vector<uint32_t> tokens;
  std::vector<uint64_t> hashes;  // of each word's fold (PhraseMatcher's index keys)

  size_t size() const { return tokens.size(); }
  const text::Token& token(size_t i) const { return layer->tokens[tokens[i]]; }
  std::string_view fold(size_t i) const { return layer->FoldOf(token(i)); }
  std::string_view surface(size_t i) const { return token(i).span.Of(text); }
  // Fills the words of `sentence` (reuses the buffer).
  void Reset(const text::TextLayer& l, std::string_view t, const text::Sentence& sentence);
};

// The key of a folded word in a PhraseMatcher's index.
inline uint64_t HashWord(std::string_view fold) { return std::hash<std::string_view>{}(fold); }

struct PhraseMatch {
  uint32_t length = 0;  // words matched; 0 when none
  uint32_t value = 0;   // the value the phrase was added with
};

class PhraseMatcher {
 public:
  // Adds a phrase with `value`. With `caps_only`, the phrase matches only where each word of
  // the text is written in capitals (acronyms: "HTS", not "hts"). Returns false when the
  // phrase has no word or an alternative of several words ("cease fire|truce").
  bool Add(std::string_view phrase, uint32_t value, bool caps_only = false);
  // The longest phrase that starts at word `i` of `words` (the first added wins a tie).
  PhraseMatch Match(const Words& words, size_t i) const;
  // Calls `fn(length, value)` for every phrase that starts at word `i`. Costs one or two hash
  // lookups: phrases are indexed by their first word when they have one word, by their first
  // two otherwise.
  template <typename Fn>
  void ForEachMatch(const Words& words, size_t i, Fn&& fn) const {
    if (i >= words.size()) return;
    const uint64_t first = words.hashes[i];
    auto visit = [&](const std::unordered_map<uint64_t, std::vector<uint32_t>>& index, uint64_t key) {
      auto it = index.find(key);
      if (it == index.end()) return;
      for (uint32_t p : it->second) {
        if (Fits(phrases_[p], words, i))
          fn(static_cast<uint32_t>(phrases_[p].words.size()), phrases_[p].value);
      }
    };
    visit(by_one_, first);
    if (i + 1 < words.size()) visit(by_two_, PairKey(first, words.hashes[i + 1]));
  }
  size_t size() const { return phrases_.size(); }

 private:
  struct Phrase {
    std::vector<std::vector<std::string>> words;  // alternatives per position
    uint32_t value;
    bool caps_only;
  };
  static bool Fits(const Phrase& p, const Words& words, size_t i);
  static uint64_t PairKey(uint64_t a, uint64_t b) { return a * 0x9E3779B97F4A7C15ull ^ b; }
  std::vector<Phrase> phrases_;
  std::unordered_map<uint64_t, std::vector<uint32_t>> by_one_;  // one-word phrases
  std::unordered_map<uint64_t, std::vector<uint32_t>> by_two_;  // the rest, by their first two
};

}  // namespace frontline::event

#endif  // FRONTLINE_EVENT_PHRASES_H_
