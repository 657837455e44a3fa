// The event taxonomy: ACLED's 6 event types and 25 sub-event types, plus `displacement`, each
// with the CAMEO root code and PLOVER category that GDELT and Phoenix users join on.
// docs/taxonomy.md defines every type.
#ifndef FRONTLINE_EVENT_TAXONOMY_H_
#define FRONTLINE_EVENT_TAXONOMY_H_

#include <optional>
#include <string_view>

namespace frontline::event {

enum class EventType {
  kBattles,
  kExplosionsRemoteViolence,
  kViolenceAgainstCivilians,
  kProtests,
  kRiots,
  kStrategicDevelopments,
  kDisplacement,
};

enum class SubEventType {
  // Battles
  kArmedClash,
  kGovernmentRegainsTerritory,
  kNonStateActorOvertakesTerritory,
  // Explosions/Remote violence
  kAirDroneStrike,
  kShellingArtilleryMissileAttack,
  kRemoteExplosiveLandmineIed,
  kSuicideBomb,
  kGrenade,
  kChemicalWeapon,
  // Violence against civilians
  kAttack,
  kAbductionForcedDisappearance,
  kSexualViolence,
  // Protests
  kPeacefulProtest,
  kProtestWithIntervention,
  kExcessiveForceAgainstProtesters,
  // Riots
  kViolentDemonstration,
  kMobViolence,
  // Strategic developments
  kAgreement,
  kArrests,
  kChangeToGroupActivity,
  kDisruptedWeaponsUse,
  kHeadquartersOrBaseEstablished,
  kLootingPropertyDestruction,
  kNonViolentTransferOfTerritory,
  kOther,
  // frontline's addition
  kDisplacement,
};

inline constexpr int kSubEventTypeCount = static_cast<int>(SubEventType::kDisplacement) + 1;

struct SubEventInfo {
  SubEventType type;
  EventType event_type;
  std::string_view id;         // frontline's name in output: "government_regains_territory"
  std::string_view acled;      // ACLED's label: "Government regains territory"
  std::string_view case_code;  // CASE 2021's label: "GOV_REGAINS_TERIT" ("" for displacement)
  std::string_view cameo;      // CAMEO root code, two digits ("19"); "" when CAMEO has none
  std::string_view plover;     // PLOVER category ("ASSAULT"); "" when PLOVER has none
};

// The row of `type` in the taxonomy table.
const SubEventInfo& Info(SubEventType type);
// ACLED's label of an event type ("Explosions/Remote violence"; "Displacement").
std::string_view EventTypeName(EventType type);
// The sub-type whose id, ACLED label or CASE code is `name` (case-insensitive for labels).
std::optional<SubEventType> ParseSubEventType(std::string_view name);

}  // namespace frontline::event

#endif  // FRONTLINE_EVENT_TAXONOMY_H_
