// Boilerplate removal on blocks of text, shared by the HTML and plain-text readers.
//
// A page is a sequence of blocks (paragraphs, headings, list items, captions, ...). The readers
// build blocks from their input; CleanBlocks then drops page furniture with rules that look at
// one block or at the document's blocks together, never at a particular site:
// - a block that the furniture dictionary matches (share bars, "Read also ..." teasers, paywall
//   notices, comment forms, cookie notices, credits), in any of the dictionary's languages;
// - everything after a comment-form heading ("LEAVE A REPLY", "12 comments") once the article
//   has started: comment sections come last;
// - mostly-link blocks (menus, lists of related headlines) where the reader measured links;
// - repeated blocks: a block seen before, and a short block (pull quote, teaser, summary line)
//   whose text stands again inside a longer block;
// - a heading over nothing but captions (a photo gallery's title);
// - photo captions: a block repeated with a credit appended ("... on January 28. JOHN DOE /
//   AFP"), or ending in such a credit, becomes a caption, kept once, outside the body.
#ifndef FRONTLINE_DOC_BOILERPLATE_H_
#define FRONTLINE_DOC_BOILERPLATE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "doc/document.h"
#include "doc/furniture.h"

namespace frontline::doc {

enum class BlockRole : uint8_t {
  kBody,
  kHeading,
  kListItem,
  kQuote,
  kCaption,  // a photo caption (from <figcaption>, or recognised by its credit)
  kDropped,  // furniture: left out of the document
};

struct Block {
  std::string text;  // one line, spaces collapsed, trimmed
  BlockRole role = BlockRole::kBody;
  uint32_t link_chars = 0;  // bytes of `text` inside links (0 where the reader has no links)
  std::string_view reason;  // why a dropped block was dropped, for --explain style output

  double LinkDensity() const {
    return text.empty() ? 0.0 : static_cast<double>(link_chars) / static_cast<double>(text.size());
  }
};

// Applies the rules above to `blocks` in place: furniture gets role kDropped with a reason,
// captions get kCaption with their credit removed.
void CleanBlocks(std::vector<Block>& blocks, const FurnitureDictionary& furniture);

// Writes the surviving blocks into `document`: body, heading, list and quote blocks as
// paragraphs, captions (each once) into document.captions.
void AppendBlocks(const std::vector<Block>& blocks, Document& document);

// For text known to be a caption: if it ends in a photo credit ("OMAR HAJ KADOUR / AFP",
// "Photo: Jane Doe/Reuters", "(AFP)"), returns the length of `text` without it (trailing spaces
// removed); else text.size().
size_t StripCredit(std::string_view text);

// The same for text that may be body text: only a credit marked as one (a slash, ©, "Photo:",
// "Credit:") counts, never a capitalised parenthesis such as "(ISIS)".
size_t StripMarkedCredit(std::string_view text);

}  // namespace frontline::doc

#endif  // FRONTLINE_DOC_BOILERPLATE_H_
