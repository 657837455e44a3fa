// The event lexicon: trigger words per event class, the cue words that decide roles, modality
// and sub-types, and the words of counts. Read from data/event/lexicon.txt, whose header
// documents the format and every category.
#ifndef FRONTLINE_EVENT_LEXICON_H_
#define FRONTLINE_EVENT_LEXICON_H_

#include <array>
#include <vector>
#include <cstdint>
#include <string>
#include <string_view>

#include "event/phrases.h"
#include "status/status.h"

namespace frontline::event {

// What a trigger reports, before the actors decide the sub-type (a capture by the state is
// "government regains territory", by rebels "non-state actor overtakes territory").
enum class TriggerClass : uint8_t {
  kCapture, kTransfer, kClash, kAttack, kKill, kInjure, kAir, kShell, kIed, kExplosion,
  kSuicide, kGrenade, kChemical, kAbduct, kSexual, kProtest, kRiot, kMob, kAgree, kArrest,
  kChange, kDisrupt, kBase, kLoot, kDisplace, kOther,
};
inline constexpr size_t kTriggerClassCount = static_cast<size_t>(TriggerClass::kOther) + 1;

// How a trigger's neighbours fill its roles.
enum class TriggerForm : uint8_t {
  kVerb,        // subject acts, object is acted on; passive when after a form of "be" or "by"
  kNoun,        // "X's N", "N by X", "N on/against X", "N between A and B"
  kAgentAfter,  // the actor after the phrase acts ("fell to", "at the hands of")
  kAffected,    // the subject is who is affected ("fled", "were displaced")
};

// Cue words, each a category of the lexicon file.
enum class Cue : uint8_t {
  kNegation,             // "not", "never", "failed to": the next trigger did not happen
  kDenial,               // "denied", "rejected claims": every later trigger in the clause
  kFuture,               // "will", "plans to", "threatened to"
  kHypothetical,         // "could", "might", "if"
  kClaimVerb,            // "claimed", "alleged": what follows is one party's assertion
  kSayVerb,              // "said", "reported": attribution of reported speech
  kAccordingTo,          // "according to", "citing": the source follows
  kBe,                   // forms of "be" and "get" that make a participle passive
  kBy,                   // "by": the agent of a passive or a noun follows
  kSupport,              // "with", "backed by", "alongside": an associated actor follows
  kBetween,              // "between": two sides follow
  kTargetPrep,           // "on", "against", "targeting": the target follows a noun trigger
  kArmedTarget,          // "checkpoint", "convoy", "base": an attack on these is a clash
  kProtestIntervention,  // "dispersed", "tear gas": a protest met by force
  kProtestForce,         // "live ammunition", "opened fire": force that kills or maims
  kProtestViolence,      // "stones", "torched", "clashed with police": the protest is violent
  kCumulative,           // "so far", "since the start": a count that sums a period
  kClauseBreak,          // "which", "while", "but": roles do not cross it
  kPerson,               // "people", "civilians", "of them": between a number and its kind
  kNotCount,             // "years", "km", "percent": a number of something else
  kAtLeast,              // "at least", "more than": a lower bound
  kAtMost,               // "nearly", "up to": an upper bound
  kAbout,                // "about", "some": an approximation
  kSupportAfter,         // "air support", "backing": the actor before it is associated
  kNonConflict,          // "storm", "earthquake", "accident": harm without an armed actor
  kCrowd,                // "groups", "supporters", "stones": a fight between unarmed crowds
  kSeizeVerb,            // "recovered", "seized", "intercepted": with a weapon after it ...
  kWeapon,               // ... "IEDs", "munitions", "missile": weapons taken out of use
  kCrime,                // "drugs", "smuggling", "robbery": arrests for crime are not political
};
inline constexpr size_t kCueCount = static_cast<size_t>(Cue::kCrime) + 1;

enum class CountKind : uint8_t { kKilled, kInjured, kCasualties, kDisplaced, kDetained, kAbducted };
std::string_view CountKindName(CountKind kind);

// A vague quantifier's range and the value analysts code for it ("dozens": 24..99, coded 12).
struct VagueQuantity {
  int64_t min = 0, max = 0, best = 0;
};

// What kind of entry a lexicon phrase is.
enum class Category : uint8_t { kTrigger, kCue, kCount, kNumber, kScale, kVague };

class EventLexicon {
 public:
  // Reads `data_dir`/event/lexicon.txt; fails with the file and line of the first bad entry.
  static Result<EventLexicon> Load(const std::string& data_dir);
  // Parses lexicon text; `name` prefixes error messages.
  static Result<EventLexicon> Parse(std::string_view contents, std::string_view name);

  // Every phrase of the lexicon in one matcher, so that a sentence costs one lookup a word.
  // A value packs the category (CategoryOf) and a payload (PayloadOf): for triggers
  // class * 4 + form, for cues the Cue, for count words the CountKind, for numbers and scales
  // the number, for vague quantifiers an index into vague().
  const PhraseMatcher& phrases() const { return phrases_; }
  static Category CategoryOf(uint32_t value) { return static_cast<Category>(value >> 24); }
  static uint32_t PayloadOf(uint32_t value) { return value & 0xFFFFFFu; }
  static TriggerClass ClassOf(uint32_t payload) { return static_cast<TriggerClass>(payload / 4); }
  static TriggerForm FormOf(uint32_t payload) { return static_cast<TriggerForm>(payload % 4); }
  const VagueQuantity& vague(uint32_t payload) const { return vague_[payload]; }

 private:
  bool Add(Category category, std::string_view phrase, uint32_t payload) {
    return phrases_.Add(phrase, (static_cast<uint32_t>(category) << 24) | payload);
  }
  PhraseMatcher phrases_;
  std::vector<VagueQuantity> vague_;
};

}  // namespace frontline::event

#endif  // FRONTLINE_EVENT_LEXICON_H_
