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

// Replaces every `from` in `s` by `to`, left to right, in place: `to` is never longer.
void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  size_t write = 0;
  for (size_t read = 0; read < s.size();) {
    if (s.compare(read, from.size(), from) == 0) {
      for (char c : to) s[write++] = c;
      read += from.size();
    } else {
      s[write++] = s[read++];
    }
  }
  s.resize(write);
}

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// The consonant skeleton of one folded word, appended to `out`: spellings of one sound
// unified, doubled letters single, vowels dropped but the first letter kept. `w` is used as
// scratch.
void AppendWordKey(std::string& w, std::string& out) {
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
  const size_t start = out.size();  // doubled letters are single within the word only
  for (size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    if (i == 0 && IsVowel(c)) {
      out.push_back('a');  // an initial vowel varies too: Idlib, Edlib; Irbil, Erbil
      continue;
    }
    if (i > 0 && IsVowel(c)) continue;
    if (out.size() > start && out.back() == c) continue;
    out.push_back(c);
  }
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

std::string ScriptFold(std::string_view name) {
  const std::string folded = text::Fold(name);
  constexpr std::string_view kArticle = "\xD8\xA7\xD9\x84";  // ال
  std::string out;
  out.reserve(folded.size());
  for (size_t i = 0; i < folded.size();) {
    size_t j = folded.find(' ', i);
    if (j == std::string::npos) j = folded.size();
    std::string_view word = std::string_view(folded).substr(i, j - i);
    // The article before at least three more letters (two bytes each in Arabic).
    if (word.starts_with(kArticle) && word.size() >= kArticle.size() + 6) {
      word.remove_prefix(kArticle.size());
    }
    if (!out.empty()) out += ' ';
    out.append(word);
    i = j + 1;
  }
  return out;
}

std::string NameKey(std::string_view name) { return NameKeyOfFolded(LatinFold(name)); }

std::string NameKeyOfFolded(std::string_view folded) {
  // Words are taken from the folded text one at a time; the scratch word is reused. Past 64
  // words the rest is left out (no place name is that long; index and query cut alike).
  std::string_view words[64];
  size_t count = 0;
  for (size_t i = 0; i < folded.size() && count < std::size(words);) {
    size_t j = folded.find(' ', i);
    if (j == std::string_view::npos) j = folded.size();
    words[count++] = folded.substr(i, j - i);
    i = j + 1;
  }
  std::string key;
  thread_local std::string w;
  for (size_t i = 0; i < count; ++i) {
    if (words[i].empty()) continue;
    // The article written apart, before another word: "al Numan", "an Nu'man".
    if (IsArticle(words[i]) && i + 1 < count) continue;
    w.assign(words[i]);
    // The article joined to the word: "Alnuman", "Elkhalil".
    if (w.size() >= 6 && (w.starts_with("al") || w.starts_with("el"))) w.erase(0, 2);
    AppendWordKey(w, key);
  }
  return key;
}

}  // namespace frontline::geo
