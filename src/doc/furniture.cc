#include "doc/furniture.h"

#include <fmt/format.h>

#include <algorithm>

#include <unicode/uchar.h>

#include <cctype>

#include "text/data_file.h"
#include "text/fold.h"
#include "text/utf8.h"

namespace frontline::doc {
namespace {

size_t CountWords(std::string_view folded) {
  return folded.empty() ? 0
                        : 1 + static_cast<size_t>(std::count(folded.begin(), folded.end(), ' '));
}

// Byte offsets at which the words of a folded string start.
void WordStarts(std::string_view folded, std::vector<size_t>& starts) {
  starts.clear();
  if (folded.empty()) return;
  starts.push_back(0);
  for (size_t i = 0; i < folded.size(); ++i)
    if (folded[i] == ' ') starts.push_back(i + 1);
}

// Lower case of UTF-8 text, letter by letter (ICU's simple case mapping).
std::string LowerUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const char32_t cp = text::DecodeUtf8(s, i);
    text::AppendUtf8(static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp))), out);
  }
  return out;
}

}  // namespace

bool FurnitureDictionary::MarkSeen(const Entry& entry, std::string_view block, bool at_start) {
  if (entry.marked.empty()) return true;
  const std::string lower = LowerUtf8(text::TrimField(block));
  return at_start ? lower.starts_with(entry.marked) : lower.find(entry.marked) != std::string::npos;
}

Result<FurnitureDictionary> FurnitureDictionary::Parse(std::string_view contents,
                                                       std::string_view name) {
  FurnitureDictionary dict;
  Status status = text::ForEachDataLine(contents, name, [&](size_t line_no, std::string_view line) {
    std::string_view fields[3];
    if (!text::SplitTabFields(line, fields, 3)) {
      return Status::Error(
          fmt::format("{}:{}: expected 'KIND<TAB>CATEGORY<TAB>phrase'", name, line_no));
    }
    const std::string_view kind = fields[0];
    const std::string category(fields[1]);
    const std::string_view phrase = fields[2];
    if (phrase.empty()) return Status::Error(fmt::format("{}:{}: empty phrase", name, line_no));
    const std::string folded = text::Fold(phrase);
    Table* table = nullptr;
    if (kind == "line") {
      table = &dict.line_;
    } else if (kind == "prefix" && phrase.back() == ':' && !folded.empty()) {
      table = &dict.colon_prefix_;
    } else if (kind == "prefix") {
      table = &dict.prefix_;
      if (folded.empty()) {
        dict.symbol_prefixes_.emplace_back(std::string(phrase), category);
        ++dict.size_;
        return Status::Ok();
      }
      dict.max_prefix_words_ = std::max(dict.max_prefix_words_, CountWords(folded));
    } else if (kind == "contains") {
      table = &dict.contains_;
      dict.max_contains_words_ = std::max(dict.max_contains_words_, CountWords(folded));
    } else {
      return Status::Error(
          fmt::format("{}:{}: unknown kind '{}' (line, prefix, contains)", name, line_no, kind));
    }
    if (folded.empty()) {
      return Status::Error(
          fmt::format("{}:{}: phrase '{}' has no letters or digits", name, line_no, phrase));
    }
    Entry entry{category, {}};
    const unsigned char last = static_cast<unsigned char>(phrase.back());
    if (kind != "line" && last < 0x80 && !std::isalnum(last) && last != '.') {
      entry.marked = LowerUtf8(phrase);
    }
    table->try_emplace(folded, std::move(entry));
    ++dict.size_;
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return dict;
}

Result<FurnitureDictionary> FurnitureDictionary::Load(const std::string& data_dir) {
  const std::string path = data_dir + "/boilerplate/furniture.txt";
  Result<std::string> contents = text::ReadDataFile(path, "the furniture dictionary");
  if (!contents.ok()) return contents.status();
  return Parse(contents.value(), path);
}

std::optional<FurnitureMatch> FurnitureDictionary::Match(std::string_view block) const {
  return Match(block, text::Fold(block));
}

std::optional<FurnitureMatch> FurnitureDictionary::Match(std::string_view block,
                                                         std::string_view f) const {
  {
    std::string_view raw = text::TrimField(block);
    for (const auto& [symbol, category] : symbol_prefixes_) {
      if (raw.substr(0, symbol.size()) == symbol) return FurnitureMatch{category, symbol, false};
    }
  }
  if (f.empty()) return std::nullopt;
  if (auto it = line_.find(f); it != line_.end()) {
    return FurnitureMatch{it->second.category, it->first, true};
  }
  thread_local std::vector<size_t> starts;
  WordStarts(f, starts);
  // Labels ending in a colon: the text before the block's first colon.
  if (!colon_prefix_.empty()) {
    const size_t colon = block.substr(0, 80).find(':');
    if (colon != std::string_view::npos && colon > 0) {
      const std::string head = text::Fold(block.substr(0, colon));
      if (auto it = colon_prefix_.find(head); it != colon_prefix_.end()) {
        return FurnitureMatch{it->second.category, it->first, head.size() == f.size()};
      }
    }
  }
  // Prefixes: the block's first 1..max_prefix_words_ words.
  for (size_t n = 1; n <= max_prefix_words_ && n <= starts.size(); ++n) {
    if (n == 1 && starts.size() > kSingleWordPrefixMaxWords) continue;
    const size_t end = n < starts.size() ? starts[n] - 1 : f.size();
    if (auto it = prefix_.find(f.substr(0, end));
        it != prefix_.end() && MarkSeen(it->second, block, true)) {
      return FurnitureMatch{it->second.category, it->first, n == starts.size()};
    }
  }
  if (starts.size() > kContainsMaxWords) return std::nullopt;
  for (size_t i = 0; i < starts.size(); ++i) {
    for (size_t n = 1; n <= max_contains_words_ && i + n <= starts.size(); ++n) {
      const size_t end = i + n < starts.size() ? starts[i + n] - 1 : f.size();
      if (auto it = contains_.find(f.substr(starts[i], end - starts[i]));
          it != contains_.end() && MarkSeen(it->second, block, false)) {
        return FurnitureMatch{it->second.category, it->first, false};
      }
    }
  }
  return std::nullopt;
}

}  // namespace frontline::doc
