#include "text/layer.h"

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
      layer.sentences.push_back(Sentence{s, p, first, static_cast<uint32_t>(layer.tokens.size())});
    }
  }
}

}  // namespace frontline::text
