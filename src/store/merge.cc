#include "store/merge.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>
#include <nlohmann/json.hpp>

#include "geo/gazetteer.h"
#include "time/calendar.h"

namespace frontline::store {
namespace {

using nlohmann::json;

std::string StringField(const json& object, const char* key) {
  if (!object.is_object()) return std::string();
  auto found = object.find(key);
  if (found == object.end() || !found->is_string()) return std::string();
  return found->get<std::string>();
}

// The member `key` of `object`, or null when `object` is not an object or lacks it.
const json& Member(const json& object, const char* key) {
  static const json kNull;
  if (!object.is_object()) return kNull;
  auto found = object.find(key);
  return found == object.end() ? kNull : *found;
}

bool Flag(const json& object, const char* key) {
  const json& value = Member(object, key);
  return value.is_boolean() && value.get<bool>();
}

int64_t IntField(const json& object, const char* key) {
  if (!object.is_object()) return 0;
  auto found = object.find(key);
  if (found == object.end() || !found->is_number()) return 0;
  return found->get<int64_t>();
}

ActorRef ActorOf(const json& value) {
  ActorRef actor;
  if (!value.is_object()) return actor;
  actor.id = StringField(value, "id");
  actor.country = StringField(value, "country");
  actor.sector = StringField(value, "sector");
  actor.inter = static_cast<int>(IntField(value, "inter"));
  actor.text = StringField(Member(value, "evidence"), "text");
  const std::string name = StringField(value, "name");
  if (actor.id.empty()) {
    // A side named only by a demonym ("Turkish forces"): the country's state forces.
    if (actor.country.empty()) return actor;
    actor.id = "gen.state_forces";
    actor.sector = actor.sector.empty() ? "state" : actor.sector;
  }
  // A generic agent belongs to its country: "rebels" in Syria and in Mali are different
  // actors. Named actors carry their country in the dictionary.
  if (actor.generic() && !actor.country.empty()) {
    actor.key = actor.id + "@" + actor.country;
    actor.name = fmt::format("{} ({})", name.empty() ? actor.id : name, actor.country);
  } else {
    actor.key = actor.id;
    actor.name = name.empty() ? actor.id : name;
  }
  return actor;
}

GeoPrecision PrecisionOfLocation(const json& location) {
  return ParseGeoPrecision(StringField(location, "precision"));
}

int DateSpanDays(const Mention& m) {
  if (m.date_start.empty()) return 1 << 30;  // undated: any date is better
  if (m.date_precision == "publication") return 3;
  return static_cast<int>(DaysBetween(m.date_start, m.date_end)) + 1;
}

int ModalityRank(std::string_view modality) {
  static constexpr std::string_view kOrder[] = {"fact",   "claimed", "historical",
                                                "negated", "future", "hypothetical"};
  for (size_t i = 0; i < std::size(kOrder); ++i)
    if (kOrder[i] == modality) return static_cast<int>(i);
  return static_cast<int>(std::size(kOrder));
}

// 0: reports of a happening; 1: denials; 2: threats, plans and hypotheses.
int ModalityClass(std::string_view modality) {
  if (modality == "negated") return 1;
  if (modality == "future" || modality == "hypothetical") return 2;
  return 0;
}

bool SubTypesAgree(std::string_view a, std::string_view b) {
  if (a == b) return true;
  auto remote = [](std::string_view t) {
    return t == "air_drone_strike" || t == "shelling_artillery_missile_attack";
  };
  return remote(a) && remote(b);
}

bool ActorsAgree(const ActorRef& a, const ActorRef& b) {
  if (a.empty() || b.empty()) return true;
  if (a.id == b.id) return a.country.empty() || b.country.empty() || a.country == b.country;
  if (!a.generic() && !b.generic()) return false;
  // A generic agent and another actor: the same sector (state forces are state forces) and
  // no contradicting country.
  const bool same_country = a.country.empty() || b.country.empty() || a.country == b.country;
  return same_country && !a.sector.empty() && a.sector == b.sector;
}

bool SidesAgree(const Mention& a, const Mention& b) {
  if (ActorsAgree(a.actor1, b.actor1) && ActorsAgree(a.actor2, b.actor2)) return true;
  // Clashes have no attacker: "A clashed with B" and "B and A fought" are one event.
  return a.sub_event_type == "armed_clash" && ActorsAgree(a.actor1, b.actor2) &&
         ActorsAgree(a.actor2, b.actor1);
}

// The date range widened for comparison.
std::pair<std::string, std::string> Widened(const Mention& m) {
  if (m.date_precision == "publication") return {AddDays(m.date_start, -2), m.date_end};
  return {m.date_start, m.date_end};
}

// The mention that carries the chosen value of one slot: the distinct values (by `key`, which
// must capture everything `better` compares) with their first mention and how many mentions
// cite them; the best value by `better`, ties to the most cited, then to the earliest. Linear
// in the mentions and in the distinct values, which are few.
template <typename Key, typename Better>
size_t Choose(const std::vector<Mention>& mentions, Key key, Better better) {
  using K = decltype(key(mentions[0]));
  struct Cited {
    K key;
    size_t first;
    int count;
  };
  std::vector<Cited> values;
  for (size_t i = 0; i < mentions.size(); ++i) {
    K k = key(mentions[i]);
    auto found = std::find_if(values.begin(), values.end(), [&](const Cited& v) { return v.key == k; });
    if (found == values.end()) {
      values.push_back({std::move(k), i, 1});
    } else {
      ++found->count;
    }
  }
  size_t best = 0;
  for (size_t v = 1; v < values.size(); ++v) {
    const int order = better(mentions[values[v].first], mentions[values[best].first]);
    if (order > 0 || (order == 0 && values[v].count > values[best].count)) best = v;
  }
  return values[best].first;
}

int Compare(int a, int b) { return a < b ? 1 : (a > b ? -1 : 0); }  // lower is better

}  // namespace

GeoPrecision ParseGeoPrecision(std::string_view name) {
  if (name == "place") return GeoPrecision::kPlace;
  if (name == "relative" || name == "near") return GeoPrecision::kNear;
  if (name == "admin2") return GeoPrecision::kAdmin2;
  if (name == "admin1") return GeoPrecision::kAdmin1;
  if (name == "country" || name == "region") return GeoPrecision::kCountry;
  return GeoPrecision::kNone;
}

std::string_view GeoPrecisionName(GeoPrecision precision) {
  switch (precision) {
    case GeoPrecision::kPlace:
      return "place";
    case GeoPrecision::kNear:
      return "near";
    case GeoPrecision::kAdmin2:
      return "admin2";
    case GeoPrecision::kAdmin1:
      return "admin1";
    case GeoPrecision::kCountry:
      return "country";
    case GeoPrecision::kNone:
      break;
  }
  return "none";
}

std::string ModalityWord(bool negated, bool hypothetical, bool future, bool claimed,
                         bool historical) {
  if (negated) return "negated";
  if (hypothetical) return "hypothetical";
  if (future) return "future";
  if (claimed) return "claimed";
  if (historical) return "historical";
  return "fact";
}

int64_t DaysBetween(std::string_view a, std::string_view b) {
  const auto da = time::ParseIsoDate(a);
  const auto db = time::ParseIsoDate(b);
  if (!da || !db) return 0;
  return time::DaysFromCivil(*db) - time::DaysFromCivil(*da);
}

std::string AddDays(std::string_view date, int64_t days) {
  const auto parsed = time::ParseIsoDate(date);
  if (!parsed) return std::string(date);
  return time::FormatDate(time::AddDays(*parsed, days));
}

std::vector<PeopleCount> PeopleCounts(const std::string& counts_json) {
  std::vector<PeopleCount> out;
  const json counts = json::parse(counts_json, nullptr, false);
  if (!counts.is_array()) return out;
  struct Sum {
    int64_t base = 0, added = 0, cumulative = 0;
  };
  std::map<std::string, Sum> kinds;
  for (const json& c : counts) {
    const std::string kind = StringField(c, "kind");
    const int64_t best = IntField(c, "best");
    if (kind.empty() || best <= 0 || Flag(c, "part")) continue;
    Sum& sum = kinds[kind];
    if (Flag(c, "cumulative")) {
      sum.cumulative = std::max(sum.cumulative, best);
    } else if (Flag(c, "plus")) {
      sum.added += best;
    } else {
      sum.base = std::max(sum.base, best);
    }
  }
  for (const auto& [kind, sum] : kinds) {
    const int64_t now = sum.base + sum.added;
    out.push_back(now > 0 ? PeopleCount{kind, now, false} : PeopleCount{kind, sum.cumulative, true});
  }
  return out;
}

Result<std::vector<Mention>> MentionsOfRecord(const json& record) {
  std::vector<Mention> mentions;
  if (!record.is_object()) return Status::Error("record is not a JSON object");
  auto events = record.find("events");
  if (events == record.end() || events->is_null()) return mentions;
  if (!events->is_array()) return Status::Error("\"events\" is not an array");
  std::vector<std::string> sentences;
  if (auto s = record.find("sentences"); s != record.end() && s->is_array()) {
    for (const json& sentence : *s) sentences.push_back(StringField(sentence, "text"));
  }
  size_t index = 0;
  for (const json& e : *events) {
    const std::string where = fmt::format("events[{}]", index++);
    if (!e.is_object()) return Status::Error(where + ": not an object");
    Mention m;
    m.sub_event_type = StringField(e, "sub_event_type");
    m.event_type = StringField(e, "event_type");
    if (m.sub_event_type.empty() || m.event_type.empty())
      return Status::Error(where + ": no sub_event_type or event_type");
    m.sentence = IntField(e, "sentence");
    const json trigger = Member(e, "trigger");
    m.trigger_text = StringField(trigger, "text");
    m.trigger_start = IntField(trigger, "start");
    m.trigger_end = IntField(trigger, "end");
    m.actor1 = ActorOf(Member(e, "actor1"));
    m.actor2 = ActorOf(Member(e, "actor2"));
    for (const char* side : {"assoc_actor1", "assoc_actor2"}) {
      auto list = e.find(side);
      if (list == e.end() || !list->is_array()) continue;
      for (const json& a : *list) {
        ActorRef actor = ActorOf(a);
        if (!actor.empty()) (side[11] == '1' ? m.assoc1 : m.assoc2).push_back(std::move(actor));
      }
    }
    const json location = Member(e, "location");
    if (location.is_object()) {
      PlaceRef& p = m.place;
      p.geonameid = IntField(location, "geonameid");
      p.name = StringField(location, "name");
      p.country = StringField(location, "country");
      p.admin1 = StringField(location, "admin1");
      p.feature_code = StringField(location, "feature_code");
      p.level = StringField(location, "level");
      p.precision = PrecisionOfLocation(location);
      if (location.contains("lat") && location["lat"].is_number() && location.contains("lon") &&
          location["lon"].is_number()) {
        p.has_position = true;
        p.lat = location["lat"].get<double>();
        p.lon = location["lon"].get<double>();
      }
      if (p.geonameid != 0) {
        p.key = fmt::format("gn:{}", p.geonameid);
      } else if (p.level == "country" || p.level.empty()) {
        p.key = p.country.empty() ? std::string() : "country:" + p.country;
      } else {
        p.key = fmt::format("{}:{}:{}", p.level, p.country, p.name);
      }
      m.place_text = StringField(Member(location, "evidence"), "text");
      m.location_source = StringField(location, "source");
      // A relation ("near", "north of", "border") makes the point approximate.
      if (!StringField(location, "relation").empty() && p.precision == GeoPrecision::kPlace)
        p.precision = GeoPrecision::kNear;
    }
    const json date = Member(e, "date");
    m.date_start = StringField(date, "start");
    m.date_end = StringField(date, "end");
    m.date_precision = StringField(date, "precision");
    m.date_source = StringField(date, "source");
    m.date_text = StringField(Member(date, "evidence"), "text");
    if (date.is_null()) {
      // Nothing dated the event, not even a publication date: stored undated, never merged.
      m.date_precision = "unknown";
    } else if (!time::ParseIsoDate(m.date_start) || !time::ParseIsoDate(m.date_end)) {
      return Status::Error(where + ": date without a start and end (YYYY-MM-DD)");
    }
    m.fatalities = IntField(e, "fatalities");
    m.counts = Member(e, "counts").is_array() ? Member(e, "counts").dump() : "[]";
    m.people = PeopleCounts(m.counts);
    const json modality = Member(e, "modality");
    m.modality = ModalityWord(Flag(modality, "negated"), Flag(modality, "hypothetical"),
                              Flag(modality, "future"), Flag(modality, "claimed"),
                              Flag(modality, "historical"));
    m.claimed_by = StringField(Member(modality, "source"), "text");
    if (auto c = e.find("confidence"); c != e.end() && c->is_number()) m.confidence = c->get<double>();
    const json evidence = Member(e, "evidence");
    m.evidence = StringField(evidence, "text");
    m.evidence_start = IntField(evidence, "start");
    m.evidence_end = IntField(evidence, "end");
    if (m.evidence.empty() && m.sentence >= 0 && static_cast<size_t>(m.sentence) < sentences.size())
      m.evidence = sentences[static_cast<size_t>(m.sentence)];
    mentions.push_back(std::move(m));
  }
  return mentions;
}

double MergeRadiusKm(GeoPrecision a, GeoPrecision b) {
  switch (std::max(a, b)) {
    case GeoPrecision::kPlace:
      return 15;
    case GeoPrecision::kNear:
      return 30;
    case GeoPrecision::kAdmin2:
      return 60;
    case GeoPrecision::kAdmin1:
      return 150;
    case GeoPrecision::kCountry:
    case GeoPrecision::kNone:
      break;
  }
  return -1;  // no radius: the country decides
}

bool SameHappening(const Mention& event, const Mention& mention, std::string* why) {
  auto fail = [&](std::string reason) {
    if (why != nullptr) *why = std::move(reason);
    return false;
  };
  if (!SubTypesAgree(event.sub_event_type, mention.sub_event_type))
    return fail("sub-types differ");
  if (ModalityClass(event.modality) != ModalityClass(mention.modality))
    return fail("modalities differ");
  if (event.date_start.empty() || mention.date_start.empty()) return fail("undated");
  const auto [es, ee] = Widened(event);
  const auto [ms, me] = Widened(mention);
  if (ms > ee || es > me) return fail("dates do not overlap");
  const PlaceRef& a = event.place;
  const PlaceRef& b = mention.place;
  if (!a.country.empty() && !b.country.empty() && a.country != b.country)
    return fail("countries differ");
  std::string where;
  const double radius = MergeRadiusKm(a.precision, b.precision);
  if (a.key == b.key && !a.key.empty()) {
    where = "same place";
  } else if (radius < 0) {
    if (a.country.empty() || a.country != b.country) return fail("no common country");
    where = "same country";
  } else if (std::max(a.precision, b.precision) == GeoPrecision::kAdmin1 && !a.admin1.empty() &&
             a.admin1 == b.admin1) {
    where = "same province";
  } else if (a.has_position && b.has_position) {
    const double km = geo::DistanceKm({a.lat, a.lon}, {b.lat, b.lon});
    if (km > radius) return fail(fmt::format("{:.1f} km apart (limit {:.0f})", km, radius));
    where = fmt::format("{:.1f} km apart", km);
  } else {
    return fail("no position to compare");
  }
  if (!SidesAgree(event, mention)) return fail("actors differ");
  if (why != nullptr) *why = where + ", dates overlap, actors agree";
  return true;
}

Reconciled Reconcile(const std::vector<Mention>& mentions) {
  Reconciled out;
  const auto sub_type = Choose(
      mentions, [](const Mention& m) { return std::string_view(m.sub_event_type); },
      [](const Mention&, const Mention&) { return 0; });
  const auto place = Choose(
      mentions,
      [](const Mention& m) { return std::pair(std::string_view(m.place.key), m.place.precision); },
      [](const Mention& a, const Mention& b) {
        if (a.place.precision != b.place.precision)
          return Compare(static_cast<int>(a.place.precision), static_cast<int>(b.place.precision));
        return 0;
      });
  const auto date = Choose(
      mentions,
      [](const Mention& m) {
        return std::tuple(std::string_view(m.date_start), std::string_view(m.date_end),
                          std::string_view(m.date_precision));
      },
      [](const Mention& a, const Mention& b) { return Compare(DateSpanDays(a), DateSpanDays(b)); });
  auto actor_choice = [&](ActorRef Mention::*side) {
    return Choose(
        mentions, [side](const Mention& m) { return std::string_view((m.*side).key); },
        [side](const Mention& a, const Mention& b) {
          auto rank = [](const ActorRef& r) { return r.empty() ? 2 : (r.generic() ? 1 : 0); };
          return Compare(rank(a.*side), rank(b.*side));
        });
  };
  const auto modality = Choose(
      mentions, [](const Mention& m) { return std::string_view(m.modality); },
      [](const Mention& a, const Mention& b) {
        return Compare(ModalityRank(a.modality), ModalityRank(b.modality));
      });
  size_t evidence = 0;
  for (size_t i = 1; i < mentions.size(); ++i)
    if (mentions[i].confidence > mentions[evidence].confidence) evidence = i;

  Mention& s = out.slots;
  s = mentions[evidence];
  s.sub_event_type = mentions[sub_type].sub_event_type;
  s.event_type = mentions[sub_type].event_type;
  s.place = mentions[place].place;
  s.place_text = mentions[place].place_text;
  s.location_source = mentions[place].location_source;
  s.date_start = mentions[date].date_start;
  s.date_end = mentions[date].date_end;
  s.date_precision = mentions[date].date_precision;
  s.date_source = mentions[date].date_source;
  s.date_text = mentions[date].date_text;
  s.actor1 = mentions[actor_choice(&Mention::actor1)].actor1;
  s.actor2 = mentions[actor_choice(&Mention::actor2)].actor2;
  s.modality = mentions[modality].modality;
  s.assoc1.clear();
  s.assoc2.clear();
  auto gather = [](std::vector<ActorRef>& into, const std::vector<ActorRef>& from,
                   const ActorRef& main) {
    for (const ActorRef& a : from) {
      if (a.key == main.key) continue;
      if (std::none_of(into.begin(), into.end(), [&](const ActorRef& x) { return x.key == a.key; }))
        into.push_back(a);
    }
  };
  for (const Mention& m : mentions) {
    gather(s.assoc1, m.assoc1, s.actor1);
    gather(s.assoc2, m.assoc2, s.actor2);
    s.confidence = std::max(s.confidence, m.confidence);
  }
  // Fatalities: the tolls reported (a report without one says nothing about it).
  std::map<int64_t, int> tolls;
  for (const Mention& m : mentions)
    if (m.fatalities > 0) ++tolls[m.fatalities];
  s.fatalities = 0;
  if (!tolls.empty()) {
    out.fatalities_min = tolls.begin()->first;
    out.fatalities_max = tolls.rbegin()->first;
    int most = 0;
    for (const auto& [toll, cited] : tolls) {
      if (cited > most) {  // ascending order: a tie keeps the lower toll
        most = cited;
        s.fatalities = toll;
      }
    }
  }
  // Every kind of people count, reconciled the same way: the range of the values reported and
  // the most cited (the lower on a tie); a period's toll only when no report gives more.
  std::map<std::string, std::map<int64_t, int>> by_kind;
  std::map<std::string, bool> only_cumulative;
  for (const Mention& m : mentions) {
    for (const PeopleCount& c : m.people) {
      auto [flag, fresh] = only_cumulative.emplace(c.kind, c.cumulative);
      if (!fresh && flag->second && !c.cumulative) {
        by_kind[c.kind].clear();  // a count of the event itself outranks a period's toll
        flag->second = false;
      }
      if (c.cumulative && !flag->second) continue;
      ++by_kind[c.kind][c.value];
    }
  }
  json counts = json::object();
  for (const auto& [kind, values] : by_kind) {
    int64_t best = 0;
    int most = 0, reports = 0;
    for (const auto& [value, cited] : values) {
      reports += cited;
      if (cited > most) {
        most = cited;
        best = value;
      }
    }
    counts[kind] = {{"best", best},
                    {"min", values.begin()->first},
                    {"max", values.rbegin()->first},
                    {"reports", reports},
                    {"cumulative", only_cumulative[kind]}};
  }
  out.counts = counts.dump();
  out.evidence = evidence;
  return out;
}

}  // namespace frontline::store
