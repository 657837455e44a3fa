// The text layer of a document: its sentences and tokens, by byte span into the clean text.
#ifndef FRONTLINE_TEXT_LAYER_H_
#define FRONTLINE_TEXT_LAYER_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "text/sentences.h"
#include "text/span.h"
#include "text/tokens.h"

namespace frontline::text {

struct Sentence {
  Span span;             // trimmed bytes of the sentence in the clean text
  uint32_t paragraph;    // index of the paragraph that holds it
  uint32_t token_begin;  // its tokens are tokens[token_begin, token_end) of the layer
  uint32_t token_end;
};

struct TextLayer {
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  std::string folds;  // the folded forms of all tokens, back to back

  std::string_view FoldOf(const Token& token) const {
    return std::string_view(folds).substr(token.fold_begin, token.fold_end - token.fold_begin);
  }
  // Clears the layer but keeps its buffers, so that one layer can be reused across documents.
  void Clear() {
    sentences.clear();
    tokens.clear();
    folds.clear();
  }
};

// Tokens a sentence may have: longer ones are cut into pieces of this many (see Analyze).
inline constexpr uint32_t kMaxSentenceTokens = 512;

// Splits each paragraph of `text` into sentences and tokenises each sentence, filling `layer`
// (cleared first). Paragraph spans must be ordered and lie inside `text`.
void Analyze(std::string_view text, std::span<const Span> paragraphs,
             const SentenceSplitter& splitter, TextLayer& layer);

}  // namespace frontline::text

#endif  // FRONTLINE_TEXT_LAYER_H_
