#include "event/taxonomy.h"

#include <array>
#include <cctype>

namespace frontline::event {
namespace {

using E = EventType;
using S = SubEventType;

// CAMEO roots: 14 protest, 15 exhibit force posture, 17 coerce, 18 assault, 19 fight,
// 20 unconventional mass violence, 05 diplomatic cooperation, 08 yield. Territory taken by
// force is CAMEO 192 (occupy territory), root 19; a handover is 0874 (retreat), root 08.
constexpr std::array<SubEventInfo, kSubEventTypeCount> kTable = {{
    {S::kArmedClash, E::kBattles, "armed_clash", "Armed clash", "ARMED_CLASH", "19", "ASSAULT"},
    {S::kGovernmentRegainsTerritory, E::kBattles, "government_regains_territory",
     "Government regains territory", "GOV_REGAINS_TERIT", "19", "ASSAULT"},
    {S::kNonStateActorOvertakesTerritory, E::kBattles, "non_state_actor_overtakes_territory",
     "Non-state actor overtakes territory", "NON_STATE_ACTOR_OVERTAKES_TER", "19", "ASSAULT"},
    {S::kAirDroneStrike, E::kExplosionsRemoteViolence, "air_drone_strike", "Air/drone strike",
     "AIR_STRIKE", "19", "ASSAULT"},
    {S::kShellingArtilleryMissileAttack, E::kExplosionsRemoteViolence,
     "shelling_artillery_missile_attack", "Shelling/artillery/missile attack", "ART_MISS_ATTACK",
     "19", "ASSAULT"},
    {S::kRemoteExplosiveLandmineIed, E::kExplosionsRemoteViolence, "remote_explosive_landmine_ied",
     "Remote explosive/landmine/IED", "REM_EXPLOS", "18", "ASSAULT"},
    {S::kSuicideBomb, E::kExplosionsRemoteViolence, "suicide_bomb", "Suicide bomb", "SUIC_BOMB",
     "18", "ASSAULT"},
    {S::kGrenade, E::kExplosionsRemoteViolence, "grenade", "Grenade", "GRENADE", "18", "ASSAULT"},
    {S::kChemicalWeapon, E::kExplosionsRemoteViolence, "chemical_weapon", "Chemical weapon",
     "CHEM_WEAP", "20", "ASSAULT"},
    {S::kAttack, E::kViolenceAgainstCivilians, "attack", "Attack", "ATTACK", "18", "ASSAULT"},
    {S::kAbductionForcedDisappearance, E::kViolenceAgainstCivilians,
     "abduction_forced_disappearance", "Abduction/forced disappearance", "ABDUCT_DISSAP", "18",
     "ASSAULT"},
    {S::kSexualViolence, E::kViolenceAgainstCivilians, "sexual_violence", "Sexual violence",
     "SEX_VIOL", "18", "ASSAULT"},
    {S::kPeacefulProtest, E::kProtests, "peaceful_protest", "Peaceful protest", "PEACE_PROTEST",
     "14", "PROTEST"},
    {S::kProtestWithIntervention, E::kProtests, "protest_with_intervention",
     "Protest with intervention", "PROTEST_WITH_INTER", "14", "PROTEST"},
    {S::kExcessiveForceAgainstProtesters, E::kProtests, "excessive_force_against_protesters",
     "Excessive force against protesters", "FORCE_AGAINST_PROTEST", "17", "COERCE"},
    {S::kViolentDemonstration, E::kRiots, "violent_demonstration", "Violent demonstration",
     "VIOL_DEMONSTR", "14", "PROTEST"},
    {S::kMobViolence, E::kRiots, "mob_violence", "Mob violence", "MOB_VIOL", "18", "ASSAULT"},
    {S::kAgreement, E::kStrategicDevelopments, "agreement", "Agreement", "AGREEMENT", "05",
     "AGREE"},
    {S::kArrests, E::kStrategicDevelopments, "arrests", "Arrests", "ARREST", "17", "COERCE"},
    {S::kChangeToGroupActivity, E::kStrategicDevelopments, "change_to_group_activity",
     "Change to group/activity", "CHANGE_TO_GROUP_ACT", "15", "MOBILIZE"},
    {S::kDisruptedWeaponsUse, E::kStrategicDevelopments, "disrupted_weapons_use",
     "Disrupted weapons use", "DISR_WEAP", "17", "COERCE"},
    {S::kHeadquartersOrBaseEstablished, E::kStrategicDevelopments,
     "headquarters_or_base_established", "Headquarters or base established", "HQ_ESTABLISHED",
     "15", "MOBILIZE"},
    {S::kLootingPropertyDestruction, E::kStrategicDevelopments, "looting_property_destruction",
     "Looting/property destruction", "PROPERTY_DISTRUCT", "17", "COERCE"},
    {S::kNonViolentTransferOfTerritory, E::kStrategicDevelopments,
     "non_violent_transfer_of_territory", "Non-violent transfer of territory",
     "NON_VIOL_TERRIT_TRANSFER", "08", "RETREAT"},
    {S::kOther, E::kStrategicDevelopments, "other", "Other", "OTHER", "", ""},
    // Flight from violence has no CAMEO root; PLOVER's COERCE covers forced movement only when
    // an actor expels, which a count of the displaced does not say. CASE 2021 files such
    // reports under OTHER.
    {S::kDisplacement, E::kDisplacement, "displacement", "Displacement", "OTHER", "", ""},
}};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

}  // namespace

const SubEventInfo& Info(SubEventType type) { return kTable[static_cast<size_t>(type)]; }

std::string_view EventTypeName(EventType type) {
  switch (type) {
    case E::kBattles:
      return "Battles";
    case E::kExplosionsRemoteViolence:
      return "Explosions/Remote violence";
    case E::kViolenceAgainstCivilians:
      return "Violence against civilians";
    case E::kProtests:
      return "Protests";
    case E::kRiots:
      return "Riots";
    case E::kStrategicDevelopments:
      return "Strategic developments";
    case E::kDisplacement:
      return "Displacement";
  }
  return "";
}

std::optional<SubEventType> ParseSubEventType(std::string_view name) {
  for (const SubEventInfo& info : kTable) {
    if (name == info.id || EqualsIgnoreCase(name, info.acled) ||
        (!info.case_code.empty() && EqualsIgnoreCase(name, info.case_code)))
      return info.type;
  }
  return std::nullopt;
}

}  // namespace frontline::event
