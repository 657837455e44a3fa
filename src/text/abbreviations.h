// Abbreviations and sentence starters: the word lists the sentence splitter consults.
//
// Both are loaded from plain-text files in data/text/ (formats documented at the top of each
// file), so a user can add an abbreviation without recompiling.
#ifndef FRONTLINE_TEXT_ABBREVIATIONS_H_
#define FRONTLINE_TEXT_ABBREVIATIONS_H_

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "status/status.h"

namespace frontline::text {

enum class AbbreviationClass {
  kTitle,       // precedes a name, never ends a sentence: Gen., Lt.-Col., Dr., M.
  kMonth,       // precedes a day number: Jan., Sept., janv.
  kCommon,      // usually mid-sentence but may end one: etc., approx., Inc.
  kInitialism,  // dotted initials: U.S., U.N., D.C.
  kOrdinal,  // not an abbreviation: a word after which "NUMBER." is an ordinal (der 2. Weltkrieg)
};

// Hash that lets unordered containers of std::string be searched with a std::string_view.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

class WordLists {
 public:
  // Parses the abbreviation file `abbreviations` ("WORD<TAB>CLASS" lines) and the sentence
  // starter file `starters` (one word a line); `#` starts a comment line. The names are used in
  // error messages ("abbreviations.txt:12: unknown class 'x'").
  static Result<WordLists> Parse(std::string_view abbreviations,
                                 std::string_view abbreviations_name, std::string_view starters,
                                 std::string_view starters_name);
  // Reads data_dir/text/abbreviations.txt and data_dir/text/sentence_starters.txt.
  static Result<WordLists> Load(const std::string& data_dir);

  // The class of `word` (written without its final period) if it is a known abbreviation.
  // Matching is exact: "No" (No. 3) is listed, "no" is an ordinary word. An entry with a space
  // ("p. ex") is found by passing both words, as written, with the space.
  std::optional<AbbreviationClass> FindAbbreviation(std::string_view word) const;

  // True when `word` is a closed-class word that commonly starts a sentence (The, It, But, ...):
  // after an ambiguous period ("the U.S. It said"), such a word signals a new sentence.
  bool IsSentenceStarter(std::string_view word) const;

  size_t abbreviation_count() const { return by_word_.size(); }

 private:
  std::unordered_map<std::string, AbbreviationClass, StringHash, std::equal_to<>> by_word_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> starters_;
};

}  // namespace frontline::text

#endif  // FRONTLINE_TEXT_ABBREVIATIONS_H_
