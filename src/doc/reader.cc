#include "doc/reader.h"

#include <fmt/format.h>

#include "doc/encoding.h"
#include "doc/html_reader.h"
#include "doc/normalize.h"
#include "doc/source.h"
#include "doc/text_reader.h"

namespace frontline::doc {

Result<Document> Reader::Read(const RawDocument& raw) const {
  Format format = raw.format;
  if (format == Format::kAuto || format == Format::kJsonl || format == Format::kWarc) {
    format = SniffFormat("", std::string_view(raw.bytes).substr(0, 4096));
    if (format == Format::kJsonl || format == Format::kWarc) format = Format::kText;
  }
  std::string charset = raw.charset;
  if (charset.empty() && format == Format::kHtml) charset = SniffHtmlCharset(raw.bytes);
  Result<Decoded> decoded = DecodeToUtf8(raw.bytes, charset);
  if (!decoded.ok()) return decoded.status();
  if (decoded.value().text.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
    return Status::Error("empty document (white space only)");
  }

  Document document;
  document.origin = raw.origin;
  document.line = raw.line;
  document.format = format;
  document.encoding = decoded.value().encoding;
  document.id = !raw.id.empty() ? raw.id : !raw.url.empty() ? raw.url : raw.Where();
  document.url = raw.url;
  document.title = raw.title;
  if (!raw.published.empty()) {
    document.published = raw.published;
    document.published_from = "feed";
  }
  if (format == Format::kHtml) {
    if (const size_t depth = HtmlNesting(decoded.value().text, kMaxHtmlNesting); depth > kMaxHtmlNesting) {
      return Status::Error(fmt::format(
          "markup nested more than {} elements deep: refused, as no article is (a broken or "
          "hostile page would keep the HTML parser busy for minutes)",
          kMaxHtmlNesting));
    }
    ReadHtml(decoded.value().text, *furniture_, document);
  } else {
    ReadText(NormalizeText(decoded.value().text), *furniture_, document);
  }
  if (document.paragraphs.empty()) document.warnings.push_back("no article text found");
  return document;
}

}  // namespace frontline::doc
