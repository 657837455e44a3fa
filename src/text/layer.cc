#include "text/layer.h"

#include <algorithm>

namespace frontline::text {

void Analyze(std::string_view text, std::span<const Span> paragraphs,
             const SentenceSplitter& splitter, TextLayer& layer) {
  layer.Clear();
  std::vector<Span> spans;
  for (uint32_t p = 0; p < paragraphs.size(); ++p) {
    spans.clear();
    splitter.Split(text, paragraphs[p], spans);
    for (const Span& s : spans) {
      const uint32_t first = static_cast<uint32_t>(layer.tokens.size());
      Tokenize(text, s, layer.tokens, layer.folds);
      const uint32_t end = static_cast<uint32_t>(layer.tokens.size());
      if (end - first <= kMaxSentenceTokens) {
        layer.sentences.push_back(Sentence{s, p, first, end});
        continue;
      }
      // A "sentence" of thousands of tokens is a list, a table or a hostile page, not prose:
      // cut into pieces of at most kMaxSentenceTokens tokens, so that no stage's per-sentence
      // work (pairs of tokens, of mentions) grows without bound.
      for (uint32_t from = first; from < end; from += kMaxSentenceTokens) {
        const uint32_t to = std::min(end, from + kMaxSentenceTokens);
        const Span piece{layer.tokens[from].span.begin, layer.tokens[to - 1].span.end};
        layer.sentences.push_back(Sentence{piece, p, from, to});
      }
    }
  }
}

}  // namespace frontline::text
