// Documents: what a reader takes in (RawDocument) and what it gives the rest of the pipeline
// (Document: metadata and clean text in paragraphs).
#ifndef FRONTLINE_DOC_DOCUMENT_H_
#define FRONTLINE_DOC_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/span.h"

namespace frontline::doc {

// How the bytes of a document are to be read.
enum class Format {
  kAuto,   // sniffed from the file name and the first bytes
  kText,   // plain text, possibly a scraped page with its furniture
  kHtml,   // an HTML page as served
  kJsonl,  // a feed: one JSON object a line (only for whole inputs, never for one record)
  kWarc,   // a web archive of HTTP responses (only for whole inputs, never for one record)
};

// Parses "auto", "text", "html", "jsonl", "warc"; returns false for anything else.
bool ParseFormat(std::string_view name, Format& format);
std::string_view FormatName(Format format);

// One document as it comes from a source, before decoding and cleaning.
struct RawDocument {
  std::string origin;             // the file it came from, or "-" for standard input
  uint64_t line = 0;              // 1-based line of a feed record; 0 for a whole file
  Format format = Format::kAuto;  // never kJsonl or kWarc: a record says text or html
  std::string bytes;              // the content, in any encoding (feed records are UTF-8)
  std::string charset;  // an encoding declared outside the content (e.g. by the caller), or ""
  // Metadata a feed record carries; empty when absent.
  std::string id;
  std::string url;
  std::string title;
  std::string published;

  // "origin" or "origin:line", the prefix of every message about this document.
  std::string Where() const;
};

enum class ParagraphKind : uint8_t {
  kBody,      // running text
  kHeading,   // a subheading inside the article
  kListItem,  // an item of a list in the article
  kQuote,     // a block quotation (including embedded posts)
};

struct Paragraph {
  text::Span span;  // bytes of the paragraph in Document::text
  ParagraphKind kind = ParagraphKind::kBody;
};

// A clean document: UTF-8 (NFC), its article text only, page furniture removed.
struct Document {
  std::string id;                 // the feed's id, else its URL, else Where() of the raw document
  std::string origin;             // as RawDocument::origin
  uint64_t line = 0;              // as RawDocument::line
  Format format = Format::kText;  // kText or kHtml: how the body was read
  std::string url;                // canonical URL when known
  std::string title;
  std::string published;       // publication date or timestamp as the source states it, trimmed
  std::string published_from;  // where it was found: "feed", "meta", "json-ld", "time", "url", ""
  std::string language;        // BCP 47 tag as declared ("en", "fr-FR"), or ""
  std::string encoding;        // the encoding the bytes were in ("UTF-8", "windows-1252", ...)
  std::string text;  // the article body: one paragraph a line, paragraphs joined by "\n\n"
  std::vector<Paragraph> paragraphs;  // in order, each a line of `text`
  std::vector<std::string> captions;  // photo captions, each once, without credits
  std::vector<std::string> warnings;  // problems that did not stop reading (truncated HTML, ...)
  bool complete = true;  // false when only part of the input could be read (truncated HTML)
};

// Appends `paragraph` (one line, no newline) to `document`'s text and paragraph list.
void AppendParagraph(Document& document, std::string_view paragraph, ParagraphKind kind);

}  // namespace frontline::doc

#endif  // FRONTLINE_DOC_DOCUMENT_H_
