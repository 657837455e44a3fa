#include "event/actors.h"

#include <fmt/format.h>

#include <array>

#include "text/data_file.h"

namespace frontline::event {
namespace {

constexpr std::array<std::string_view, 9> kSectorNames = {
    "",           "state",     "rebel",     "political_militia", "identity_militia",
    "rioters",    "protesters", "civilians", "external"};

bool IsAcronym(std::string_view alias) {
  if (alias.size() > 8) return false;
  bool upper = false;
  for (char c : alias) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') upper = true;
    if (c == ' ') return false;
  }
  return upper;
}

}  // namespace

std::string_view SectorName(Sector sector) { return kSectorNames[static_cast<size_t>(sector)]; }

Sector ParseSector(std::string_view name) {
  for (size_t i = 1; i < kSectorNames.size(); ++i) {
    if (kSectorNames[i] == name) return static_cast<Sector>(i);
  }
  return Sector::kUnknown;
}

bool IsArmed(Sector sector) {
  return sector == Sector::kState || sector == Sector::kRebel ||
         sector == Sector::kPoliticalMilitia || sector == Sector::kIdentityMilitia ||
         sector == Sector::kExternal;
}

Result<ActorDictionary> ActorDictionary::Load(const std::string& data_dir) {
  const std::string path = data_dir + "/event/actors.txt";
  Result<std::string> contents = text::ReadDataFile(path, "the actor dictionary");
  if (!contents.ok()) return contents.status();
  return Parse(contents.value(), path);
}

Result<ActorDictionary> ActorDictionary::Parse(std::string_view contents, std::string_view name) {
  ActorDictionary dict;
  Status status = text::ForEachDataLine(contents, name, [&](size_t line, std::string_view entry) {
    auto error = [&](std::string_view what) {
      return Status::Error(fmt::format("{}:{}: {}", name, line, what));
    };
    std::string_view f[6];
    const bool six = text::SplitTabFields(entry, f, 6);
    if (!six) {
      if (!text::SplitTabFields(entry, f, 5))
        return error("expected ID<TAB>NAME<TAB>COUNTRY<TAB>SECTOR<TAB>ALIASES[<TAB>FLAGS]");
      f[5] = {};
    }
    Actor a;
    a.id = f[0];
    a.name = f[1];
    if (a.id.empty() || a.name.empty()) return error("empty id or name");
    const uint32_t index = static_cast<uint32_t>(dict.actors_.size());
    if (!dict.by_id_.emplace(a.id, index).second)
      return error(fmt::format("duplicate id \"{}\"", a.id));
    if (f[2] == "*") {
      a.generic = true;
    } else if (f[2] != "-") {
      if (f[2].size() != 2) return error(fmt::format("bad country \"{}\"", f[2]));
      a.country = f[2];
    }
    a.sector = ParseSector(f[3]);
    if (a.sector == Sector::kUnknown) return error(fmt::format("unknown sector \"{}\"", f[3]));
    if (f[5] == "metonym") {
      a.metonym = true;
    } else if (f[5] == "unarmed") {
      a.unarmed = true;
    } else if (!f[5].empty()) {
      return error(fmt::format("unknown flag \"{}\"", f[5]));
    }
    std::string_view aliases = f[4];
    size_t start = 0;
    while (start <= aliases.size()) {
      size_t end = aliases.find('|', start);
      if (end == std::string_view::npos) end = aliases.size();
      const std::string_view alias = text::TrimField(aliases.substr(start, end - start));
      start = end + 1;
      if (alias.empty()) continue;
      // Aliases are whole phrases: '|' already split them, so spaces here separate words.
      dict.aliases_.Add(alias, index, IsAcronym(alias));
    }
    dict.aliases_.Add(a.name, index, IsAcronym(a.name));
    dict.actors_.push_back(std::move(a));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return dict;
}

int32_t ActorDictionary::IndexOf(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? -1 : static_cast<int32_t>(it->second);
}

std::string_view ActorDictionary::DemonymCountry(const Words& words, size_t i,
                                                 const geo::Gazetteer* gazetteer) {
  if (gazetteer == nullptr || i >= words.size()) return {};
  const std::string_view surface = words.surface(i);
  if (surface.empty() || !(surface[0] >= 'A' && surface[0] <= 'Z')) return {};
  for (const geo::Gazetteer::Match& m : gazetteer->LookupFolded(words.fold(i))) {
    if ((m.flags & geo::kDemonym) != 0 && m.place.level == geo::Level::kCountry)
      return m.place.country;
  }
  return {};
}

void ActorDictionary::Find(const Words& words, const geo::Gazetteer* gazetteer,
                           std::vector<ActorMention>& out) const {
  out.clear();
  for (size_t i = 0; i < words.size();) {
    const PhraseMatch m = aliases_.Match(words, i);
    if (m.length == 0) {
      ++i;
      continue;
    }
    const Actor& a = actors_[m.value];
    ActorMention mention;
    mention.actor = m.value;
    mention.word_begin = static_cast<uint32_t>(i);
    mention.word_end = static_cast<uint32_t>(i + m.length);
    mention.span = {words.token(i).span.begin, words.token(i + m.length - 1).span.end};
    mention.country = a.country;
    if (a.generic && i > 0 && !DemonymCountry(words, i - 1, gazetteer).empty()) {
      // "Russian warplanes"; in "Russian and Syrian planes" the first named leads.
      size_t first = i - 1;
      while (first >= 2 && (words.fold(first - 1) == "and" || words.fold(first - 1) == ",") &&
             !DemonymCountry(words, first - 2, gazetteer).empty())
        first -= 2;
      mention.country = DemonymCountry(words, first, gazetteer);
      mention.span.begin = words.token(first).span.begin;
    }
    out.push_back(std::move(mention));
    i += m.length;
  }
}

}  // namespace frontline::event
