#include "doc/text_reader.h"

#include <algorithm>

#include "doc/normalize.h"

namespace frontline::doc {
namespace {

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool EndsWithTerminal(std::string_view line) {
  while (!line.empty() && (line.back() == '"' || line.back() == ')' || line.back() == '\''))
    line.remove_suffix(1);
  if (line.empty()) return false;
  const char c = line.back();
  if (c == '.' || c == '!' || c == '?' || c == ':') return true;
  return line.ends_with("\xE2\x80\x9D") || line.ends_with("\xE2\x80\xA6");  // ” …
}

// Hard-wrapped prose: at least three lines, all but the last between 40 and 100 bytes and
// within 30% of the longest, and most line ends falling mid-sentence.
bool IsHardWrapped(const std::vector<std::string_view>& lines) {
  if (lines.size() < 3) return false;
  size_t longest = 0;
  for (size_t i = 0; i + 1 < lines.size(); ++i) longest = std::max(longest, lines[i].size());
  if (longest > 100) return false;
  size_t mid_sentence = 0;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    if (lines[i].size() < 40 || lines[i].size() * 10 < longest * 7) return false;
    if (!EndsWithTerminal(lines[i])) ++mid_sentence;
  }
  return mid_sentence * 2 >= lines.size() - 1;
}

void FlushGroup(std::vector<std::string_view>& lines, std::vector<Block>& blocks) {
  if (lines.empty()) return;
  if (IsHardWrapped(lines)) {
    Block b;
    for (std::string_view l : lines) {
      if (!b.text.empty()) b.text.push_back(' ');
      b.text += l;
    }
    blocks.push_back(std::move(b));
  } else {
    for (std::string_view l : lines) {
      Block b;
      b.text = l;
      blocks.push_back(std::move(b));
    }
  }
  lines.clear();
}

// A heading inside the article: short, no final punctuation.
bool LooksLikeHeading(std::string_view line) {
  if (line.size() > 120 || EndsWithTerminal(line)) return false;
  return std::count(line.begin(), line.end(), ' ') < 15;
}

}  // namespace

std::vector<Block> TextBlocks(std::string_view text) {
  std::vector<Block> blocks;
  std::vector<std::string_view> group;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    const std::string_view line = TrimSpaces(text.substr(pos, eol - pos));
    pos = eol + 1;
    if (line.empty()) {
      FlushGroup(group, blocks);
    } else {
      group.push_back(line);
    }
    if (eol == text.size()) break;
  }
  FlushGroup(group, blocks);
  for (Block& b : blocks) {
    CollapseSpaces(b.text);
    if (LooksLikeHeading(b.text)) b.role = BlockRole::kHeading;
  }
  return blocks;
}

void ReadText(std::string_view text, const FurnitureDictionary& furniture, Document& document) {
  std::vector<Block> blocks = TextBlocks(text);
  // Headline: the first line, when a heading stands alone before a blank line.
  if (!blocks.empty() && blocks.front().role == BlockRole::kHeading) {
    const size_t first_line_end = text.find('\n');
    const bool alone =
        first_line_end != std::string_view::npos && text.substr(first_line_end).starts_with("\n\n");
    if (alone && !furniture.Match(blocks.front().text)) {
      if (document.title.empty()) document.title = blocks.front().text;
      if (blocks.front().text == document.title) blocks.erase(blocks.begin());
    }
  } else if (!blocks.empty() && !document.title.empty() && blocks.front().text == document.title) {
    blocks.erase(blocks.begin());
  }
  CleanBlocks(blocks, furniture);
  AppendBlocks(blocks, document);
}

}  // namespace frontline::doc
