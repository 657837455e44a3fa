#include "time/lexicon.h"

#include <algorithm>

#include <fmt/format.h>

#include <charconv>

#include "text/data_file.h"
#include "text/fold.h"

namespace frontline::time {
namespace {

std::optional<Category> ParseCategory(std::string_view name) {
  static constexpr std::pair<std::string_view, Category> kNames[] = {
      {"month", Category::kMonth},
      {"weekday", Category::kWeekday},
      {"season", Category::kSeason},
      {"part", Category::kPart},
      {"number", Category::kNumber},
      {"ordinal", Category::kOrdinal},
      {"unit", Category::kUnit},
      {"deictic", Category::kDeictic},
      {"ref", Category::kRef},
      {"set", Category::kSet},
      {"modifier", Category::kModifier},
      {"ago", Category::kAgo},
      {"later", Category::kLater},
      {"since", Category::kSince},
      {"vague", Category::kVague},
      {"holiday", Category::kHoliday},
      {"future", Category::kFuture},
      {"numnoun", Category::kNumNoun},
      {"countnoun", Category::kCountNoun},
      {"opener", Category::kOpener},
      {"past", Category::kPast},
  };
  for (const auto& [n, c] : kNames)
    if (n == name) return c;
  return std::nullopt;
}

// FNV-1a: short words hash in a few instructions.
uint64_t HashWord(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

}  // namespace

void Lexicon::BuildIndex() {
  size_t size = 16;
  while (size < words_.size() * 2) size <<= 1;
  slots_.assign(size, nullptr);
  mask_ = size - 1;
  std::fill(std::begin(shapes_), std::end(shapes_), 0u);
  for (const auto& entry : words_) {
    shapes_[ShapeLength(entry.first)] |= ShapeBit(entry.first);
    size_t slot = HashWord(entry.first) & mask_;
    while (slots_[slot] != nullptr) slot = (slot + 1) & mask_;
    slots_[slot] = &entry;
  }
}

Result<Lexicon> Lexicon::Parse(std::string_view contents, std::string_view name) {
  Lexicon lexicon;
  Status status = text::ForEachDataLine(contents, name, [&](size_t line_no, std::string_view line) {
    std::string_view fields[3];
    if (!text::SplitTabFields(line, fields, 3)) {
      return Status::Error(
          fmt::format("{}:{}: expected 'WORD<TAB>CATEGORY<TAB>VALUE'", name, line_no));
    }
    const std::string word = text::Fold(fields[0]);
    const std::string_view category_name = fields[1];
    const std::string_view value = fields[2];
    const std::optional<Category> category = ParseCategory(category_name);
    if (!category) {
      return Status::Error(
          fmt::format("{}:{}: unknown category '{}'", name, line_no, category_name));
    }
    if (word.empty()) return Status::Error(fmt::format("{}:{}: empty word", name, line_no));
    LexEntry entry{*category, 0, std::string(value)};
    std::string_view digits = value;
    if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
    std::from_chars(digits.data(), digits.data() + digits.size(), entry.number);
    lexicon.words_[word].push_back(std::move(entry));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  lexicon.BuildIndex();
  return lexicon;
}

Result<Lexicon> Lexicon::Load(const std::string& data_dir) {
  const std::string path = data_dir + "/time/lexicon.txt";
  Result<std::string> contents = text::ReadDataFile(path, "the time lexicon");
  if (!contents.ok()) return contents.status();
  return Parse(contents.value(), path);
}

const std::vector<LexEntry>* Lexicon::Entries(std::string_view fold) const {
  if (slots_.empty() || fold.empty() || (shapes_[ShapeLength(fold)] & ShapeBit(fold)) == 0)
    return nullptr;
  for (size_t slot = HashWord(fold) & mask_;; slot = (slot + 1) & mask_) {
    const auto* entry = slots_[slot];
    if (entry == nullptr) return nullptr;
    if (entry->first == fold) return &entry->second;
  }
}

const LexEntry* Lexicon::Find(std::string_view fold, Category category) const {
  auto it = words_.find(fold);
  if (it == words_.end()) return nullptr;
  for (const LexEntry& e : it->second)
    if (e.category == category) return &e;
  return nullptr;
}

}  // namespace frontline::time
