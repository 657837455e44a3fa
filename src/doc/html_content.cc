#include "doc/html_content.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "doc/normalize.h"

namespace frontline::doc {
namespace {

using Node = GumboNode;

// Deeper nesting than this is treated as hostile and left out (it would otherwise exhaust the
// stack of the recursive walks below).
constexpr int kMaxDepth = 400;
// Shortest paragraph, in bytes of text, that counts towards a container's score.
constexpr uint32_t kMinParagraph = 25;

std::string_view Attr(const GumboElement& el, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&el.attributes, name);
  return a == nullptr ? std::string_view() : std::string_view(a->value);
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    if (c == '_') c = '-';
  }
  return out;
}

bool HasToken(std::string_view haystack, std::string_view token) {
  for (size_t pos = haystack.find(token); pos != std::string_view::npos;
       pos = haystack.find(token, pos + 1)) {
    const bool left = pos == 0 || !std::isalnum(static_cast<unsigned char>(haystack[pos - 1]));
    const size_t end = pos + token.size();
    const bool right =
        end == haystack.size() || !std::isalnum(static_cast<unsigned char>(haystack[end]));
    if (left && right) return true;
  }
  return false;
}

bool HasAny(std::string_view haystack, std::span<const std::string_view> needles) {
  for (std::string_view n : needles)
    if (haystack.find(n) != std::string_view::npos) return true;
  return false;
}

bool HasAnyToken(std::string_view haystack, std::span<const std::string_view> tokens) {
  for (std::string_view t : tokens)
    if (HasToken(haystack, t)) return true;
  return false;
}

// Class and id words that mark furniture wherever they appear in the name.
constexpr std::string_view kNegativeParts[] = {
    "comment",      "disqus",          "sharing",    "share-",          "-share",
    "sharebar",     "social",          "newsletter", "related",         "recommend",
    "outbrain",     "taboola",         "cookie",     "subscribe",       "subscription",
    "promo",        "sidebar",         "footer",     "breadcrumb",      "paywall",
    "signup",       "sign-up",         "popup",      "modal",           "trending",
    "popular",      "most-read",       "mostread",   "recirc",          "advert",
    "sponsor",      "skip-link",       "skiplink",   "navbar",          "navigation",
    "menu",         "masthead",        "author-bio", "authorbio",       "byline",
    "dateline",     "timestamp",       "toolbar",    "read-more",       "readmore",
    "more-stories", "further-reading", "widget",     "banner",          "ad-container",
    "ad-slot",      "adslot",          "ad-wrapper", "advertis",        "tag-list",
    "taglist",      "pagination",      "pager",      "login",           "consent",
    "gdpr",         "screen-reader",   "sr-only",    "visually-hidden", "print-only",
    "rating",       "teaser",          "topics",     "keywords",        "follow",
    "donate",       "nocontent",       "searchform", "search-form",
};
// Class and id words that mark furniture when they stand as a whole word.
constexpr std::string_view kNegativeTokens[] = {
    "ad",      "ads",    "nav",    "share",   "shares", "meta",    "tools", "date",
    "time",    "author", "credit", "credits", "header", "rail",    "aside", "tags",
    "tag",     "print",  "more",   "hide",    "hidden", "noprint", "links", "extra",
    "related", "info",   "bio",    "search",  "latest", "recent",
};
// Class and id words of elements that hold the article body.
constexpr std::string_view kBodyNames[] = {
    "article-body",    "articlebody",      "article--body",   "article__body", "article-content",
    "articlecontent",  "article__content", "article-text",    "articletext",   "article-main",
    "story-body",      "storybody",        "story__body",     "story-content", "storycontent",
    "story__content",  "story-text",       "entry-content",   "entry-body",    "entrycontent",
    "post-content",    "postcontent",      "post-body",       "postbody",      "post-entry",
    "post-text",       "c-entry-content",  "td-post-content", "body-text",     "bodytext",
    "text-body",       "content-body",     "main-text",       "news-body",     "news-content",
    "newscontent",     "article-detail",   "article-txt",     "rich-text",     "richtext",
    "paywall-article", "article-wrapper",  "articlewrapper",  "field-body",    "field--name-body",
    "blog-post-body",  "single-content",   "the-content",     "news-text",     "story-article",
};

bool IsBlockTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_UNKNOWN:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_LEGEND:
      return true;
    default:
      return false;
  }
}

// Elements whose content is never article text.
bool IsNeverContent(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_LABEL:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_HR:
      return true;
    default:
      return false;
  }
}

// Per-element facts gathered in one pass over the tree.
struct Info {
  const Node* node = nullptr;
  int parent = -1;
  int depth = 0;
  bool negative = false;  // class, id, role or style say furniture
  bool hinted = false;    // class, id or itemprop say article body
  uint32_t text = 0;      // visible text bytes in the subtree (skipped parts excluded)
  uint32_t link = 0;      // of which inside links
  uint32_t para = 0;      // text of paragraphs of at least kMinParagraph bytes, low in links
  double score = 0;       // readability-style content score
  bool scored = false;
};

class Extractor {
 public:
  explicit Extractor(const Node* root) : root_(root) {}

  std::vector<Block> Run() {
    Index(root_, -1, 0);
    if (infos_.empty()) return {};
    // Measure once ignoring class names, to see which negative-looking elements are really
    // page wrappers, then again for real.
    ignore_names_ = true;
    Measure();
    page_para_ = infos_[0].para;
    for (Info& info : infos_) info.negative = info.negative && !IsWrapper(info);
    ignore_names_ = false;
    Measure();
    Score();
    std::vector<int> containers = ChooseContainers();
    std::vector<Block> blocks;
    LeadCaptions(containers, blocks);
    for (int c : containers) {
      Walk(infos_[c].node, Context{}, blocks);
      Flush(blocks);
    }
    return blocks;
  }

 private:
  struct Context {
    BlockRole role = BlockRole::kBody;
    bool in_link = false;
    bool in_figure = false;
    bool in_caption = false;
    int depth = 0;
  };

  // Numbers elements depth-first and records their class/id judgements.
  void Index(const Node* node, int parent, int depth) {
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) return;
    if (depth > kMaxDepth) return;
    const int self = static_cast<int>(infos_.size());
    infos_.push_back(Info{node, parent, depth});
    index_of_[node] = self;
    const GumboVector* children;
    if (node->type == GUMBO_NODE_ELEMENT) {
      const GumboElement& el = node->v.element;
      const std::string names = Lower(Attr(el, "class")) + " " + Lower(Attr(el, "id"));
      const std::string_view role = Attr(el, "role");
      const std::string style = Lower(Attr(el, "style"));
      Info& info = infos_[self];
      // Articles carry taxonomy classes ("tag-review", "category-news"): their class names
      // say nothing about furniture.
      const bool named_container = el.tag == GUMBO_TAG_ARTICLE || el.tag == GUMBO_TAG_MAIN ||
                                   el.tag == GUMBO_TAG_BODY || el.tag == GUMBO_TAG_HTML;
      info.negative = (!named_container &&
                       (HasAny(names, kNegativeParts) || HasAnyToken(names, kNegativeTokens))) ||
                      role == "navigation" || role == "complementary" || role == "contentinfo" ||
                      role == "banner" || role == "dialog" || role == "menu" || role == "search" ||
                      role == "alert" || Attr(el, "aria-hidden") == "true" ||
                      gumbo_get_attribute(&el.attributes, "hidden") != nullptr ||
                      style.find("display:none") != std::string::npos ||
                      style.find("display: none") != std::string::npos ||
                      style.find("visibility:hidden") != std::string::npos;
      info.hinted = Attr(el, "itemprop") == "articleBody" || HasAny(names, kBodyNames);
      if (el.tag == GUMBO_TAG_ARTICLE || el.tag == GUMBO_TAG_MAIN) info.hinted = true;
      children = &el.children;
    } else {
      children = &node->v.document.children;
    }
    for (unsigned i = 0; i < children->length; ++i) {
      Index(static_cast<const Node*>(children->data[i]), self, depth + 1);
    }
  }

  bool Excluded(const Info& info) const {
    if (info.node->type != GUMBO_NODE_ELEMENT) return false;
    return IsNeverContent(info.node->v.element.tag) || (info.negative && !ignore_names_);
  }

  // A negative-looking element that holds most of the page's paragraph text is a page wrapper
  // with an unlucky class ("has-sidebar", "share-enabled"), not furniture.
  bool IsWrapper(const Info& info) const {
    return page_para_ > 0 && info.para * 10 >= page_para_ * 7;
  }

  // Text bytes of a text node, not counting white space.
  static uint32_t TextBytes(const Node* node) {
    uint32_t n = 0;
    for (const char* p = node->v.text.text; *p; ++p)
      if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r') ++n;
    return n;
  }

  // Bottom-up text, link and paragraph measures; excluded subtrees count as empty. Children
  // come after their parent in infos_, so a reverse sweep sees every child first.
  void Measure() {
    for (Info& info : infos_) info.text = info.link = info.para = 0;
    // Direct text of each element (text nodes that are its children), and links.
    for (Info& info : infos_) {
      const GumboVector* children = info.node->type == GUMBO_NODE_ELEMENT
                                        ? &info.node->v.element.children
                                        : &info.node->v.document.children;
      for (unsigned i = 0; i < children->length; ++i) {
        const Node* child = static_cast<const Node*>(children->data[i]);
        if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_CDATA) {
          info.text += TextBytes(child);
        }
      }
      if (info.node->type == GUMBO_NODE_ELEMENT && info.node->v.element.tag == GUMBO_TAG_A) {
        info.link = info.text;
      }
    }
    // Fold children into parents; paragraphs are block elements whose text is mostly their own
    // inline content.
    std::vector<uint32_t> inline_text(infos_.size(), 0);
    for (size_t i = 0; i < infos_.size(); ++i) inline_text[i] = infos_[i].text;
    for (size_t i = infos_.size(); i-- > 1;) {
      Info& info = infos_[i];
      if (Excluded(info)) {
        info.text = info.link = info.para = 0;
        inline_text[i] = 0;
      } else if (IsParagraph(i, inline_text[i])) {
        if (info.link * 2 < inline_text[i]) info.para += inline_text[i];
      }
      Info& parent = infos_[info.parent];
      parent.text += info.text;
      parent.link += info.link;
      parent.para += info.para;
      const bool block =
          info.node->type == GUMBO_NODE_ELEMENT && IsBlockTag(info.node->v.element.tag);
      if (!block) inline_text[info.parent] += inline_text[i];
      if (parent.node->type == GUMBO_NODE_ELEMENT && parent.node->v.element.tag == GUMBO_TAG_A) {
        parent.link = parent.text;
      }
    }
  }

  bool IsParagraph(size_t i, uint32_t inline_bytes) const {
    const Node* node = infos_[i].node;
    if (node->type != GUMBO_NODE_ELEMENT || !IsBlockTag(node->v.element.tag)) return false;
    return inline_bytes >= kMinParagraph;
  }

  static double TagWeight(GumboTag tag) {
    switch (tag) {
      case GUMBO_TAG_DIV:
      case GUMBO_TAG_ARTICLE:
      case GUMBO_TAG_MAIN:
      case GUMBO_TAG_SECTION:
        return 5;
      case GUMBO_TAG_PRE:
      case GUMBO_TAG_TD:
      case GUMBO_TAG_BLOCKQUOTE:
        return 3;
      case GUMBO_TAG_ADDRESS:
      case GUMBO_TAG_OL:
      case GUMBO_TAG_UL:
      case GUMBO_TAG_DL:
      case GUMBO_TAG_DD:
      case GUMBO_TAG_DT:
      case GUMBO_TAG_LI:
      case GUMBO_TAG_FORM:
        return -3;
      case GUMBO_TAG_H2:
      case GUMBO_TAG_H3:
      case GUMBO_TAG_H4:
      case GUMBO_TAG_H5:
      case GUMBO_TAG_H6:
      case GUMBO_TAG_TH:
        return -5;
      default:
        return 0;
    }
  }

  // Readability-style scoring: each paragraph credits its ancestors with 1 + its commas + one
  // point per 100 bytes (at most 3), the parent fully, the grandparent half, further ancestors
  // less; an ancestor's score is then discounted by its link density.
  void Score() {
    for (size_t i = 1; i < infos_.size(); ++i) {
      const Info& info = infos_[i];
      if (info.node->type != GUMBO_NODE_ELEMENT || info.text == 0) continue;
      const GumboTag tag = info.node->v.element.tag;
      if (tag != GUMBO_TAG_P && tag != GUMBO_TAG_PRE && tag != GUMBO_TAG_TD &&
          !(tag == GUMBO_TAG_DIV && OwnParagraph(i))) {
        continue;
      }
      if (info.text < kMinParagraph || info.link * 2 >= info.text || InExcluded(i)) continue;
      const double points = 1.0 + static_cast<double>(Commas(info.node)) +
                            std::min(3.0, static_cast<double>(info.text) / 100.0);
      int ancestor = info.parent;
      for (int level = 0; ancestor > 0 && level < 5; ++level, ancestor = infos_[ancestor].parent) {
        Info& a = infos_[ancestor];
        if (!a.scored) {
          a.scored = true;
          a.score = a.node->type == GUMBO_NODE_ELEMENT ? TagWeight(a.node->v.element.tag) : 0;
          if (a.hinted) a.score += 25;
        }
        const double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
        a.score += points / divider;
      }
    }
    for (Info& info : infos_) {
      if (!info.scored || info.text == 0) continue;
      info.score *= 1.0 - static_cast<double>(info.link) / static_cast<double>(info.text);
    }
  }

  // A div that holds text directly rather than through child blocks counts as a paragraph.
  bool OwnParagraph(size_t i) const {
    const GumboVector& children = infos_[i].node->v.element.children;
    for (unsigned k = 0; k < children.length; ++k) {
      const Node* child = static_cast<const Node*>(children.data[k]);
      if (child->type == GUMBO_NODE_ELEMENT && IsBlockTag(child->v.element.tag) &&
          child->v.element.tag != GUMBO_TAG_BR) {
        return false;
      }
    }
    return true;
  }

  bool InExcluded(size_t i) const {
    for (int a = static_cast<int>(i); a > 0; a = infos_[a].parent)
      if (Excluded(infos_[a])) return true;
    return false;
  }

  static size_t Commas(const Node* node, int depth = 0) {
    size_t n = 0;
    if (depth > kMaxDepth) return 0;
    if (node->type == GUMBO_NODE_TEXT) {
      for (const char* p = node->v.text.text; *p; ++p) n += *p == ',';
      return n;
    }
    if (node->type != GUMBO_NODE_ELEMENT) return 0;
    const GumboVector& children = node->v.element.children;
    for (unsigned k = 0; k < children.length; ++k)
      n += Commas(static_cast<const Node*>(children.data[k]), depth + 1);
    return n;
  }

  bool IsAncestor(int a, int b) const {
    for (int x = b; x >= 0; x = infos_[x].parent)
      if (x == a) return true;
    return false;
  }

  std::vector<int> ChooseContainers() const {
    // The readability choice.
    int best = -1;
    for (size_t i = 1; i < infos_.size(); ++i) {
      if (!infos_[i].scored || InExcluded(i)) continue;
      if (best < 0 || infos_[i].score > infos_[best].score) best = static_cast<int>(i);
    }
    // The best self-declared article body: most paragraph text, the innermost of nested ones
    // that hold nearly the same text.
    int hinted = -1;
    for (size_t i = 1; i < infos_.size(); ++i) {
      const Info& info = infos_[i];
      if (!info.hinted || info.para < 150 || InExcluded(i)) continue;
      if (hinted < 0 || info.para > infos_[hinted].para * 11 / 10 ||
          (IsAncestor(hinted, static_cast<int>(i)) && info.para * 10 >= infos_[hinted].para * 9)) {
        hinted = static_cast<int>(i);
      }
    }
    int top = best;
    if (hinted >= 0 && (best < 0 || infos_[hinted].para * 2 >= infos_[best].para)) top = hinted;
    if (top < 0) return {0};
    // Siblings that carry article text too.
    const Info& t = infos_[top];
    if (t.parent < 0) return {top};
    std::vector<int> out;
    const double threshold = std::max(10.0, t.score * 0.2);
    const std::string_view top_class =
        t.node->type == GUMBO_NODE_ELEMENT ? Attr(t.node->v.element, "class") : std::string_view();
    for (size_t i = 1; i < infos_.size(); ++i) {
      const Info& s = infos_[i];
      if (s.parent != t.parent) continue;
      if (static_cast<int>(i) == top) {
        out.push_back(top);
        continue;
      }
      if (Excluded(s) || s.text == 0) continue;
      double bonus = 0;
      if (!top_class.empty() && s.node->type == GUMBO_NODE_ELEMENT &&
          Attr(s.node->v.element, "class") == top_class) {
        bonus = t.score * 0.2;
      }
      bool keep = s.scored && s.score + bonus >= threshold;
      if (!keep && s.node->type == GUMBO_NODE_ELEMENT && s.node->v.element.tag == GUMBO_TAG_P) {
        const double density = static_cast<double>(s.link) / static_cast<double>(s.text);
        keep = (s.text > 80 && density < 0.25) ||
               (s.text <= 80 && s.link == 0 && EndsSentence(s.node));
      }
      if (keep) out.push_back(static_cast<int>(i));
    }
    return out;
  }

  // Captions of the article's own pictures often sit outside the text container (a lead image
  // above the body): take the <figcaption>s of the enclosing <article> or <main> (else of the
  // container's parent) that lie outside the containers and outside furniture.
  void LeadCaptions(const std::vector<int>& containers, std::vector<Block>& blocks) {
    if (containers.empty() || containers.front() <= 0) return;
    int scope = infos_[containers.front()].parent;
    for (int a = scope; a > 0; a = infos_[a].parent) {
      const GumboTag tag = infos_[a].node->v.element.tag;
      if (tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN) {
        scope = a;
        break;
      }
    }
    if (scope <= 0) return;
    for (size_t i = static_cast<size_t>(scope) + 1; i < infos_.size(); ++i) {
      const Info& info = infos_[i];
      if (!IsAncestor(scope, static_cast<int>(i)))
        break;  // depth-first order: scope's subtree is contiguous
      if (info.node->v.element.tag != GUMBO_TAG_FIGCAPTION || InExcluded(i)) continue;
      bool inside = false;
      for (int c : containers) inside = inside || IsAncestor(c, static_cast<int>(i));
      if (inside) continue;
      Context ctx;
      ctx.in_figure = ctx.in_caption = true;
      ctx.role = BlockRole::kCaption;
      Walk(info.node, ctx, blocks);
      Flush(blocks);
    }
  }

  static bool EndsSentence(const Node* node) {
    std::string text;
    CollectText(node, text);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.pop_back();
    return !text.empty() && text.back() == '.';
  }

  static void CollectText(const Node* node, std::string& out, int depth = 0) {
    if (depth > kMaxDepth) return;
    if (node->type == GUMBO_NODE_TEXT) {
      out += node->v.text.text;
    } else if (node->type == GUMBO_NODE_ELEMENT) {
      const GumboVector& children = node->v.element.children;
      for (unsigned k = 0; k < children.length; ++k) {
        CollectText(static_cast<const Node*>(children.data[k]), out, depth + 1);
      }
    }
  }

  void Flush(std::vector<Block>& blocks) {
    CollapseSpaces(current_.text);
    while (!current_.text.empty() && current_.text.back() == '\n') current_.text.pop_back();
    for (char& c : current_.text)
      if (c == '\n') c = ' ';
    CollapseSpaces(current_.text);
    if (!current_.text.empty()) {
      current_.link_chars = std::min<uint32_t>(current_.link_chars, current_.text.size());
      blocks.push_back(std::move(current_));
    }
    current_ = Block{};
  }

  void Walk(const Node* node, Context ctx, std::vector<Block>& blocks) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
        node->type == GUMBO_NODE_WHITESPACE) {
      if (ctx.in_figure && !ctx.in_caption) return;
      std::string_view t = node->v.text.text;
      if (current_.text.empty()) current_.role = ctx.role;
      const size_t before = current_.text.size();
      for (char c : t) current_.text.push_back(c == '\n' || c == '\t' || c == '\r' ? ' ' : c);
      if (ctx.in_link) current_.link_chars += static_cast<uint32_t>(current_.text.size() - before);
      return;
    }
    if (node->type != GUMBO_NODE_ELEMENT) return;
    if (ctx.depth > kMaxDepth) return;
    auto it = index_of_.find(node);
    if (it == index_of_.end()) return;
    const Info& info = infos_[it->second];
    const GumboElement& el = node->v.element;
    if (el.tag == GUMBO_TAG_BR) {
      Flush(blocks);
      return;
    }
    if (Excluded(info)) return;
    const bool block = IsBlockTag(el.tag);
    if (block) Flush(blocks);
    Context inner = ctx;
    ++inner.depth;
    switch (el.tag) {
      case GUMBO_TAG_A:
        inner.in_link = true;
        break;
      case GUMBO_TAG_H2:
      case GUMBO_TAG_H3:
      case GUMBO_TAG_H4:
      case GUMBO_TAG_H5:
      case GUMBO_TAG_H6:
        inner.role = BlockRole::kHeading;
        break;
      case GUMBO_TAG_LI:
        if (inner.role == BlockRole::kBody) inner.role = BlockRole::kListItem;
        break;
      case GUMBO_TAG_BLOCKQUOTE:
        inner.role = BlockRole::kQuote;
        break;
      case GUMBO_TAG_FIGURE:
        inner.in_figure = true;
        break;
      case GUMBO_TAG_FIGCAPTION:
        inner.in_caption = true;
        inner.role = BlockRole::kCaption;
        break;
      default:
        break;
    }
    for (unsigned k = 0; k < el.children.length; ++k) {
      Walk(static_cast<const Node*>(el.children.data[k]), inner, blocks);
    }
    if (block) Flush(blocks);
  }

  const Node* root_;
  std::vector<Info> infos_;
  std::unordered_map<const Node*, int> index_of_;
  uint32_t page_para_ = 0;
  bool ignore_names_ = false;
  Block current_;
};

}  // namespace

std::vector<Block> ArticleBlocks(const GumboInternalNode* root) {
  if (root == nullptr) return {};
  return Extractor(root).Run();
}

}  // namespace frontline::doc
