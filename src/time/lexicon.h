// The time lexicon: month, weekday, unit, number ... words in English and French, loaded from
// data/time/lexicon.txt (format documented in the file).
#ifndef FRONTLINE_TIME_LEXICON_H_
#define FRONTLINE_TIME_LEXICON_H_

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "status/status.h"
#include "text/abbreviations.h"

namespace frontline::time {

enum class Category {
  kMonth,
  kWeekday,
  kSeason,
  kPart,
  kNumber,
  kOrdinal,
  kUnit,
  kDeictic,
  kRef,
  kSet,
  kModifier,
  kAgo,
  kLater,
  kSince,
  kVague,
  kHoliday,
  kFuture,
  kNumNoun,
  kCountNoun,
  kOpener,
  kPast,
};

struct LexEntry {
  Category category;
  int number = 0;    // the numeric value where the entry has one (month 1..12, -1, ...)
  std::string code;  // the value as written ("SP", "P1D", "0,NI", "since")
};

class Lexicon {
 public:
  Lexicon() = default;
  // The index points into the word table: moving keeps it valid, copying would not.
  Lexicon(Lexicon&&) = default;
  Lexicon& operator=(Lexicon&&) = default;
  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;
  static Result<Lexicon> Parse(std::string_view contents, std::string_view name);
  // Reads data_dir/time/lexicon.txt.
  static Result<Lexicon> Load(const std::string& data_dir);

  // Every entry of the folded word `fold`, or null: one look-up serves all categories.
  const std::vector<LexEntry>* Entries(std::string_view fold) const;

  // The entry of category `category` for the folded word `fold`, if any.
  const LexEntry* Find(std::string_view fold, Category category) const;
  bool Has(std::string_view fold, Category category) const {
    return Find(fold, category) != nullptr;
  }

 private:
  void BuildIndex();

  std::unordered_map<std::string, std::vector<LexEntry>, text::StringHash, std::equal_to<>> words_;
  // An open-addressing index over words_ for the hot path: slot -> word + 1 (0 = empty).
  std::vector<const std::pair<const std::string, std::vector<LexEntry>>*> slots_;
  size_t mask_ = 0;
  // A filter before the probe, since most words of a text are not time words: for each
  // length (31 = longer), a bit for each first letter a-z (26 = any other byte) that a
  // lexicon word of that length starts with.
  static size_t ShapeLength(std::string_view w) { return std::min<size_t>(w.size(), 31); }
  static uint32_t ShapeBit(std::string_view w) {
    const unsigned char c = static_cast<unsigned char>(w.front());
    return 1u << (c >= 'a' && c <= 'z' ? c - 'a' : 26);
  }
  uint32_t shapes_[32] = {};
};

}  // namespace frontline::time

#endif  // FRONTLINE_TIME_LEXICON_H_
