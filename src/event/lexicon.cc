#include "event/lexicon.h"

#include <charconv>
#include <fmt/format.h>

#include "text/data_file.h"

namespace frontline::event {
namespace {

constexpr std::array<std::string_view, kTriggerClassCount> kClassNames = {
    "capture", "transfer", "clash",  "attack",  "kill",     "injure", "air",
    "shell",   "ied",      "explosion", "suicide", "grenade", "chemical", "abduct",
    "sexual",  "protest",  "riot",   "mob",     "agree",    "arrest", "change",
    "disrupt", "base",     "loot",   "displace", "other",
};
constexpr std::array<std::string_view, 4> kFormNames = {"verb", "noun", "agent_after", "affected"};
constexpr std::array<std::string_view, kCueCount> kCueNames = {
    "negation",   "denial",     "future",       "hypothetical",         "claim_verb",
    "say_verb",   "according_to", "be",         "by",                   "support",
    "between",    "target_prep", "armed_target", "protest_intervention", "protest_force",
    "protest_violence", "cumulative", "clause_break", "person",        "not_count",
    "at_least",   "at_most",    "about",        "support_after", "non_conflict", "crowd", "seize_verb", "weapon", "crime",
};
constexpr std::array<std::string_view, 6> kCountNames = {"killed",    "injured",  "casualties",
                                                         "displaced", "detained", "abducted"};

template <size_t N>
int IndexOf(const std::array<std::string_view, N>& names, std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<int>(i);
  }
  return -1;
}

bool ParseInt(std::string_view s, int64_t& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

std::string_view CountKindName(CountKind kind) { return kCountNames[static_cast<size_t>(kind)]; }

Result<EventLexicon> EventLexicon::Load(const std::string& data_dir) {
  const std::string path = data_dir + "/event/lexicon.txt";
  Result<std::string> contents = text::ReadDataFile(path, "the event lexicon");
  if (!contents.ok()) return contents.status();
  return Parse(contents.value(), path);
}

Result<EventLexicon> EventLexicon::Parse(std::string_view contents, std::string_view name) {
  EventLexicon lex;
  Status status = text::ForEachDataLine(contents, name, [&](size_t line, std::string_view entry) {
    auto error = [&](std::string_view what) {
      return Status::Error(fmt::format("{}:{}: {}", name, line, what));
    };
    std::string_view f[3];
    if (!text::SplitTabFields(entry, f, 3)) {
      if (!text::SplitTabFields(entry, f, 2)) return error("expected CATEGORY<TAB>PHRASE");
      f[2] = {};
    }
    const std::string_view category = f[0], phrase = f[1], value = f[2];
    bool added = true;
    if (int c = IndexOf(kClassNames, category); c >= 0) {
      const int form = IndexOf(kFormNames, value);
      if (form < 0) return error(fmt::format("unknown trigger form \"{}\"", value));
      added = lex.Add(Category::kTrigger, phrase, static_cast<uint32_t>(c * 4 + form));
    } else if (int q = IndexOf(kCueNames, category); q >= 0) {
      added = lex.Add(Category::kCue, phrase, static_cast<uint32_t>(q));
    } else if (category == "count") {
      const int k = IndexOf(kCountNames, value);
      if (k < 0) return error(fmt::format("unknown count kind \"{}\"", value));
      added = lex.Add(Category::kCount, phrase, static_cast<uint32_t>(k));
    } else if (category == "number" || category == "scale") {
      int64_t n = 0;
      if (!ParseInt(value, n) || n <= 0 || n > 0xFFFFFF)
        return error("expected a number 1..16777215");
      added = lex.Add(category == "number" ? Category::kNumber : Category::kScale, phrase,
                      static_cast<uint32_t>(n));
    } else if (category == "vague") {
      // VALUE: MIN..MAX BEST
      VagueQuantity v;
      const size_t dots = value.find("..");
      const size_t space = value.find(' ');
      if (dots == std::string_view::npos || space == std::string_view::npos || space < dots ||
          !ParseInt(value.substr(0, dots), v.min) ||
          !ParseInt(value.substr(dots + 2, space - dots - 2), v.max) ||
          !ParseInt(value.substr(space + 1), v.best) || v.min > v.max)
        return error("vague quantity needs MIN..MAX BEST");
      added = lex.Add(Category::kVague, phrase, static_cast<uint32_t>(lex.vague_.size()));
      lex.vague_.push_back(v);
    } else {
      return error(fmt::format("unknown category \"{}\"", category));
    }
    if (!added) return error("empty phrase, or an alternative of several words");
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return lex;
}

}  // namespace frontline::event
