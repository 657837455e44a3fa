// Finding the article in a parsed HTML page.
//
// The page is reduced to blocks in two steps. First the container of the article is chosen:
// elements that name themselves as an article body (itemprop="articleBody", classes such as
// "article-body", "entry-content", "story__content") compete with the element that a
// readability-style score prefers (paragraph text and commas credited to parents, link-heavy and
// "comment", "sidebar", "related" ... elements discounted); the named body wins unless it holds
// clearly less text. Siblings of the container that carry more article text are kept with it.
// Then the container is walked into blocks: headings, paragraphs, list items, quotes and
// captions, with their link text measured, and with menus, share bars, comment threads,
// scripts, forms and hidden elements left out wherever they sit.
#ifndef FRONTLINE_DOC_HTML_CONTENT_H_
#define FRONTLINE_DOC_HTML_CONTENT_H_

#include <vector>

#include "doc/boilerplate.h"

struct GumboInternalNode;

namespace frontline::doc {

// The article blocks of the page whose root node (the <html> element or the document) is
// `root`, in document order, roles set (body, heading, list item, quote, caption). Not yet
// cleaned of furniture phrases: the caller runs CleanBlocks.
std::vector<Block> ArticleBlocks(const GumboInternalNode* root);

}  // namespace frontline::doc

#endif  // FRONTLINE_DOC_HTML_CONTENT_H_
