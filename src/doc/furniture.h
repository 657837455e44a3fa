// The furniture dictionary: phrases that mark a block of a page as page furniture.
//
// Loaded from data/boilerplate/furniture.txt ("KIND<TAB>CATEGORY<TAB>phrase" lines; the file's
// header documents the kinds). Phrases and blocks are compared through text::Fold, so case,
// accents, curly quotes and punctuation do not matter: "LEAVE A REPLY", "Leave a reply:" and
// "leave a Reply" all match the line phrase "leave a reply".
#ifndef FRONTLINE_DOC_FURNITURE_H_
#define FRONTLINE_DOC_FURNITURE_H_

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "status/status.h"
#include "text/abbreviations.h"

namespace frontline::doc {

struct FurnitureMatch {
  std::string_view category;  // "share", "paywall", "comments", ... as in the file
  std::string_view phrase;    // the folded phrase that matched
  bool whole_line;            // the whole block is the phrase (kind `line`)
};

class FurnitureDictionary {
 public:
  // Parses the dictionary text; `name` is used in messages ("furniture.txt:12: ...").
  static Result<FurnitureDictionary> Parse(std::string_view contents, std::string_view name);
  // Reads data_dir/boilerplate/furniture.txt.
  static Result<FurnitureDictionary> Load(const std::string& data_dir);

  // The furniture phrase that `block` (one paragraph of text) matches, if any:
  // - `line` phrases when the folded block equals the phrase;
  // - `prefix` phrases when the folded block starts with the phrase's words; a phrase that ends
  //   in a colon ("video:", "photo :") only when the block's text before its first colon is
  //   the phrase, so that "Video footage shows ..." is not taken for a "Video:" label; a
  //   one-word phrase only in blocks of at most kSingleWordPrefixMaxWords words;
  // - `contains` phrases anywhere in blocks of at most kContainsMaxWords words.
  // A prefix or contains phrase that ends in a mark folding cannot see ("reuters/", "video -")
  // must also be found with that mark in the block, ignoring case: "told Reuters." is no credit.
  // O(words in the block x longest phrase in words) hash look-ups.
  std::optional<FurnitureMatch> Match(std::string_view block) const;
  // The same, with text::Fold(block) already computed by the caller.
  std::optional<FurnitureMatch> Match(std::string_view block, std::string_view folded) const;

  size_t size() const { return size_; }

  static constexpr size_t kContainsMaxWords = 40;
  static constexpr size_t kSingleWordPrefixMaxWords = 15;

 private:
  enum class Kind { kLine, kPrefix, kContains };
  struct Entry {
    std::string category;
    std::string marked;  // the lower-cased phrase when its final mark must be seen, else ""
  };
  // True when `entry` needs no mark, or `block` holds its marked form (at the start if
  // `at_start`).
  static bool MarkSeen(const Entry& entry, std::string_view block, bool at_start);
  using Table = std::unordered_map<std::string, Entry, text::StringHash, std::equal_to<>>;
  Table line_, prefix_, colon_prefix_, contains_;
  // Prefixes that fold to nothing ("©", "•"): matched on the raw start of the block.
  std::vector<std::pair<std::string, std::string>> symbol_prefixes_;
  size_t max_prefix_words_ = 0;
  size_t max_contains_words_ = 0;
  size_t size_ = 0;
};

}  // namespace frontline::doc

#endif  // FRONTLINE_DOC_FURNITURE_H_
