// The actor dictionary: states and their forces, armed groups, generic agents and metonyms,
// read from data/event/actors.txt (its header documents the format), and their mentions in a
// sentence.
#ifndef FRONTLINE_EVENT_ACTORS_H_
#define FRONTLINE_EVENT_ACTORS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "event/phrases.h"
#include "geo/gazetteer.h"
#include "status/status.h"
#include "text/span.h"

namespace frontline::event {

// ACLED's actor categories ("inter" codes 1..8); kUnknown is 0.
enum class Sector : uint8_t {
  kUnknown,
  kState,
  kRebel,
  kPoliticalMilitia,
  kIdentityMilitia,
  kRioters,
  kProtesters,
  kCivilians,
  kExternal,
};
std::string_view SectorName(Sector sector);  // "state", "rebel", ... ("" for kUnknown)
// Sector named `name` as SectorName writes it; kUnknown when none.
Sector ParseSector(std::string_view name);
// Whether the sector fights: state, rebels, militias, external forces.
bool IsArmed(Sector sector);

struct Actor {
  std::string id;       // "sy.hts"
  std::string name;     // "Hayat Tahrir al-Sham"
  std::string country;  // ISO alpha-2; "" for generic agents (the event's country) and
                        // international actors
  Sector sector = Sector::kUnknown;
  bool generic = false;  // country "*": a demonym before it or the event's place gives it
  bool metonym = false;  // a capital or seat of power: an actor only as the subject of an event
  bool unarmed = false;  // a state actor that does not fight ("authorities", "officials")
};

// One actor mention in a sentence.
struct ActorMention {
  uint32_t actor = 0;       // index in the dictionary
  uint32_t word_begin = 0;  // words [word_begin, word_end) of the sentence (Words indices)
  uint32_t word_end = 0;
  text::Span span;          // bytes, including a demonym that gave the country
  std::string country;      // the actor's country, or the demonym's; "" when unknown
};

class ActorDictionary {
 public:
  // Reads `data_dir`/event/actors.txt; fails with the file and line of the first bad entry
  // (a wrong field count, an unknown sector, a duplicate id).
  static Result<ActorDictionary> Load(const std::string& data_dir);
  static Result<ActorDictionary> Parse(std::string_view contents, std::string_view name);

  size_t size() const { return actors_.size(); }
  // The index of the actor with id `id`, or -1.
  int32_t IndexOf(std::string_view id) const;
  const Actor& actor(uint32_t index) const { return actors_[index]; }

  // The actor mentions of a sentence, left to right, longest match first. A generic agent
  // preceded by a country's demonym ("Russian warplanes", "Russian and Syrian planes") takes
  // that country; `gazetteer` (may be null) knows the demonyms.
  void Find(const Words& words, const geo::Gazetteer* gazetteer,
            std::vector<ActorMention>& out) const;

  // The country whose demonym or name is word `i` ("Russian", "Turkish"), or "".
  static std::string_view DemonymCountry(const Words& words, size_t i,
                                         const geo::Gazetteer* gazetteer);

 private:
  std::vector<Actor> actors_;
  std::unordered_map<std::string, uint32_t> by_id_;  // id -> index
  PhraseMatcher aliases_;
};

}  // namespace frontline::event

#endif  // FRONTLINE_EVENT_ACTORS_H_
