// Sentence splitting for news text.
//
// Rules, not a model: a sentence ends at . ! ? … ؟ 。 (with any closing quotes and brackets
// after them) when what follows starts a new sentence, and at every line break. A period after
// an abbreviation (Gen., Jan. 28, etc.), an initial (George W. Bush), a number (3.5, "3. Oktober")
// or inside a token (U.S., www.example.org) is weighed against the next word: a capitalised
// closed-class word ("The", "It") after an initial or initialism ends the sentence, a name does
// not. Line breaks are boundaries because readers emit one line per paragraph, headline or list
// item: a headline without a full stop is a sentence of its own.
#ifndef FRONTLINE_TEXT_SENTENCES_H_
#define FRONTLINE_TEXT_SENTENCES_H_

#include <string_view>
#include <vector>

#include "text/abbreviations.h"
#include "text/span.h"

namespace frontline::text {

class SentenceSplitter {
 public:
  // `words` must outlive the splitter. Thread-safe: Split is const and keeps no state.
  explicit SentenceSplitter(const WordLists& words) : words_(&words) {}

  // Appends the sentences inside `region` of `text` to `out`, in order, each trimmed of
  // surrounding white space; empty sentences are never emitted. O(region size).
  void Split(std::string_view text, Span region, std::vector<Span>& out) const;

  // The sentences of the whole of `text`.
  std::vector<Span> Split(std::string_view text) const;

 private:
  // True when the terminal punctuation text[at, after) ends a sentence; `after` is just past the
  // closing quotes and brackets that follow it, `next` the start of the next non-space text.
  bool EndsSentence(std::string_view text, size_t line_begin, size_t at, size_t after,
                    size_t next) const;

  const WordLists* words_;
};

}  // namespace frontline::text

#endif  // FRONTLINE_TEXT_SENTENCES_H_
