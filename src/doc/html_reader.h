// HTML reader: a served page to a clean document.
#ifndef FRONTLINE_DOC_HTML_READER_H_
#define FRONTLINE_DOC_HTML_READER_H_

#include <string>
#include <string_view>

#include "doc/document.h"
#include "doc/furniture.h"

namespace frontline::doc {

// The charset a page declares in its first 4 KiB (<meta charset>, or the http-equiv
// Content-Type), or "" when it declares none. Works on undecoded bytes.
std::string SniffHtmlCharset(std::string_view bytes);

// True when `bytes` look like HTML rather than text: a doctype, <html>, <head> or <body> tag
// near the start, or several block tags.
bool LooksLikeHtml(std::string_view bytes);

// Parses `html` (valid UTF-8) with Gumbo and fills `document`:
// - title: the first <h1> when <title> or og:title repeat it (with the site's name), else the
//   JSON-LD headline, else og:title, else <title>, else the <h1>;
// - published: article:published_time and its kin in <meta>, itemprop="datePublished", JSON-LD
//   datePublished, a <time datetime> element, else a /YYYY/MM/DD/ date in the canonical URL;
// - language: <html lang>, else Content-Language, else og:locale;
// - url: <link rel="canonical">, else og:url;
// - the article body (see html_content.h), cleaned with CleanBlocks.
// Fields already set on `document` (from a feed record) are kept. A page that opens <html> or
// <body> but ends before closing either is marked incomplete with a warning: what was there is
// still read. Fragments of markup (a feed's "html" field) need not close anything.
void ReadHtml(std::string_view html, const FurnitureDictionary& furniture, Document& document);

// Elements a page may nest, one inside the other, before it is refused: the HTML parser's work
// grows with the square of the depth (tens of thousands of unclosed <div>s would keep it busy for
// minutes), and no article nests a fraction of this.
inline constexpr size_t kMaxHtmlNesting = 4096;

// An estimate, from the tags alone, of how deep `html` nests elements: opening tags minus closing
// ones, leaving out elements that have no end (br, img, ...), that the next one of their kind
// closes (p, li, td, option ...), self-closed ones, comments and the content of scripts and
// styles. Stops counting once past `limit`.
size_t HtmlNesting(std::string_view html, size_t limit);

}  // namespace frontline::doc

#endif  // FRONTLINE_DOC_HTML_READER_H_
