#include "geo/geocoder.h"

#include <fmt/format.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_set>

#include "geo/name_key.h"
#include "text/data_file.h"
#include "text/fold.h"
#include "text/utf8.h"

namespace frontline::geo {
namespace {

constexpr size_t kMaxNameTokens = 6;
// Below this many people a place is "small": its name needs a locative word, a kind word or
// more than one word before it counts as a mention.
constexpr int64_t kSmallPlace = 20000;

// One document's tokens with what the geocoder asks of them.
struct Tokens {
  std::string_view text;
  const text::TextLayer* layer;

  const text::Token& at(size_t i) const { return layer->tokens[i]; }
  std::string_view Fold(size_t i) const { return layer->FoldOf(at(i)); }
  std::string_view Surface(size_t i) const {
    return text.substr(at(i).span.begin, at(i).span.end - at(i).span.begin);
  }
  bool IsWord(size_t i) const { return at(i).kind == text::TokenKind::kWord; }
  // A word that starts with a capital, or a word in a script without case (Arabic).
  bool Capitalised(size_t i) const {
    if (!IsWord(i)) return false;
    const std::string_view s = Surface(i);
    if (static_cast<unsigned char>(s[0]) < 0x80) return s[0] >= 'A' && s[0] <= 'Z';
    size_t k = 0;
    const char32_t cp = text::DecodeUtf8(s, k);
    return u_isupper(static_cast<UChar32>(cp)) ||
           (!u_islower(static_cast<UChar32>(cp)) && u_isalpha(static_cast<UChar32>(cp)));
  }
  // Punctuation that may sit inside a name: hyphens, apostrophes, the period of "U.S.".
  bool Joiner(size_t i) const {
    if (at(i).kind != text::TokenKind::kPunct) return false;
    const std::string_view f = Fold(i);
    return f == "-" || f == "'" || f == "`";
  }
};

struct Raw {
  size_t first = 0, last = 0;  // tokens of the name, inclusive (with an article joined to it)
  size_t name_first = 0;       // the first token of the name as looked up (no article)
  uint32_t sentence = 0;
  std::vector<Gazetteer::Match> matches;
  bool demonym = false;                  // only a country's adjective
  bool strong = false;                   // a name that is a place whatever its context
  bool small = false;                    // only small places bear it
  std::string kind;                      // "admin1", "admin2", "place" from a kind word, or ""
  std::string relation;                  // "north of", "near", "border" ...
  size_t span_first = 0, span_last = 0;  // tokens of the whole mention
  bool keep = true;
  std::string fold;
};

}  // namespace

std::string_view PrecisionName(Precision precision) {
  switch (precision) {
    case Precision::kPlace:
      return "place";
    case Precision::kAdmin2:
      return "admin2";
    case Precision::kAdmin1:
      return "admin1";
    case Precision::kCountry:
      return "country";
    case Precision::kRegion:
      return "region";
    case Precision::kRelative:
      return "relative";
  }
  return "place";
}

Result<GeoWords> GeoWords::Parse(std::string_view contents, const std::string& where) {
  GeoWords words;
  Status s = text::ForEachDataLine(contents, where, [&](size_t line, std::string_view l) -> Status {
    std::string_view fields[3];
    if (!text::SplitTabFields(l, fields, 2)) {
      return Status::Error(
          fmt::format("{}:{}: expected CATEGORY<TAB>PHRASE[<TAB>VALUE]", where, line));
    }
    std::string_view phrase = fields[1], value;
    if (const size_t tab = phrase.find('\t'); tab != std::string_view::npos) {
      value = text::TrimField(phrase.substr(tab + 1));
      phrase = text::TrimField(phrase.substr(0, tab));
    }
    if (phrase.empty()) return Status::Error(fmt::format("{}:{}: empty phrase", where, line));
    words.entries_[fmt::format("{}\t{}", fields[0], LatinFold(phrase))] = std::string(value);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return words;
}

Result<GeoWords> GeoWords::Load(const std::string& data_dir) {
  const std::string path = data_dir + "/geo/context.txt";
  auto contents = text::ReadDataFile(path, "geocoder context words");
  if (!contents.ok()) return contents.status();
  return Parse(contents.value(), path);
}

const std::string* GeoWords::Find(std::string_view category, std::string_view phrase) const {
  // Asked for every word of every sentence: the key is built in a reused buffer.
  thread_local std::string key;
  key.assign(category);
  key += '\t';
  key.append(phrase);
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second;
}

Geocoder::Geocoder(const Gazetteer& gazetteer, const GeoWords& words)
    : gazetteer_(&gazetteer), words_(&words) {}

std::vector<Toponym> Geocoder::Find(std::string_view text, const text::TextLayer& layer) const {
  const Tokens t{text, &layer};
  const Gazetteer& g = *gazetteer_;
  std::vector<Raw> raws;

  // Words before token `i` (skipping joiners), folded, nearest last, at most `n`.
  auto words_before = [&](size_t i, size_t sentence_begin, size_t n) {
    std::vector<std::string_view> out;
    for (size_t k = i; k > sentence_begin && out.size() < n;) {
      --k;
      if (t.IsWord(k)) {
        out.insert(out.begin(), t.Fold(k));
      } else if (!t.Joiner(k)) {
        break;
      }
    }
    return out;
  };
  // Whether the last words of `before` form a phrase of `category`; returns its value.
  auto phrase_before = [&](const std::vector<std::string_view>& before,
                           std::string_view category) -> const std::string* {
    for (size_t n = std::min<size_t>(4, before.size()); n >= 1; --n) {
      std::string phrase;
      for (size_t k = before.size() - n; k < before.size(); ++k) {
        if (!phrase.empty()) phrase += ' ';
        phrase += before[k];
      }
      if (const std::string* v = words_->Find(category, phrase)) return v;
    }
    return nullptr;
  };

  // 1. Names: the longest gazetteer name starting at each capitalised word.
  for (uint32_t s = 0; s < layer.sentences.size(); ++s) {
    const text::Sentence& sentence = layer.sentences[s];
    for (size_t i = sentence.token_begin; i < sentence.token_end; ++i) {
      // An article may open a name ("al-Ramadi", "El Fasher") when a capitalised word follows.
      const bool article = words_->Has("article", t.Fold(i)) && i + 2 < sentence.token_end &&
                           (t.Capitalised(i + 1) || (t.Joiner(i + 1) && t.Capitalised(i + 2)));
      if ((!t.Capitalised(i) && !article) || (words_->Has("particle", t.Fold(i)) && !article) ||
          words_->Has("not_place", t.Fold(i))) {
        continue;
      }
      size_t best_last = 0;
      std::vector<Gazetteer::Match> best;
      std::string best_fold;
      // Candidate ends: words, capitalised or particles, joined by hyphens or apostrophes.
      std::vector<size_t> ends;
      for (size_t k = i, words = 0; k < sentence.token_end && words < kMaxNameTokens; ++k) {
        if (t.IsWord(k)) {
          if (k != i && !t.Capitalised(k) && !words_->Has("particle", t.Fold(k))) break;
          ++words;
          if (t.Capitalised(k)) ends.push_back(k);
        } else if (!t.Joiner(k) && !(t.Fold(k) == "." && k > i &&
                                     t.Fold(k - 1).find('.') != std::string_view::npos)) {
          break;
        }
      }
      for (auto e = ends.rbegin(); e != ends.rend(); ++e) {
        const size_t last = *e;
        if (article && last == i) break;  // "Al" alone is not a name
        if (words_->Has("not_place", t.Fold(last))) continue;  // "Al- Qaida": an organisation
        size_t end_byte = t.at(last).span.end;
        // "U.S." : the final period belongs to the abbreviation.
        if (last + 1 < sentence.token_end && t.Fold(last + 1) == "." &&
            t.Fold(last).find('.') != std::string_view::npos) {
          end_byte = t.at(last + 1).span.end;
        }
        const std::string_view phrase =
            text.substr(t.at(i).span.begin, end_byte - t.at(i).span.begin);
        std::string fold = LatinFold(phrase);
        // A name in another script (Arabic, Burmese) is looked up as written first: its
        // transliteration loses letters ("عدن" -> "dn") and finds other places.
        const bool other_script = !text::IsAscii(phrase) && !IsLatinScript(phrase);
        std::vector<Gazetteer::Match> found;
        if (other_script) found = g.LookupFolded(ScriptFold(phrase));
        if (found.empty()) found = g.LookupFolded(fold);
        // "HAJ", "AL": capitals-only short words name places only as a country's initials
        // (codes of airports and provinces are not how news names places).
        if (phrase.size() <= 5 && std::none_of(phrase.begin(), phrase.end(),
                                               [](char c) { return c >= 'a' && c <= 'z'; })) {
          std::erase_if(found,
                        [](const Gazetteer::Match& m) { return !(m.flags & kAbbreviation); });
        }
        if (found.empty() && !text::IsAscii(phrase)) found = g.LookupFolded(text::Fold(phrase));
        if (found.empty() && fold.size() >= 5 && !article) {
          // An ordinary word ("Turkey") is another spelling only of a country ("Türkiye").
          const bool common_word = g.IsCommonWord(fold);
          // Spellings: the name key, near spellings only. A near spelling of a place's name is
          // that name, written another way.
          const uint32_t allowed = NearSpellingEdits(fold.size());
          for (Gazetteer::Match& m : g.Lookup(phrase, "", 12, allowed)) {
            if (m.distance == 0) continue;
            if (fold.size() >= 7) m.flags |= kMain;
            if (common_word && m.place.level != Level::kCountry) continue;
            if (m.distance - 1 <= allowed) found.push_back(std::move(m));
          }
        }
        // A name in another script than the text's (Arabic, Cyrillic, Burmese in English
        // news) is written as a name: it counts as the place's own.
        if (!text::IsAscii(phrase) && !IsLatinScript(phrase)) {
          for (Gazetteer::Match& m : found) m.flags |= kMain;
        }
        if (!found.empty()) {
          best_last = last;
          best = std::move(found);
          best_fold = std::move(fold);
          break;
        }
      }
      if (best.empty()) {
        // "Laurel County", "Anbar Governorate": a capitalised kind word after a name makes a
        // place the gazetteer may not list.
        if (i + 1 < sentence.token_end && t.Capitalised(i + 1) && t.IsWord(i + 1)) {
          const std::string* kind = words_->Find("kind_after", t.Fold(i + 1));
          if (kind != nullptr && *kind != "place" && i > sentence.token_begin &&
              !g.IsCommonWord(t.Fold(i))) {
            Raw r;
            r.first = r.last = i;
            r.sentence = s;
            r.fold = std::string(t.Fold(i));
            raws.push_back(std::move(r));
          }
        }
        continue;
      }
      Raw r;
      r.first = r.name_first = i;
      // The article written before the name it belongs to: "al-Ramadi" matched as "Ramadi".
      if (i >= sentence.token_begin + 2 && t.Joiner(i - 1) &&
          words_->Has("article", t.Fold(i - 2))) {
        r.first = i - 2;
      }
      r.last = best_last;
      r.sentence = s;
      r.matches = std::move(best);
      r.fold = std::move(best_fold);
      raws.push_back(std::move(r));
      i = best_last;
    }
  }

  // 2. Context: kind words, relations, borders, persons and organisations.
  std::unordered_set<std::string> surnames;  // names seen right after a first name
  for (const Raw& r : raws) {
    const size_t begin = layer.sentences[r.sentence].token_begin;
    if (r.first == begin || r.first != r.last) continue;
    size_t k = r.first - 1;
    if (t.Capitalised(k) && !words_->Has("title", t.Fold(k)) &&
        !words_->Has("locative", t.Fold(k)) && !words_->Has("particle", t.Fold(k)) &&
        !g.StartsName(t.Fold(k))) {
      surnames.insert(r.fold);
    }
  }
  size_t metonym_end = 0;  // the last token of the latest capital read as its government
  for (Raw& r : raws) {
    const text::Sentence& sentence = layer.sentences[r.sentence];
    r.span_first = r.first;
    r.span_last = r.last;
    bool all_demonym = !r.matches.empty(), abbreviation_only = !r.matches.empty();
    bool common = false, main_name = false;
    int64_t population = 0;
    bool country = false, admin1 = false, region = false;
    for (const Gazetteer::Match& m : r.matches) {
      all_demonym = all_demonym && (m.flags & kDemonym);
      abbreviation_only = abbreviation_only && (m.flags & kAbbreviation);
      common = common || (m.flags & kCommonWord);
    }
    r.demonym = all_demonym;
    if (!all_demonym) {
      // An adjective that is also a place's name counts as the place.
      r.matches.erase(std::remove_if(r.matches.begin(), r.matches.end(),
                                     [](const Gazetteer::Match& m) { return m.flags & kDemonym; }),
                      r.matches.end());
    }
    for (const Gazetteer::Match& m : r.matches) {
      if (!(m.flags & (kMain | kAbbreviation))) continue;
      main_name = true;
      population = std::max(population, m.place.population);
      country = country || m.place.level == Level::kCountry;
      admin1 = admin1 || m.place.level == Level::kAdmin1;
      region = region || m.place.level == Level::kRegion;
    }
    const bool multiword = r.first != r.last;
    // Strength comes from places this is the own name of ("Cham" is an old name of Damascus,
    // not a name that makes "Cham" a place whatever its context).
    for (const Gazetteer::Match& m : r.matches) {
      if (main_name) break;
      population = std::max(population, std::min<int64_t>(m.place.population, kSmallPlace - 1));
    }
    r.strong = country || region || ((admin1 || population >= 100000) && !common) ||
               population >= 1000000 || (multiword && (admin1 || population >= kSmallPlace));
    r.small = !country && !admin1 && !region && population < kSmallPlace;

    const std::vector<std::string_view> before = words_before(r.first, sentence.token_begin, 4);
    const size_t after = r.last + 1;
    const bool has_after = after < sentence.token_end;
    // Kind words.
    if (has_after && t.IsWord(after)) {
      if (const std::string* kind = words_->Find("kind_after", t.Fold(after))) {
        if (*kind != "place" || !t.Capitalised(after) || true) {
          r.kind = *kind;
          r.span_last = after;
        }
      }
    }
    if (r.kind.empty() && !before.empty() &&
        (before.back() == "of" || before.back() == "de" || before.back() == "d")) {
      std::vector<std::string_view> b2(before.begin(), before.end() - 1);
      if (!b2.empty()) {
        if (const std::string* kind = words_->Find("kind_before", b2.back())) r.kind = *kind;
      }
      if (const std::string* kind = phrase_before(before, "kind_before")) r.kind = *kind;
    }
    if (const std::string* rel = phrase_before(before, "relation")) r.relation = *rel;
    const bool locative = !before.empty() && (words_->Has("locative", before.back()) ||
                                              r.kind.size() > 0 || !r.relation.empty());
    // Borders: "the Turkish border", "the Syrian-Turkish border", "the border with Turkey".
    if (r.demonym) {
      size_t k = after;
      while (k + 1 < sentence.token_end && t.Joiner(k) && t.Capitalised(k + 1)) k += 2;
      if (k < sentence.token_end && t.IsWord(k) && words_->Has("border", t.Fold(k))) {
        r.relation = "border";
        r.span_last = k;
      } else {
        // "Syrian" in "the Syrian-Turkish border": the next adjective's border.
        const bool chained =
            after + 1 < sentence.token_end && t.Joiner(after) && t.Capitalised(after + 1);
        if (!chained) r.keep = false;
        if (chained) {
          size_t j = after + 1;
          while (j + 1 < sentence.token_end && (t.IsWord(j) || t.Joiner(j)) &&
                 !words_->Has("border", t.Fold(j)))
            ++j;
          if (j < sentence.token_end && words_->Has("border", t.Fold(j))) {
            r.relation = "border";
          } else {
            r.keep = false;
          }
        }
      }
      continue;
    }
    if (before.size() >= 2 && before.back() == "with" &&
        words_->Has("border", before[before.size() - 2])) {
      r.relation = "border";
    }
    if (r.matches.empty()) continue;  // a kind word alone ("Laurel County") keeps it
    // Persons: after a title, after a first name, or a surname seen after one elsewhere.
    const bool at_start = r.first == sentence.token_begin ||
                          (r.first > sentence.token_begin && !t.IsWord(r.first - 1) &&
                           !t.Joiner(r.first - 1) && r.first - 1 == sentence.token_begin);
    if (!before.empty() && words_->Has("title", before.back()) && !country) r.keep = false;
    // The word before the name, over hyphens and particles ("Bashar al-Assad").
    size_t prev = r.first;
    for (size_t k = r.first; k > sentence.token_begin;) {
      --k;
      if (t.Joiner(k) || (t.IsWord(k) && words_->Has("particle", t.Fold(k)) &&
                          !words_->Has("locative", t.Fold(k)))) {
        continue;
      }
      prev = k;
      break;
    }
    const bool after_name = !at_start && prev != r.first && t.Capitalised(prev) &&
                            !words_->Has("locative", t.Fold(prev)) &&
                            !words_->Has("particle", t.Fold(prev));
    if (after_name && !r.strong) r.keep = false;
    // "anti-Assad", "pro-Damascus": a name inside a compound word describes, it does not place.
    if (r.first >= sentence.token_begin + 2 && t.Joiner(r.first - 1) && t.IsWord(r.first - 2) &&
        !t.Capitalised(r.first - 2) && !words_->Has("particle", t.Fold(r.first - 2)) && !country) {
      r.keep = false;
    }
    if (!country && !admin1 && !multiword && surnames.count(r.fold) && r.kind.empty())
      r.keep = false;
    // Organisations and products: a capitalised word or a product noun after the name.
    if (has_after && r.kind.empty() && t.IsWord(after)) {
      if (t.Capitalised(after) && !r.strong) r.keep = false;
      if (!t.Capitalised(after) && words_->Has("not_after", t.Fold(after))) r.keep = false;
    }
    if (at_start && !r.strong && r.kind.empty()) r.keep = false;
    // "Assad's regime", "Haftar's forces": a person's or a group's, not a place.
    if (!r.strong && r.kind.empty() && after + 1 < sentence.token_end && t.Fold(after) == "'s" &&
        t.IsWord(after + 1) && words_->Has("owned", t.Fold(after + 1))) {
      r.keep = false;
    }
    if (common && !r.strong && !locative) r.keep = false;
    if (r.small && !locative && !multiword) r.keep = false;
    if (abbreviation_only && r.fold.size() < 2) r.keep = false;
    // A capital as the agent of a passive ("implemented by Damascus and Moscow") is its
    // government acting, not a place; so is a capital joined to such a one by "and".
    const bool capital =
        std::any_of(r.matches.begin(), r.matches.end(), [](const Gazetteer::Match& m) {
          return (m.flags & kMain) && m.place.feature_code == "PPLC";
        });
    const bool name_goes_on =  // "by London-based", "by Paris Police": part of a longer name
        has_after && (t.Joiner(after) || (t.IsWord(after) && t.Capitalised(after)));
    if (capital && !name_goes_on && r.kind.empty() && r.relation.empty() &&
        r.first > sentence.token_begin) {
      const std::string_view previous = t.Fold(r.first - 1);
      if (previous == "by" ||
          (previous == "and" && metonym_end != 0 && metonym_end + 2 == r.first)) {
        r.keep = false;
        metonym_end = r.last;
      }
    }
  }
  raws.erase(std::remove_if(raws.begin(), raws.end(), [](const Raw& r) { return !r.keep; }),
             raws.end());

  // 3. The document's countries and divisions: from the mentions with one reading.
  std::map<std::string, double, std::less<>> countries;
  std::unordered_set<std::string> admin1s;  // "SY.12"
  double weight = 0;
  for (const Raw& r : raws) {
    if (r.matches.empty()) continue;
    const Place& top = r.matches.front().place;
    bool one_country = true;
    for (const Gazetteer::Match& m : r.matches)
      one_country = one_country && m.place.country == top.country;
    bool names_country = false;
    for (const Gazetteer::Match& m : r.matches)
      names_country = names_country || m.place.level == Level::kCountry;
    if (r.demonym || one_country || names_country) {
      for (const Gazetteer::Match& m : r.matches) {
        if (m.place.level == Level::kCountry || one_country) {
          countries[std::string(m.place.country)] += 1;
          weight += 1;
          break;
        }
      }
    }
    // Divisions named as such ("Idlib province") or with no other reading.
    const bool all_divisions = std::all_of(r.matches.begin(), r.matches.end(), [](const auto& m) {
      return m.place.level == Level::kAdmin1;
    });
    for (const Gazetteer::Match& m : r.matches) {
      if (m.place.level == Level::kAdmin1 && !m.place.admin1.empty() &&
          (r.kind == "admin1" || all_divisions)) {
        admin1s.insert(fmt::format("{}.{}", m.place.country, m.place.admin1));
      }
    }
  }

  // Near spellings were looked up before the document's country was known, among every
  // country's places: where a mention has only near spellings and none in the country the
  // document is most about, that country's own near spellings are looked up too ("Marea" in
  // a report on Syria is the Syrian village before a town of the same sound elsewhere).
  if (!countries.empty()) {
    const auto top =
        std::max_element(countries.begin(), countries.end(),
                         [](const auto& a, const auto& b) { return a.second < b.second; });
    const std::string& main_country = top->first;
    for (Raw& r : raws) {
      // The same conditions as the first search for near spellings.
      if (r.matches.empty() || r.fold.size() < 5 || g.IsCommonWord(r.fold) ||
          words_->Has("article", t.Fold(r.name_first))) {
        continue;
      }
      const bool only_near = std::all_of(r.matches.begin(), r.matches.end(),
                                         [](const Gazetteer::Match& m) { return m.distance > 0; });
      const bool in_main =
          std::any_of(r.matches.begin(), r.matches.end(),
                      [&](const Gazetteer::Match& m) { return m.place.country == main_country; });
      if (!only_near || in_main) continue;
      const std::string_view phrase = text.substr(
          t.at(r.name_first).span.begin, t.at(r.last).span.end - t.at(r.name_first).span.begin);
      const uint32_t allowed = NearSpellingEdits(r.fold.size());
      for (Gazetteer::Match& m : g.Lookup(phrase, main_country, 12, allowed, true)) {
        if (m.distance == 0 || m.distance - 1 > allowed) continue;
        if (r.fold.size() >= 7) m.flags |= kMain;
        const bool known = std::any_of(r.matches.begin(), r.matches.end(), [&](const auto& o) {
          return o.place.index == m.place.index;
        });
        if (!known) r.matches.push_back(std::move(m));
      }
    }
  }

  // 4. Resolution.
  std::vector<Toponym> out;
  out.reserve(raws.size());
  std::vector<LatLon> anchors;  // places resolved with one clear reading
  // A candidate's score; its parts written to `why` when given (only the kept candidates of
  // the last pass are explained: formatting every part of every candidate costs more than
  // the scoring).
  std::string admin1_key;
  auto score = [&](const Raw& r, const Gazetteer::Match& m, bool with_anchors, std::string* why) {
    const Place& p = m.place;
    double s = 0;
    auto add = [&](double v, std::string_view what) {
      if (v == 0) return;
      s += v;
      if (why != nullptr) *why += fmt::format("{}{:+.2f} {}", why->empty() ? "" : ", ", v, what);
    };
    switch (p.level) {
      case Level::kCountry:
        add(7, "country");
        break;
      case Level::kRegion:
        add(6.5, "region");
        break;
      case Level::kAdmin1:
        add(3.5, "division");
        if (r.kind == "admin1") add(8, "named as a division");
        break;
      case Level::kPlace:
        if (r.kind == "place") add(1, "named as a town");
        break;
    }
    add(0.6 * std::log10(static_cast<double>(p.population) + 1), "population");
    add(0.4 * SeatImportance(p.feature_code), "seat of government");
    if (p.level == Level::kPlace && p.feature_class != 'P' && p.feature_class != 'A')
      add(-2, "not a populated place");
    if (m.distance > 0) add(-1.0 - 0.5 * (m.distance - 1), "spelling");
    if (weight > 0) {
      auto it = countries.find(p.country);
      if (it != countries.end()) {
        add(3 * it->second / weight, "document's country");
      } else if (m.distance > 0 && p.level == Level::kPlace) {
        // A near spelling is weak evidence on its own: abroad, it needs more than its size.
        add(-2.5, "near spelling, outside the document's countries");
      }
    }
    if (!p.admin1.empty() && p.level == Level::kPlace && !admin1s.empty()) {
      admin1_key.assign(p.country);
      admin1_key += '.';
      admin1_key.append(p.admin1);
      if (admin1s.count(admin1_key)) add(2.5, "division named in the document");
    }
    if (with_anchors && p.level == Level::kPlace && !anchors.empty()) {
      double nearest = 1e9;
      for (const LatLon& a : anchors) {
        nearest = std::min(nearest, DistanceKm(a, p.position));
        if (nearest < 50) break;  // the nearest band: nothing nearer changes the score
      }
      if (nearest < 50) {
        add(2, "near the document's places");
      } else if (nearest < 200) {
        add(1.2, "near the document's places");
      } else if (nearest < 500) {
        add(0.5, "near the document's places");
      }
    }
    return s;
  };
  std::vector<std::pair<double, size_t>> scored;  // score, index into the mention's matches
  for (int pass = 0; pass < 2; ++pass) {
    out.clear();
    std::vector<LatLon> next_anchors;
    for (const Raw& r : raws) {
      Toponym top;
      top.sentence = r.sentence;
      top.span = {t.at(r.span_first).span.begin, t.at(r.span_last).span.end};
      top.name_span = {t.at(r.first).span.begin, t.at(r.last).span.end};
      if (r.first != r.span_first || r.last != r.span_last) {
        top.span.begin = std::min(top.span.begin, top.name_span.begin);
        top.span.end = std::max(top.span.end, top.name_span.end);
      }
      top.relation = r.relation;
      scored.clear();
      for (size_t k = 0; k < r.matches.size(); ++k)
        scored.emplace_back(score(r, r.matches[k], pass == 1, nullptr), k);
      std::stable_sort(scored.begin(), scored.end(),
                       [](const auto& a, const auto& b) { return a.first > b.first; });
      if (scored.size() > 5) scored.resize(5);
      for (const auto& [value, k] : scored) {
        Candidate c{r.matches[k].place, value, {}};
        if (pass == 1) score(r, r.matches[k], true, &c.why);
        top.candidates.push_back(std::move(c));
      }
      if (!top.candidates.empty()) {
        top.resolved = true;
        top.place = top.candidates.front().place;
        switch (top.place.level) {
          case Level::kCountry:
            top.precision = Precision::kCountry;
            break;
          case Level::kRegion:
            top.precision = Precision::kRegion;
            break;
          case Level::kAdmin1:
            top.precision = Precision::kAdmin1;
            break;
          case Level::kPlace:
            top.precision = r.kind == "admin2"   ? Precision::kAdmin2
                            : r.kind == "admin1" ? Precision::kAdmin1
                                                 : Precision::kPlace;
            break;
        }
        const bool clear =
            top.candidates.size() == 1 || top.candidates[0].score - top.candidates[1].score > 1.5;
        if (clear && top.place.level == Level::kPlace) next_anchors.push_back(top.place.position);
      } else {
        top.precision = r.kind == "admin1" ? Precision::kAdmin1 : Precision::kAdmin2;
      }
      if (!r.relation.empty()) top.precision = Precision::kRelative;
      out.push_back(std::move(top));
    }
    // A place named many times is one anchor.
    std::sort(next_anchors.begin(), next_anchors.end(), [](const LatLon& a, const LatLon& b) {
      return a.lat != b.lat ? a.lat < b.lat : a.lon < b.lon;
    });
    next_anchors.erase(std::unique(next_anchors.begin(), next_anchors.end(),
                                   [](const LatLon& a, const LatLon& b) {
                                     return a.lat == b.lat && a.lon == b.lon;
                                   }),
                       next_anchors.end());
    anchors = std::move(next_anchors);
  }
  return out;
}

}  // namespace frontline::geo
