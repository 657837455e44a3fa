// Plain-text reader: scraped pages and clean text alike.
#ifndef FRONTLINE_DOC_TEXT_READER_H_
#define FRONTLINE_DOC_TEXT_READER_H_

#include <string_view>
#include <vector>

#include "doc/boilerplate.h"
#include "doc/document.h"
#include "doc/furniture.h"

namespace frontline::doc {

// Splits normalised text into blocks. Blank lines separate blocks; inside a block, lines are
// separate blocks too (scraped pages put one paragraph, caption or menu item a line) unless the
// block is hard-wrapped prose (several lines of similar length, none a sentence of its own),
// whose lines are joined with spaces.
std::vector<Block> TextBlocks(std::string_view text);

// Reads `text` (valid, normalised UTF-8) into `document`: the first line becomes the title when
// it reads like a headline (short, no final full stop, followed by a blank line) and no title
// was given; the rest is cleaned with CleanBlocks.
void ReadText(std::string_view text, const FurnitureDictionary& furniture, Document& document);

}  // namespace frontline::doc

#endif  // FRONTLINE_DOC_TEXT_READER_H_
