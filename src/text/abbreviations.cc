#include "text/abbreviations.h"

#include <fmt/format.h>

#include "text/data_file.h"

namespace frontline::text {
namespace {

// Lower-cases ASCII letters; other bytes are kept, which is enough for the listed forms.
std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  return out;
}

}  // namespace

Result<WordLists> WordLists::Parse(std::string_view abbreviations,
                                   std::string_view abbreviations_name, std::string_view starters,
                                   std::string_view starters_name) {
  WordLists lists;
  Status status = ForEachDataLine(
      abbreviations, abbreviations_name, [&](size_t line_no, std::string_view line) {
        std::string_view fields[2];
        if (!SplitTabFields(line, fields, 2)) {
          return Status::Error(
              fmt::format("{}:{}: expected 'WORD<TAB>CLASS'", abbreviations_name, line_no));
        }
        std::string_view word = fields[0];
        const std::string_view cls_name = fields[1];
        AbbreviationClass cls;
        if (cls_name == "title") {
          cls = AbbreviationClass::kTitle;
        } else if (cls_name == "month") {
          cls = AbbreviationClass::kMonth;
        } else if (cls_name == "common") {
          cls = AbbreviationClass::kCommon;
        } else if (cls_name == "initialism") {
          cls = AbbreviationClass::kInitialism;
        } else if (cls_name == "ordinal") {
          cls = AbbreviationClass::kOrdinal;
        } else {
          return Status::Error(
              fmt::format("{}:{}: unknown class '{}' (title, month, common, initialism, ordinal)",
                          abbreviations_name, line_no, cls_name));
        }
        if (!word.empty() && word.back() == '.') word.remove_suffix(1);
        if (word.empty()) {
          return Status::Error(
              fmt::format("{}:{}: empty abbreviation", abbreviations_name, line_no));
        }
        // A word listed twice keeps its first class; the file reads top to bottom like a table.
        lists.by_word_.try_emplace(std::string(word), cls);
        return Status::Ok();
      });
  if (!status.ok()) return status;
  status = ForEachDataLine(starters, starters_name, [&](size_t, std::string_view line) {
    lists.starters_.insert(AsciiLower(line));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return lists;
}

Result<WordLists> WordLists::Load(const std::string& data_dir) {
  const std::string abbr_path = data_dir + "/text/abbreviations.txt";
  const std::string start_path = data_dir + "/text/sentence_starters.txt";
  Result<std::string> abbr = ReadDataFile(abbr_path, "the abbreviation list");
  if (!abbr.ok()) return abbr.status();
  Result<std::string> starters = ReadDataFile(start_path, "the sentence starter list");
  if (!starters.ok()) return starters.status();
  return Parse(abbr.value(), abbr_path, starters.value(), start_path);
}

std::optional<AbbreviationClass> WordLists::FindAbbreviation(std::string_view word) const {
  auto it = by_word_.find(word);
  if (it == by_word_.end()) return std::nullopt;
  return it->second;
}

bool WordLists::IsSentenceStarter(std::string_view word) const {
  if (word.empty() || word.size() > 24) return false;
  char buf[24];
  for (size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
  }
  return starters_.contains(std::string_view(buf, word.size()));
}

}  // namespace frontline::text
