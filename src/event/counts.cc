#include "event/counts.h"

#include <cmath>

namespace frontline::event {
namespace {

// "350,000" -> 350000, "3.5" -> 3.5, "12" -> 12. False for anything else ("3rd", "9/11").
bool ParseDigits(std::string_view s, double& value) {
  double v = 0, scale = 0;
  bool digit = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      digit = true;
      if (scale > 0) {
        v += (c - '0') / scale;
        scale *= 10;
      } else {
        v = v * 10 + (c - '0');
      }
    } else if (c == ',' && scale == 0 && i + 3 < s.size() + 1) {
      continue;
    } else if (c == '.' && scale == 0) {
      scale = 10;
    } else {
      return false;
    }
  }
  value = v;
  return digit;
}

struct Number {
  uint32_t end = 0;  // first word after the number; 0 when there is none at the word
  int64_t min = 0, max = -1, best = 0;
  bool exact = true;
};

Number ParseNumber(const EventLexicon& lexicon, const SentenceView& view, size_t i) {
  Number out;
  const size_t n = view.words.size();
  // A qualifier first: "at least", "nearly", "about".
  enum { kNone, kAtLeast, kAtMost, kAbout } qualifier = kNone;
  size_t j = i;
  if (uint32_t len = view.CueLength(i, Cue::kAtLeast)) {
    qualifier = kAtLeast;
    j += len;
  } else if (uint32_t len2 = view.CueLength(i, Cue::kAtMost)) {
    qualifier = kAtMost;
    j += len2;
  } else if (uint32_t len3 = view.CueLength(i, Cue::kAbout)) {
    qualifier = kAbout;
    j += len3;
  }
  if (j >= n) return out;
  double value = 0;
  size_t end = j;
  if (const Hit* v = view.Longest(j, Category::kVague)) {
    const VagueQuantity& q = lexicon.vague(v->payload);
    out = {static_cast<uint32_t>(v->end()), q.min, q.max, q.best, false};
    return out;
  }
  if (view.words.token(j).kind == text::TokenKind::kNumber) {
    if (!ParseDigits(view.words.surface(j), value)) return out;
    end = j + 1;
    if (const Hit* s = end < n ? view.Longest(end, Category::kScale) : nullptr) {
      value *= s->payload;
      end = s->end();
    }
  } else {
    // Number words: "two hundred and fifty", "twenty five", "a hundred", "a dozen".
    double total = 0, current = 0;
    bool any = false;
    size_t k = j;
    if (view.words.fold(k) == "a" && k + 1 < n && view.Longest(k + 1, Category::kScale)) {
      current = 1;
      ++k;
    }
    while (k < n) {
      if (const Hit* h = view.Longest(k, Category::kNumber)) {
        current += h->payload;
        k = h->end();
        any = true;
      } else if (const Hit* s = view.Longest(k, Category::kScale); s && (any || current > 0)) {
        current = std::max(current, 1.0) * s->payload;
        if (s->payload >= 1000) {
          total += current;
          current = 0;
        }
        k = s->end();
        any = true;
      } else if (any && view.words.fold(k) == "and" && k + 1 < n &&
                 view.Longest(k + 1, Category::kNumber)) {
        ++k;
      } else {
        break;
      }
    }
    if (!any) return out;
    value = total + current;
    end = k;
  }
  if (value <= 0 || value > 1e9) return out;
  const int64_t v = std::llround(value);
  out.end = static_cast<uint32_t>(end);
  out.best = v;
  switch (qualifier) {
    case kNone:
      out.min = out.max = v;
      break;
    case kAtLeast:
      out.min = v;
      out.max = -1;
      out.exact = false;
      break;
    case kAtMost:
      out.min = std::llround(value * 0.9);
      out.max = v;
      out.exact = false;
      break;
    case kAbout:
      out.min = std::llround(value * 0.9);
      out.max = std::llround(value * 1.1);
      out.exact = false;
      break;
  }
  return out;
}

bool IsStop(std::string_view fold) {
  return fold == "." || fold == ";" || fold == ":" || fold == "?" || fold == "!" || fold == "(";
}

// Words allowed between a count word and its number ("the death toll rose to 12").
bool IsBridge(std::string_view fold) {
  return fold == "to" || fold == "at" || fold == "rose" || fold == "risen" || fold == "climbed" ||
         fold == "reached" || fold == "stood" || fold == "stands" || fold == "of" ||
         fold == "leaving" || fold == "is" || fold == "was" || fold == "has" || fold == "had";
}

// "a man was killed", "shot dead a woman", "was found dead": one person, though no number
// says so.
bool SingleVictim(const SentenceView& view, const Hit& kill) {
  const size_t n = view.words.size();
  for (size_t back = 1; back <= 3 && back <= kill.word; ++back) {
    if (view.words.fold(kill.word - back) == "was") return true;
  }
  if (kill.end() + 1 < n) {
    const std::string_view next = view.words.fold(kill.end());
    if (next == "a" || next == "an") return view.Longest(kill.end(), Category::kNumber) == nullptr;
  }
  return false;
}

}  // namespace

void FindCounts(const EventLexicon& lexicon, const SentenceView& view,
                const std::vector<text::Span>& excluded, bool cumulative,
                std::vector<CountMention>& out) {
  out.clear();
  const size_t n = view.words.size();
  for (size_t i = 0; i < n;) {
    bool inside = false;
    for (const text::Span& s : excluded) inside = inside || s.Contains(view.words.token(i).span);
    if (inside) {
      ++i;
      continue;
    }
    const Number number = ParseNumber(lexicon, view, i);
    if (number.end == 0) {
      ++i;
      continue;
    }
    const size_t end = number.end;
    std::optional<CountKind> kind;
    if (end < n && view.HasCue(end, Cue::kNotCount)) {
      i = end;
      continue;
    }
    // A count word right after, over at most two small words: "Two killed, three injured",
    // "25 were wounded".
    for (size_t k = end; k < n && k <= end + 2 && !kind; ++k) {
      if (const Hit* h = view.Longest(k, Category::kCount)) {
        kind = static_cast<CountKind>(h->payload);
        break;
      }
      const std::string_view f = view.words.fold(k);
      if (f != "were" && f != "was" && f != "people" && f != "civilians" && f != "persons" &&
          f != "have" && f != "had" && f != "been" && f != "are")
        break;
    }
    // A count word just before: "killing 12", "the death toll rose to 12".
    for (size_t back = 1; back <= 4 && back <= i && !kind; ++back) {
      const size_t w = i - back;
      for (const Hit& h : view.hits) {
        if (h.category == Category::kCount && h.end() == w + 1 && h.word <= w) {
          kind = static_cast<CountKind>(h.payload);
          break;
        }
      }
      if (!kind && !IsBridge(view.words.fold(w))) break;
    }
    // Else one after: "12 civilians, including three children, were killed". A number joined
    // by "and" or "including" shares the kind that follows; any other number starts a count
    // of its own.
    auto joined = [&](size_t k) {
      if (k == 0) return false;
      const std::string_view f = view.words.fold(k - 1);
      return f == "and" || f == "," || f == "including";
    };
    for (size_t k = end; k < n && k < end + 15 && !kind; ++k) {
      const std::string_view fold = view.words.fold(k);
      if (IsStop(fold)) break;
      if (view.words.token(k).kind == text::TokenKind::kNumber && !joined(k)) break;
      if (view.HasCue(k, Cue::kClauseBreak)) break;
      if (k > end && (view.HasCue(k, Cue::kAtLeast) || view.HasCue(k, Cue::kAtMost))) break;
      if (const Hit* h = view.Longest(k, Category::kCount)) {
        // "five gunmen killed three people", "armed men shot dead a man": the number counts
        // those who did it, not the victims named after the verb.
        const size_t after = h->end();
        const bool object = after < n && (view.words.token(after).kind == text::TokenKind::kNumber ||
                                          view.Longest(after, Category::kNumber) != nullptr ||
                                          view.words.fold(after) == "a" ||
                                          view.words.fold(after) == "an");
        if (object && k > end) break;
        kind = static_cast<CountKind>(h->payload);
      }
      if (k > end && view.Longest(k, Category::kNumber) != nullptr && !joined(k)) break;
    }
    if (kind) {
      CountMention m;
      m.count.kind = *kind;
      m.count.min = number.min;
      m.count.max = number.max;
      m.count.best = number.best;
      m.count.exact = number.exact;
      m.count.cumulative = cumulative;
      // "killing 12, including three children": the three are among the twelve.
      for (size_t back = 1; back <= 3 && back <= i; ++back) {
        const std::string_view f = view.words.fold(i - back);
        if (f == "including" || f == "among" || f == "whom" || f == "them") m.count.part = true;
      }
      m.count.span = {view.words.token(i).span.begin, view.words.token(end - 1).span.end};
      m.word_begin = static_cast<uint32_t>(i);
      m.word_end = static_cast<uint32_t>(end);
      // "five militants and one soldier": the second adds to the first.
      if (!out.empty() && out.back().count.kind == m.count.kind && i > 0 &&
          out.back().word_end + 4 >= i &&
          (view.words.fold(i - 1) == "and" || view.words.fold(i - 1) == ","))
        m.count.plus = true;
      out.push_back(m);
    }
    i = end;
  }
  bool killed = false;
  for (const CountMention& m : out) killed = killed || m.count.kind == CountKind::kKilled;
  if (killed) return;
  for (const Hit& h : view.hits) {
    if (h.category != Category::kTrigger ||
        EventLexicon::ClassOf(h.payload) != TriggerClass::kKill || !SingleVictim(view, h))
      continue;
    CountMention m;
    m.count.kind = CountKind::kKilled;
    m.count.min = m.count.max = m.count.best = 1;
    m.count.cumulative = cumulative;
    m.count.span = {view.words.token(h.word).span.begin, view.words.token(h.end() - 1).span.end};
    m.word_begin = h.word;
    m.word_end = h.end();
    out.push_back(m);
    break;
  }
}

}  // namespace frontline::event
