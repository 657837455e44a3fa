#include "geo/name_key.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <vector>

#include "text/fold.h"
#include "text/utf8.h"

namespace frontline::geo {
namespace {

// ICU's transliterators are not safe to share between threads: one per thread.
icu::Transliterator* ToLatin() {
  thread_local std::unique_ptr<icu::Transliterator> transliterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(t) : nullptr;
  }();
  return transliterator.get();
}

// Articles of Arabic names as transliterations write them apart ("al Numan", "an-Nu'man").
bool IsArticle(std::string_view w) {
  static constexpr std::string_view kArticles[] = {"al", "el", "an",  "ad",  "ar",  "as",
                                                   "at", "az", "ash", "ath", "adh", "ul",
                                                   "es", "ed", "er",  "et",  "ez",  "en"};
  for (std::string_view a : kArticles)
    if (w == a) return true;
  return false;
}

// Replaces every `from` in `s` by `to`, left to right.
void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (s.compare(i, from.size(), from) == 0) {
      out += to;
      i += from.size();
    } else {
      out.push_back(s[i++]);
    }
  }
  s = std::move(out);
}

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// The consonant skeleton of one folded word: spellings of one sound unified, doubled letters
// single, vowels dropped but the first letter kept.
std::string WordKey(std::string w) {
  // A final h after a vowel is the feminine ending that some spell out: Hamah, Raqqah.
  if (w.size() > 2 && w.back() == 'h' && IsVowel(w[w.size() - 2])) w.pop_back();
  // "aw" before a consonant is the diphthong others write o or ou: Mawsil, Zawr.
  for (size_t i = 0; i + 1 < w.size(); ++i) {
    if (w[i] == 'a' && w[i + 1] == 'w' && (i + 2 == w.size() || !IsVowel(w[i + 2]))) {
      w.replace(i, 2, "o");
    }
  }
  ReplaceAll(w, "sch", "sh");
  ReplaceAll(w, "tch", "ch");
  ReplaceAll(w, "ch", "sh");
  ReplaceAll(w, "dj", "j");
  ReplaceAll(w, "dh", "d");
  ReplaceAll(w, "ph", "f");
  ReplaceAll(w, "ou", "u");
  ReplaceAll(w, "q", "k");
  ReplaceAll(w, "c", "k");
  ReplaceAll(w, "w", "v");
  std::string out;
  for (size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    if (i == 0 && IsVowel(c)) {
      out.push_back('a');  // an initial vowel varies too: Idlib, Edlib; Irbil, Erbil
      continue;
    }
    if (i > 0 && IsVowel(c)) continue;
    if (!out.empty() && out.back() == c) continue;
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::string LatinFold(std::string_view name) {
  std::string latin;
  if (!text::IsAscii(name)) {
    if (icu::Transliterator* t = ToLatin()) {
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(
          icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
      t->transliterate(u);
      u.toUTF8String(latin);
    } else {
      latin.assign(name);
    }
  } else {
    latin.assign(name);
  }
  return text::Fold(latin);
}

std::string NameKey(std::string_view name) {
  const std::string folded = LatinFold(name);
  std::vector<std::string> words;
  for (size_t i = 0; i < folded.size();) {
    size_t j = folded.find(' ', i);
    if (j == std::string::npos) j = folded.size();
    words.emplace_back(folded.substr(i, j - i));
    i = j + 1;
  }
  std::string key;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string w = words[i];
    if (w.empty()) continue;
    // The article written apart, before another word: "al Numan", "an Nu'man".
    if (IsArticle(w) && i + 1 < words.size()) continue;
    // The article joined to the word: "Alnuman", "Elkhalil".
    if (w.size() >= 6 && (w.starts_with("al") || w.starts_with("el"))) w.erase(0, 2);
    key += WordKey(std::move(w));
  }
  return key;
}

}  // namespace frontline::geo
