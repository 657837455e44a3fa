#include "doc/html_reader.h"

#include <fmt/format.h>
#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <nlohmann/json.hpp>

#include "doc/boilerplate.h"
#include "doc/html_content.h"
#include "doc/normalize.h"

namespace frontline::doc {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Attr(const GumboElement& el, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&el.attributes, name);
  return a == nullptr ? std::string_view() : std::string_view(a->value);
}

std::string Clean(std::string_view s) {
  std::string out = NormalizeText(s);
  for (char& c : out)
    if (c == '\n') c = ' ';
  CollapseSpaces(out);
  return out;
}

// Deeper nesting than this is left out (hostile pages would otherwise exhaust the stack).
constexpr int kMaxTextDepth = 400;

void CollectText(const GumboNode* node, std::string& out, int depth = 0) {
  if (depth > kMaxTextDepth) return;
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
      node->type == GUMBO_NODE_CDATA) {
    out += node->v.text.text;
  } else if (node->type == GUMBO_NODE_ELEMENT) {
    const GumboVector& children = node->v.element.children;
    for (unsigned k = 0; k < children.length; ++k) {
      CollectText(static_cast<const GumboNode*>(children.data[k]), out, depth + 1);
    }
  }
}

// What the page says about itself, each field from the best source seen so far.
struct Metadata {
  std::string og_title, html_title, h1, jsonld_headline;
  std::string published, published_from;
  int published_rank = 100;  // lower is better
  std::string language, content_language, og_locale;
  std::string canonical, og_url;

  void OfferPublished(std::string_view value, std::string_view from, int rank) {
    std::string v = Clean(value);
    if (v.empty() || rank >= published_rank) return;
    published = std::move(v);
    published_from = std::string(from);
    published_rank = rank;
  }
};

// Finds datePublished and headline in a JSON-LD value (objects, arrays, @graph).
void ScanJsonLd(const nlohmann::json& j, Metadata& meta, int depth) {
  if (depth > 16) return;
  if (j.is_array()) {
    for (const auto& item : j) ScanJsonLd(item, meta, depth + 1);
    return;
  }
  if (!j.is_object()) return;
  if (auto it = j.find("datePublished"); it != j.end() && it->is_string()) {
    meta.OfferPublished(it->get<std::string>(), "json-ld", 2);
  }
  if (auto it = j.find("dateCreated"); it != j.end() && it->is_string()) {
    meta.OfferPublished(it->get<std::string>(), "json-ld", 6);
  }
  if (auto it = j.find("headline");
      it != j.end() && it->is_string() && meta.jsonld_headline.empty()) {
    meta.jsonld_headline = Clean(it->get<std::string>());
  }
  if (auto it = j.find("@graph"); it != j.end()) ScanJsonLd(*it, meta, depth + 1);
}

void ScanHead(const GumboNode* node, Metadata& meta, int depth) {
  if (node->type != GUMBO_NODE_ELEMENT || depth > 200) return;
  const GumboElement& el = node->v.element;
  switch (el.tag) {
    case GUMBO_TAG_META: {
      const std::string key = Lower(!Attr(el, "property").empty()   ? Attr(el, "property")
                                    : !Attr(el, "name").empty()     ? Attr(el, "name")
                                    : !Attr(el, "itemprop").empty() ? Attr(el, "itemprop")
                                                                    : Attr(el, "http-equiv"));
      const std::string_view content = Attr(el, "content");
      if (content.empty()) break;
      if (key == "og:title" && meta.og_title.empty())
        meta.og_title = Clean(content);
      else if (key == "og:url" && meta.og_url.empty())
        meta.og_url = Clean(content);
      else if (key == "og:locale" && meta.og_locale.empty())
        meta.og_locale = Clean(content);
      else if (key == "content-language" && meta.content_language.empty())
        meta.content_language = Clean(content);
      else if (key == "article:published_time" || key == "og:published_time" ||
               key == "article:published" || key == "datepublished") {
        meta.OfferPublished(content, "meta", 1);
      } else if (key == "date" || key == "pubdate" || key == "publishdate" ||
                 key == "publish-date" || key == "publish_date" || key == "dc.date" ||
                 key == "dc.date.issued" || key == "dcterms.created" || key == "dcterms.date" ||
                 key == "sailthru.date" || key == "parsely-pub-date" ||
                 key == "article.published" || key == "originalpublicationdate" ||
                 key == "date.release" || key == "citation_date" ||
                 key == "cxenseparse:recs:publishtime" || key == "article_date_original") {
        meta.OfferPublished(content, "meta", 3);
      }
      break;
    }
    case GUMBO_TAG_LINK:
      if (Lower(Attr(el, "rel")) == "canonical" && meta.canonical.empty()) {
        meta.canonical = Clean(Attr(el, "href"));
      }
      break;
    case GUMBO_TAG_TITLE:
      if (meta.html_title.empty()) {
        std::string t;
        CollectText(node, t);
        meta.html_title = Clean(t);
      }
      break;
    case GUMBO_TAG_H1:
      if (meta.h1.empty()) {
        std::string t;
        CollectText(node, t);
        meta.h1 = Clean(t);
      }
      break;
    case GUMBO_TAG_HTML:
      if (meta.language.empty()) meta.language = Clean(Attr(el, "lang"));
      if (meta.language.empty()) meta.language = Clean(Attr(el, "xml:lang"));
      break;
    case GUMBO_TAG_SCRIPT:
      if (Lower(Attr(el, "type")) == "application/ld+json") {
        std::string body;
        CollectText(node, body);
        const nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
        if (!j.is_discarded()) ScanJsonLd(j, meta, 0);
      }
      return;
    case GUMBO_TAG_TIME:
      if (!Attr(el, "datetime").empty()) {
        const bool pub = gumbo_get_attribute(&el.attributes, "pubdate") != nullptr ||
                         Attr(el, "itemprop") == "datePublished";
        meta.OfferPublished(Attr(el, "datetime"), "time", pub ? 4 : 5);
      }
      break;
    default:
      if (Attr(el, "itemprop") == "datePublished") {
        std::string_view v = Attr(el, "content");
        if (v.empty()) v = Attr(el, "datetime");
        if (!v.empty()) meta.OfferPublished(v, "meta", 2);
      }
      break;
  }
  const GumboVector& children = el.children;
  for (unsigned k = 0; k < children.length; ++k) {
    ScanHead(static_cast<const GumboNode*>(children.data[k]), meta, depth + 1);
  }
}

// "/2020/01/28/" or "/2020-01-28/" in a URL, as YYYY-MM-DD.
std::string DateInUrl(std::string_view url) {
  for (size_t i = 0; i + 10 <= url.size(); ++i) {
    if (url[i] != '/') continue;
    auto digits = [&](size_t at, size_t n) {
      if (at + n > url.size()) return false;
      for (size_t k = 0; k < n; ++k)
        if (!std::isdigit(static_cast<unsigned char>(url[at + k]))) return false;
      return true;
    };
    if (!digits(i + 1, 4)) continue;
    const char sep = i + 5 < url.size() ? url[i + 5] : 0;
    if ((sep != '/' && sep != '-') || !digits(i + 6, 2) || i + 8 >= url.size() ||
        url[i + 8] != sep || !digits(i + 9, 2)) {
      continue;
    }
    const int year = std::stoi(std::string(url.substr(i + 1, 4)));
    const int month = std::stoi(std::string(url.substr(i + 6, 2)));
    const int day = std::stoi(std::string(url.substr(i + 9, 2)));
    if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) continue;
    return fmt::format("{:04}-{:02}-{:02}", year, month, day);
  }
  return {};
}

struct OutputDeleter {
  void operator()(GumboOutput* out) const { gumbo_destroy_output(&kGumboDefaultOptions, out); }
};

// Position of `needle` in `haystack`, ignoring ASCII case; npos when absent.
size_t IFind(std::string_view haystack, std::string_view needle) {
  auto it =
      std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                  [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
  return it == haystack.end() ? std::string_view::npos : static_cast<size_t>(it - haystack.begin());
}

}  // namespace

std::string SniffHtmlCharset(std::string_view bytes) {
  const std::string head = Lower(bytes.substr(0, 4096));
  for (size_t pos = head.find("charset"); pos != std::string::npos;
       pos = head.find("charset", pos + 1)) {
    size_t i = pos + 7;
    while (i < head.size() && (head[i] == ' ')) ++i;
    if (i >= head.size() || head[i] != '=') continue;
    ++i;
    while (i < head.size() && (head[i] == ' ' || head[i] == '"' || head[i] == '\'')) ++i;
    size_t end = i;
    while (end < head.size() &&
           (std::isalnum(static_cast<unsigned char>(head[end])) || head[end] == '-' ||
            head[end] == '_' || head[end] == ':' || head[end] == '.')) {
      ++end;
    }
    if (end > i) return head.substr(i, end - i);
  }
  return {};
}

bool LooksLikeHtml(std::string_view bytes) {
  const std::string head = Lower(bytes.substr(0, 2048));
  size_t i = 0;
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  const std::string_view start = std::string_view(head).substr(i);
  if (start.starts_with("<!doctype html") || start.starts_with("<html") ||
      start.starts_with("<?xml") || start.starts_with("<!--") || start.starts_with("<head") ||
      start.starts_with("<body")) {
    return true;
  }
  if (!start.starts_with("<")) return false;
  int tags = 0;
  for (std::string_view tag : {"<p>", "<p ", "<div", "<br", "<a href", "<span", "<table"}) {
    for (size_t p = head.find(tag); p != std::string::npos; p = head.find(tag, p + 1)) ++tags;
  }
  return tags >= 2;
}

size_t HtmlNesting(std::string_view html, size_t limit) {
  // Elements that do not stay open: void ones, and ones the parser closes at the next sibling.
  static constexpr std::string_view kNotNesting[] = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
      "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup",
      "thead", "tbody", "tfoot", "rb", "rt", "rp", "colgroup", "caption", "frame", "keygen"};
  size_t depth = 0, deepest = 0;
  size_t i = 0;
  while (i < html.size()) {
    const size_t lt = html.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= html.size()) break;
    i = lt + 1;
    if (html.compare(lt, 4, "<!--") == 0) {
      const size_t end = html.find("-->", lt + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    const bool closing = html[i] == '/';
    if (closing) ++i;
    size_t n = i;
    while (n < html.size() && (std::isalnum(static_cast<unsigned char>(html[n])) || html[n] == '-')) ++n;
    if (n == i || !std::isalpha(static_cast<unsigned char>(html[i]))) continue;  // "< 3", "<!DOCTYPE"
    std::string name(html.substr(i, n - i));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const size_t gt = html.find('>', n);
    if (gt == std::string_view::npos) break;
    i = gt + 1;
    if (std::find(std::begin(kNotNesting), std::end(kNotNesting), name) != std::end(kNotNesting)) continue;
    if (closing) {
      if (depth > 0) --depth;
      continue;
    }
    if (gt > n && html[gt - 1] == '/') continue;  // <x/>
    if (name == "script" || name == "style" || name == "textarea" || name == "title") {
      const std::string end = "</" + name;
      size_t close = i;
      // Case-insensitive search for the end tag.
      while (close < html.size()) {
        close = html.find("</", close);
        if (close == std::string_view::npos) break;
        std::string tag(html.substr(close, end.size()));
        for (char& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (tag == end) break;
        close += 2;
      }
      i = close == std::string_view::npos ? html.size() : close;
      continue;
    }
    deepest = std::max(deepest, ++depth);
    if (deepest > limit) return deepest;
  }
  return deepest;
}

void ReadHtml(std::string_view html, const FurnitureDictionary& furniture, Document& document) {
  std::unique_ptr<GumboOutput, OutputDeleter> output(
      gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
  Metadata meta;
  ScanHead(output->root, meta, 0);

  if (document.title.empty()) {
    // A headline that the <title> or og:title repeat with the site's name added is the clean one.
    const bool h1_is_headline =
        !meta.h1.empty() &&
        ((!meta.og_title.empty() && meta.og_title.find(meta.h1) != std::string::npos) ||
         (!meta.html_title.empty() && meta.html_title.find(meta.h1) != std::string::npos));
    document.title = h1_is_headline                  ? meta.h1
                     : !meta.jsonld_headline.empty() ? meta.jsonld_headline
                     : !meta.og_title.empty()        ? meta.og_title
                     : !meta.html_title.empty()      ? meta.html_title
                                                     : meta.h1;
  }
  if (document.url.empty()) document.url = !meta.canonical.empty() ? meta.canonical : meta.og_url;
  if (document.language.empty()) {
    document.language = !meta.language.empty()           ? meta.language
                        : !meta.content_language.empty() ? meta.content_language
                                                         : meta.og_locale;
  }
  if (document.published.empty()) {
    if (!meta.published.empty()) {
      document.published = meta.published;
      document.published_from = meta.published_from;
    } else if (std::string d = DateInUrl(document.url); !d.empty()) {
      document.published = d;
      document.published_from = "url";
    }
  }

  std::vector<Block> blocks = ArticleBlocks(output->root);
  for (Block& b : blocks) b.text = Clean(b.text);
  std::erase_if(blocks, [](const Block& b) { return b.text.empty(); });
  CleanBlocks(blocks, furniture);
  AppendBlocks(blocks, document);

  // A whole page (one that opens <html> or <body>) that never closes either was cut short; a
  // fragment of article markup, as feeds carry, need not close anything.
  const bool whole_page = IFind(html, "<html") != std::string_view::npos ||
                          IFind(html, "<body") != std::string_view::npos;
  if (whole_page && IFind(html, "</html") == std::string_view::npos &&
      IFind(html, "</body") == std::string_view::npos) {
    size_t end = html.size();
    while (end > 0 && std::isspace(static_cast<unsigned char>(html[end - 1]))) --end;
    document.complete = false;
    document.warnings.push_back(
        fmt::format("truncated HTML: the page ends at byte {} without </body> or </html>; kept the "
                    "text before it",
                    end));
  }
}

}  // namespace frontline::doc
