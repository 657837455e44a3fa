#include "doc/boilerplate.h"

#include <string.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <unordered_set>

#include "text/fold.h"

namespace frontline::doc {
namespace {

size_t CountWords(std::string_view s) {
  size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\t';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// Longest block, in words, that a `prefix` furniture phrase may condemn: a teaser or notice is
// short, a paragraph that happens to start with "Updated" is not.
constexpr size_t kPrefixMaxWords = 60;
// Shortest and longest block that the pull-quote rule (a block repeated inside a longer one)
// applies to.
constexpr size_t kRepeatMinWords = 5;
constexpr size_t kRepeatMaxWords = 60;
// Longest caption, in words, recognised by its credit alone.
constexpr size_t kCaptionMaxWords = 60;

// True when `needle` occurs in `haystack`. Searches for a short prefix with memmem's fast path
// and confirms each hit, which beats a long-needle search on paragraph-sized needles.
bool Contains(std::string_view haystack, std::string_view needle) {
  if (needle.size() > haystack.size()) return false;
  const size_t probe = std::min<size_t>(needle.size(), 16);
  const char* p = haystack.data();
  const char* const end = haystack.data() + haystack.size();
  while (static_cast<size_t>(end - p) >= needle.size()) {
    const void* hit = memmem(p, static_cast<size_t>(end - p), needle.data(), probe);
    if (hit == nullptr) return false;
    const char* h = static_cast<const char*>(hit);
    if (static_cast<size_t>(end - h) < needle.size()) return false;
    if (std::memcmp(h, needle.data(), needle.size()) == 0) return true;
    p = h + 1;
  }
  return false;
}

bool IsBodyLike(BlockRole role) {
  return role == BlockRole::kBody || role == BlockRole::kListItem || role == BlockRole::kQuote;
}

}  // namespace

namespace {

// A trailing "(AFP)", "(Reuters/Jane Doe)", "(Photo: ...)": a short parenthesis at the end whose
// words are capitalised or that names a photo. Returns where it starts, or npos.
size_t TrailingParenthesisCredit(std::string_view text) {
  if (text.empty() || text.back() != ')') return std::string_view::npos;
  const size_t open = text.rfind('(');
  if (open == std::string_view::npos || open == 0) return std::string_view::npos;
  const std::string_view inside = text.substr(open + 1, text.size() - open - 2);
  if (inside.empty() || CountWords(inside) > 4) return std::string_view::npos;
  const std::string folded = text::Fold(inside);
  if (folded.starts_with("photo") || folded.starts_with("foto") ||
      inside.find('/') != std::string_view::npos) {
    return open;
  }
  size_t upper = 0, letters = 0;
  for (char c : inside) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      ++letters;
      upper += std::isupper(static_cast<unsigned char>(c)) != 0;
    }
  }
  return letters >= 2 && upper == letters ? open : std::string_view::npos;
}

}  // namespace

size_t StripCredit(std::string_view text) {
  if (const size_t open = TrailingParenthesisCredit(text); open != std::string_view::npos) {
    size_t end = open;
    while (end > 0 && text[end - 1] == ' ') --end;
    return end;
  }
  return StripMarkedCredit(text);
}

size_t StripMarkedCredit(std::string_view text) {
  // The credit is what follows the caption's last sentence: find the last ". " or similar.
  size_t cut = std::string_view::npos;
  for (size_t i = text.size(); i-- > 1;) {
    const char c = text[i - 1];
    if (text[i] == ' ' && (c == '.' || c == '!' || c == '?' || c == ')' || c == '"')) {
      cut = i;
      break;
    }
  }
  if (cut == std::string_view::npos) return text.size();
  std::string_view tail = text.substr(cut + 1);
  if (tail.empty() || CountWords(tail) > 10) return text.size();
  const char last = tail.back();
  if (last == '.' || last == '!' || last == '?' || last == ',') return text.size();
  const std::string folded = text::Fold(tail);
  const bool marked = tail.find('/') != std::string_view::npos ||
                      tail.find("\xC2\xA9") != std::string_view::npos ||  // ©
                      folded.starts_with("photo") || folded.starts_with("credit") ||
                      folded.starts_with("foto") || folded.starts_with("image");
  if (!marked) return text.size();
  size_t end = cut;
  while (end > 0 && text[end - 1] == ' ') --end;
  return end;
}

void CleanBlocks(std::vector<Block>& blocks, const FurnitureDictionary& furniture) {
  // Folded forms, computed once, for the dictionary and the comparisons below.
  std::vector<std::string> folded(blocks.size());
  std::vector<size_t> words(blocks.size(), 0);  // words of each block, as folding counts them
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].role == BlockRole::kDropped) continue;
    folded[i] = text::Fold(blocks[i].text);
    if (!folded[i].empty()) {
      words[i] = 1 + static_cast<size_t>(std::count(folded[i].begin(), folded[i].end(), ' '));
    }
  }
  bool article_started = false;
  bool comments_started = false;
  for (size_t i = 0; i < blocks.size(); ++i) {
    Block& b = blocks[i];
    if (b.role == BlockRole::kDropped) continue;
    if (comments_started) {
      b.role = BlockRole::kDropped;
      b.reason = "comment section";
      continue;
    }
    if (auto match = furniture.Match(b.text, folded[i])) {
      const bool short_enough = match->whole_line || words[i] <= kPrefixMaxWords;
      if (short_enough) {
        if (match->category == "comments" && match->whole_line && article_started) {
          comments_started = true;
        }
        b.role = BlockRole::kDropped;
        b.reason = match->category;
        continue;
      }
    }
    if (b.link_chars * 2 > b.text.size()) {
      b.role = BlockRole::kDropped;
      b.reason = "links";
      continue;
    }
    if (IsBodyLike(b.role) && words[i] >= 8) article_started = true;
  }

  // Captions: a block followed closely by itself plus a credit; or a short block ending in one.
  for (size_t i = 0; i < blocks.size(); ++i) {
    Block& a = blocks[i];
    if (a.role == BlockRole::kDropped || folded[i].empty()) continue;
    for (size_t j = i + 1; j < blocks.size() && j <= i + 3; ++j) {
      Block& b = blocks[j];
      if (b.role == BlockRole::kDropped || b.text.size() <= a.text.size()) continue;
      if (!folded[j].starts_with(folded[i])) continue;
      if (StripMarkedCredit(b.text) > a.text.size() + 2) continue;
      a.role = BlockRole::kCaption;
      b.role = BlockRole::kDropped;
      b.reason = "caption repeated";
      break;
    }
    if (a.role == BlockRole::kCaption) {
      a.text.resize(StripCredit(a.text));
    } else if (a.role != BlockRole::kDropped && words[i] <= kCaptionMaxWords) {
      // Body text ends in "(ISIS)" or "(AFP)" often enough: only a marked credit ("NAME /
      // AGENCY", "Photo: ...") makes a block a caption.
      const size_t keep = StripMarkedCredit(a.text);
      if (keep < a.text.size()) {
        a.text.resize(keep);
        a.role = BlockRole::kCaption;
      }
    }
  }
  // A caption seen twice (a figcaption and the same text as a paragraph): keep the first.
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].role != BlockRole::kCaption) continue;
    for (size_t j = 0; j < blocks.size(); ++j) {
      if (j == i || blocks[j].role == BlockRole::kDropped || folded[j] != folded[i]) continue;
      if (j > i || blocks[j].role != BlockRole::kCaption) {
        blocks[j].role = BlockRole::kDropped;
        blocks[j].reason = "caption repeated";
      }
    }
  }

  // A heading over nothing but captions titles a photo gallery, not a part of the article.
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].role != BlockRole::kHeading) continue;
    size_t j = i + 1;
    while (j < blocks.size() && blocks[j].role == BlockRole::kDropped) ++j;
    if (j == blocks.size() || blocks[j].role != BlockRole::kCaption) continue;
    while (j < blocks.size() &&
           (blocks[j].role == BlockRole::kCaption || blocks[j].role == BlockRole::kDropped))
      ++j;
    if (j == blocks.size() || blocks[j].role == BlockRole::kHeading) {
      blocks[i].role = BlockRole::kDropped;
      blocks[i].reason = "gallery heading";
    }
  }

  // Repeats: an exact repeat of an earlier block, or a short block inside a longer one.
  std::unordered_set<std::string_view> seen;
  for (size_t i = 0; i < blocks.size(); ++i) {
    Block& b = blocks[i];
    if (b.role == BlockRole::kDropped || b.role == BlockRole::kCaption || folded[i].empty())
      continue;
    if (!seen.insert(folded[i]).second) {
      b.role = BlockRole::kDropped;
      b.reason = "repeated";
      continue;
    }
    if (words[i] < kRepeatMinWords || words[i] > kRepeatMaxWords) continue;
    for (size_t j = 0; j < blocks.size(); ++j) {
      if (j == i || blocks[j].role == BlockRole::kDropped) continue;
      if (folded[j].size() <= folded[i].size()) continue;
      if (Contains(folded[j], folded[i])) {
        b.role = BlockRole::kDropped;
        b.reason = "repeated inside a longer block";
        break;
      }
    }
  }
}

void AppendBlocks(const std::vector<Block>& blocks, Document& document) {
  for (const Block& b : blocks) {
    switch (b.role) {
      case BlockRole::kBody:
        AppendParagraph(document, b.text, ParagraphKind::kBody);
        break;
      case BlockRole::kHeading:
        AppendParagraph(document, b.text, ParagraphKind::kHeading);
        break;
      case BlockRole::kListItem:
        AppendParagraph(document, b.text, ParagraphKind::kListItem);
        break;
      case BlockRole::kQuote:
        AppendParagraph(document, b.text, ParagraphKind::kQuote);
        break;
      case BlockRole::kCaption:
        if (std::find(document.captions.begin(), document.captions.end(), b.text) ==
            document.captions.end()) {
          document.captions.push_back(b.text);
        }
        break;
      case BlockRole::kDropped:
        break;
    }
  }
}

}  // namespace frontline::doc
