// Name keys: one form for the spellings of a place name across transliterations.
//
// The same town is written Ma'arrat an-Nu'man, Maarat al-Numan, Maarat Al-Nouman, Maaret
// al-Noman, Marat Alnuman or معرة النعمان. NameKey folds what varies between English, French and
// German transliterations of Arabic, Persian, Pashto, Russian and Ukrainian names so that all of
// these meet: script (ICU Any-Latin), case, accents, apostrophes and ayn/hamza marks, hyphens and
// spaces, the article (al-, el-, an-, ad-, ash- ... written apart or joined), spellings of one
// sound (ou/u, ch/sh/sch, dj/j, q/k, ph/f, w/v, ei/ay/ey), doubled letters and the vowels inside
// words. A key is for finding candidates: exact names rank above key matches when a gazetteer
// resolves them.
#ifndef FRONTLINE_GEO_NAME_KEY_H_
#define FRONTLINE_GEO_NAME_KEY_H_

#include <string>
#include <string_view>

namespace frontline::geo {

// The key of `name` (UTF-8, any script). Empty when the name has no letters or digits.
// Thread-safe. Deterministic: the same name always gives the same key.
std::string NameKey(std::string_view name);
// The same, for a name already folded by LatinFold.
std::string NameKeyOfFolded(std::string_view folded);

// A name written in another script than Latin, folded within its script (text::Fold) and with
// the Arabic article joined to a word dropped ("الخرطوم" and "خرطوم" meet), as LatinFold's key
// drops "al-": the form under which such names are indexed and looked up.
std::string ScriptFold(std::string_view name);

// The Latin, lower-case, accent-free spelling of `name` with its words separated by single
// spaces (the first steps of NameKey, kept readable): "Ma'arrat an-Nu'man" -> "maarrat an numan".
std::string LatinFold(std::string_view name);

}  // namespace frontline::geo

#endif  // FRONTLINE_GEO_NAME_KEY_H_
