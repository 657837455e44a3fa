// Span: a half-open byte range [begin, end) into a document's clean UTF-8 text.
//
// Every stage after the reader refers to text by (document, sentence, span); spans are byte
// offsets, never character indices, so they index std::string and std::string_view directly.
#ifndef FRONTLINE_TEXT_SPAN_H_
#define FRONTLINE_TEXT_SPAN_H_

#include <cstdint>
#include <string_view>

namespace frontline::text {

struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;

  uint32_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool Contains(const Span& other) const { return begin <= other.begin && other.end <= end; }
  bool Overlaps(const Span& other) const { return begin < other.end && other.begin < end; }
  // The bytes of `text` this span covers. The span must lie inside `text`.
  std::string_view Of(std::string_view text) const { return text.substr(begin, end - begin); }

  friend bool operator==(const Span&, const Span&) = default;
};

// Shrinks `span` so that it starts and ends on a non-space byte of `text` (ASCII spaces, tabs,
// newlines and carriage returns). An all-space span becomes empty at its end.
Span Trim(std::string_view text, Span span);

}  // namespace frontline::text

#endif  // FRONTLINE_TEXT_SPAN_H_
