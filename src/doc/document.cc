#include "doc/document.h"

namespace frontline::doc {

bool ParseFormat(std::string_view name, Format& format) {
  if (name == "auto") {
    format = Format::kAuto;
  } else if (name == "text" || name == "txt") {
    format = Format::kText;
  } else if (name == "html") {
    format = Format::kHtml;
  } else if (name == "jsonl") {
    format = Format::kJsonl;
  } else if (name == "warc") {
    format = Format::kWarc;
  } else {
    return false;
  }
  return true;
}

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kAuto:
      return "auto";
    case Format::kText:
      return "text";
    case Format::kHtml:
      return "html";
    case Format::kJsonl:
      return "jsonl";
    case Format::kWarc:
      return "warc";
  }
  return "auto";
}

std::string RawDocument::Where() const {
  return line == 0 ? origin : origin + ":" + std::to_string(line);
}

void AppendParagraph(Document& document, std::string_view paragraph, ParagraphKind kind) {
  if (paragraph.empty()) return;
  if (!document.text.empty()) document.text += "\n\n";
  const auto begin = static_cast<uint32_t>(document.text.size());
  document.text += paragraph;
  document.paragraphs.push_back(
      Paragraph{text::Span{begin, static_cast<uint32_t>(document.text.size())}, kind});
}

}  // namespace frontline::doc
