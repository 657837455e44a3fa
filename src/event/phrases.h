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

  size_t size() const { return tokens.size(); }
  const text::Token& token(size_t i) const { return layer->tokens[tokens[i]]; }
  std::string_view fold(size_t i) const { return layer->FoldOf(token(i)); }
  std::string_view surface(size_t i) const { return token(i).span.Of(text); }
  // Fills the words of `sentence` (reuses the buffer).
  void Reset(const text::TextLayer& l, std::string_view t, const text::Sentence& sentence);
};

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
  // Calls `fn(length, value)` for every phrase that starts at word `i`.
  template <typename Fn>
  void ForEachMatch(const Words& words, size_t i, Fn&& fn) const {
    if (i >= words.size()) return;
    auto it = by_first_.find(words.fold(i));
    if (it == by_first_.end()) return;
    for (uint32_t index : it->second) {
      if (Fits(phrases_[index], words, i))
        fn(static_cast<uint32_t>(phrases_[index].words.size()), phrases_[index].value);
    }
  }
  // Whether any phrase starts at word `i`.
  bool Matches(const Words& words, size_t i) const { return Match(words, i).length > 0; }
  size_t size() const { return phrases_.size(); }

 private:
  struct Phrase {
    std::vector<std::vector<std::string>> words;  // alternatives per position
    uint32_t value;
    bool caps_only;
  };
  static bool Fits(const Phrase& p, const Words& words, size_t i);
  std::vector<Phrase> phrases_;
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // first word -> phrases
  std::unordered_map<std::string, std::vector<uint32_t>, Hash, std::equal_to<>> by_first_;
};

// Folds one dictionary word as document tokens are folded ("Hay'at" -> "hayat").
std::string FoldWord(std::string_view word);

}  // namespace frontline::event

#endif  // FRONTLINE_EVENT_PHRASES_H_
