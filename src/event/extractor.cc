// EventStage::Extract: the rules of event.h's header comment. This file groups each sentence's
// triggers into events; roles.cc and slots.cc fill their slots.
#include <algorithm>
#include <array>
#include <cmath>

#include "event/extraction.h"

namespace frontline::event {

const EventActor* Extraction::MostMentioned(bool state) const {
  const EventActor* best = nullptr;
  int most = 0;
  for (const auto& [actor, mentions] : armed_) {
    if (IsStateSide(actor.sector) != state) continue;
    if (mentions > most) best = &actor, most = mentions;
  }
  return best;
}

Event* Extraction::RecentEvent() {
  if (events_.empty()) return nullptr;
  Event& previous = events_.back();
  const bool near = previous.sentence + 2 >= sentence_ &&
                    layer_.sentences[previous.sentence].paragraph ==
                        layer_.sentences[sentence_].paragraph;
  return near ? &previous : nullptr;
}

std::vector<Event> Extraction::Run() {
  for (const geo::Toponym& t : places_) {
    if (!t.resolved) continue;
    const bool area = t.place.level == geo::Level::kAdmin1 || t.place.level == geo::Level::kCountry;
    VoteCountry(t.place.country, area ? 3 : 1);
  }
  for (uint32_t s = 0; s < layer_.sentences.size(); ++s) Sentence(s);
  // A capture that does not name who lost the place: the side the document names most often
  // among those the captor fights.
  for (Event& e : events_) {
    if ((e.type != SubEventType::kGovernmentRegainsTerritory &&
         e.type != SubEventType::kNonStateActorOvertakesTerritory) ||
        !e.side2.empty())
      continue;
    const bool state = e.type == SubEventType::kGovernmentRegainsTerritory;
    if (const EventActor* loser = MostMentioned(!state)) e.side2.push_back(*loser);
  }
  return std::move(events_);
}

void Extraction::AddEvent(SubEventType type, const Trigger& anchor, const Roles& roles,
                          const std::vector<CountMention>& counts, double base) {
  Event e;
  e.type = type;
  e.sentence = sentence_;
  e.trigger = {v_.words.token(anchor.begin).span.begin, v_.words.token(anchor.end - 1).span.end};
  if (roles.a1 >= 0) {
    e.side1.push_back(ToEventActor(roles.a1));
  } else if (!roles.demonym1.empty()) {
    e.side1.push_back(EventActor{-1, roles.demonym1, Sector::kState, {}});
  }
  for (int a : roles.assoc1) e.side1.push_back(ToEventActor(a));
  if (roles.a2 >= 0) e.side2.push_back(ToEventActor(roles.a2));
  for (int a : roles.assoc2) e.side2.push_back(ToEventActor(a));
  // An actor is on one side only: a second mention of actor1 among its targets is the same
  // group named twice ("ISIS ... the Islamic State").
  if (!e.side1.empty() && e.side1[0].actor >= 0) {
    const int32_t first = e.side1[0].actor;
    e.side2.erase(std::remove_if(e.side2.begin(), e.side2.end(),
                                 [&](const EventActor& a) { return a.actor == first; }),
                  e.side2.end());
  }
  // Civilians the sentence names beside remote violence or an attack are among its victims.
  const EventType family = Info(type).event_type;
  if (family == EventType::kExplosionsRemoteViolence ||
      family == EventType::kViolenceAgainstCivilians) {
    bool named = false;
    for (const EventActor& a : e.side2) named = named || a.sector == Sector::kCivilians;
    for (const ActorMention& m : v_.actors) {
      if (named || dict_.actor(m.actor).sector != Sector::kCivilians) continue;
      bool acting = false;
      for (const EventActor& a : e.side1) acting = acting || a.span == m.span;
      if (acting) continue;
      e.side2.push_back(EventActor{static_cast<int32_t>(m.actor), m.country, Sector::kCivilians,
                                   m.span});
      named = true;
    }
  }
  for (const CountMention& c : counts) e.counts.push_back(c.count);
  const bool territory = type == SubEventType::kGovernmentRegainsTerritory ||
                         type == SubEventType::kNonStateActorOvertakesTerritory ||
                         type == SubEventType::kNonViolentTransferOfTerritory;
  Locate(e, anchor, territory);
  Date(e, anchor);
  // Generic agents ("troops", "police") belong to the country where they act.
  auto localise = [&] {
    for (auto* side : {&e.side1, &e.side2}) {
      for (EventActor& a : *side) {
        if (a.country.empty() && a.actor >= 0 &&
            dict_.actor(static_cast<uint32_t>(a.actor)).generic)
          a.country = e.location.place.country;
      }
    }
  };
  localise();
  Modal(e, anchor);
  ApplyCodingConventions(e);
  localise();
  double c = base;
  if (!e.side1.empty()) c += 0.12;
  if (!e.side2.empty()) c += 0.06;
  if (e.location.source == LocationSource::kSentence) c += 0.1;
  if (e.date.source == DateSource::kSentence) c += 0.05;
  if (!e.counts.empty()) c += 0.04;
  if (!e.modality.fact()) c *= 0.6;
  c -= 0.01 * std::min<uint32_t>(sentence_, 15);
  e.confidence = std::clamp(c, 0.05, 0.99);
  events_.push_back(std::move(e));
}

void Extraction::Sentence(uint32_t s) {
  sentence_ = s;
  const text::Sentence& sentence = layer_.sentences[s];
  if (sentence.paragraph != topic_paragraph_) {
    topic_ = EventActor{};
    topic_paragraph_ = sentence.paragraph;
  }
  AnnotateSentence(lex_, dict_, gaz_, layer_, text_, sentence, v_);
  const size_t n = v_.words.size();
  if (n == 0) return;

  time_spans_.clear();
  bool since_range = false;
  for (const time::TimeMention& m : times_.mentions) {
    if (m.sentence != s) continue;
    time_spans_.push_back(m.span);
    if (m.has_range) time_spans_.push_back(m.range_span);
    if (m.has_range && m.range_span.Of(text_).starts_with("since")) since_range = true;
  }
  for (const ActorMention& m : v_.actors) {
    const Actor& a = dict_.actor(m.actor);
    if (!IsArmed(a.sector) || a.metonym) continue;
    EventActor ea{static_cast<int32_t>(m.actor), m.country, a.sector, m.span};
    auto it = std::find_if(armed_.begin(), armed_.end(),
                           [&](const auto& p) { return p.first.actor == ea.actor; });
    if (it == armed_.end()) {
      armed_.push_back({ea, 1});
    } else {
      ++it->second;
    }
  }
  for (const ActorMention& m : v_.actors) VoteCountry(m.country, 2);

  // Triggers: the longest at each word, outside actor names and time expressions.
  triggers_.clear();
  for (size_t i = 0; i < n;) {
    const Hit* best = v_.Longest(i, Category::kTrigger);
    if (best == nullptr) {
      ++i;
      continue;
    }
    // Not a trigger: words wholly inside an actor's name ("Popular Mobilization Forces") or a
    // time expression ("in the fall"), harm of another kind ("heart attack", "bus crash"), or
    // a participle used as an adjective ("the occupied Golan Heights").
    bool blocked = true, in_time = false, in_cue = false;
    for (uint32_t w = best->word; w < best->end(); ++w) {
      blocked = blocked && v_.actor_at[w] >= 0;
      for (const text::Span& t : time_spans_) in_time = in_time || t.Contains(v_.words.token(w).span);
      in_cue = in_cue || v_.HasCue(w, Cue::kNonConflict);
    }
    for (const Hit& h : v_.hits) {
      if (h.category == Category::kCue && h.payload == static_cast<uint32_t>(Cue::kNonConflict) &&
          h.word < best->end() && best->word < h.end())
        in_cue = true;
    }
    const TriggerForm form = EventLexicon::FormOf(best->payload);
    const std::string_view first_word = v_.words.fold(best->word);
    const bool adjective = form == TriggerForm::kVerb && best->word > 0 &&
                           (first_word.ends_with("ed") || first_word.ends_with("en")) &&
                           (v_.words.fold(best->word - 1) == "the" ||
                            v_.words.fold(best->word - 1) == "an");
    if (!blocked && !in_time && !in_cue && !adjective) {
      triggers_.push_back(Trigger{EventLexicon::ClassOf(best->payload), form, best->word,
                                  best->end()});
      i = best->end();
    } else {
      ++i;
    }
  }
  // "seized 40 kilos of heroin", "seized a ton of khat": goods taken, not ground; analysts
  // code a seizure of goods as property taken.
  for (Trigger& t : triggers_) {
    if (t.cls != TC::kCapture || t.end >= n) continue;
    if (v_.words.token(t.end).kind == text::TokenKind::kNumber ||
        ((v_.words.fold(t.end) == "a" || v_.words.fold(t.end) == "an" ||
          v_.words.fold(t.end) == "about" || v_.words.fold(t.end) == "some") &&
         t.end + 1 < n &&
         (IsQuantityNoun(v_.words.fold(t.end + 1)) ||
          v_.words.token(t.end + 1).kind == text::TokenKind::kNumber)))
      t.cls = TC::kLoot;
  }
  // "recovered two roadside bombs", "seized a thousand rifle rounds",
  // "intercepted a ballistic missile": weapons taken out of use. The weapon's own trigger
  // ("explosive devices", "missile") names what was disrupted, not an attack.
  for (size_t w = 0; w < n; ++w) {
    if (!v_.HasCue(w, Cue::kSeizeVerb) || !CueIsWord(v_, w)) continue;
    size_t weapon = SIZE_MAX;
    for (size_t k = w + 1; k < n && k <= w + 6 && weapon == SIZE_MAX; ++k) {
      if (v_.HasCue(k, Cue::kClauseBreak) || v_.words.fold(k) == ".") break;
      if (v_.HasCue(k, Cue::kWeapon)) weapon = k;
    }
    if (weapon == SIZE_MAX) continue;
    triggers_.erase(std::remove_if(triggers_.begin(), triggers_.end(),
                                   [&](const Trigger& t) {
                                     return t.begin <= weapon && t.end > w && IsInstrument(t.cls);
                                   }),
                    triggers_.end());
    triggers_.push_back(Trigger{TC::kDisrupt, TriggerForm::kVerb, static_cast<uint32_t>(w),
                                static_cast<uint32_t>(w + 1)});
    break;
  }
  bool explicit_protest = false;
  for (const Trigger& t : triggers_) explicit_protest = explicit_protest || t.cls == TC::kProtest;
  // A crowd named as such ("protesters", "rioters") is itself the sign of a protest or a riot.
  bool protest_trigger = false;
  for (const Trigger& t : triggers_)
    protest_trigger = protest_trigger || t.cls == TC::kProtest || t.cls == TC::kRiot || t.cls == TC::kMob;
  for (const ActorMention& m : v_.actors) {
    const Sector sector = dict_.actor(m.actor).sector;
    if (protest_trigger || (sector != Sector::kProtesters && sector != Sector::kRioters)) continue;
    // Rioters who beat or kill a person are a mob; rioters who wreck things riot.
    bool harm_to_person = false;
    for (const Trigger& t : triggers_)
      harm_to_person = harm_to_person || t.cls == TC::kKill || t.cls == TC::kAttack;
    const bool mob = m.span.Of(text_).find("mob") != std::string_view::npos;
    const TC cls = sector == Sector::kProtesters ? TC::kProtest
                   : harm_to_person || mob      ? TC::kMob
                                                : TC::kRiot;
    triggers_.push_back(Trigger{cls, TriggerForm::kNoun, m.word_begin, m.word_end});
    break;
  }

  FindCounts(lex_, v_, time_spans_, since_range || v_.AnyCue(Cue::kCumulative), counts_);

  // The sentence's first armed subject becomes the paragraph's topic afterwards.
  EventActor first_armed;
  for (const ActorMention& m : v_.actors) {
    const Actor& a = dict_.actor(m.actor);
    if (IsArmed(a.sector) && !a.metonym && !AfterPreposition(v_, m.word_begin)) {
      first_armed = EventActor{static_cast<int32_t>(m.actor), m.country, a.sector, m.span};
      break;
    }
  }
  auto finish = [&] {
    if (first_armed.actor >= 0) topic_ = first_armed;
  };
  if (triggers_.empty()) return finish();

  std::array<int, kTriggerClassCount> first{};
  first.fill(-1);
  for (size_t i = 0; i < triggers_.size(); ++i) {
    int& f = first[static_cast<size_t>(triggers_[i].cls)];
    if (f < 0) f = static_cast<int>(i);
  }
  auto has = [&](TC c) { return first[static_cast<size_t>(c)] >= 0; };
  auto trig = [&](TC c) { return triggers_[static_cast<size_t>(first[static_cast<size_t>(c)])]; };

  std::vector<CountMention> harm, displaced;
  for (const CountMention& c : counts_)
    (c.count.kind == CountKind::kDisplaced ? displaced : harm).push_back(c);

  bool armed_present = false, state_present = false, civilians_present = false;
  for (const ActorMention& m : v_.actors) {
    const Sector sector = dict_.actor(m.actor).sector;
    if (dict_.actor(m.actor).metonym || dict_.actor(m.actor).unarmed) continue;
    armed_present = armed_present || IsArmed(sector);
    state_present = state_present || sector == Sector::kState;
    civilians_present = civilians_present || sector == Sector::kCivilians;
  }
  const bool non_conflict = v_.AnyCue(Cue::kNonConflict);
  const bool armed_target = v_.AnyCue(Cue::kArmedTarget);
  // Who the subject is when the sentence names none: "they" or an opening participle
  // ("After having captured ...") refers to the paragraph's topic.
  auto with_topic = [&](Roles r, const Trigger& t) {
    if (r.a1 >= 0 || !r.demonym1.empty() || topic_.actor < 0 || r.passive) return r;
    bool pronoun = false;
    for (size_t w = 0; w < n; ++w) pronoun = pronoun || IsPronounSubject(v_.words.fold(w));
    const bool opening = t.begin <= 3 && t.form == TriggerForm::kVerb;
    r.topic = pronoun || opening;
    return r;
  };
  auto add = [&](SubEventType type, const Trigger& t, Roles r,
                 const std::vector<CountMention>& counts, double base) {
    AddEvent(type, t, r, counts, base);
    if (r.topic) {
      Event& e = events_.back();
      e.side1.insert(e.side1.begin(), topic_);
      if (e.side1[0].country.empty()) e.side1[0].country = e.location.place.country;
    }
  };
  auto side_sector = [&](const Roles& r, bool first_side) {
    const int a = first_side ? r.a1 : r.a2;
    if (a >= 0) return dict_.actor(v_.actors[static_cast<size_t>(a)].actor).sector;
    if (first_side && r.topic) return topic_.sector;
    if (first_side && !r.demonym1.empty()) return Sector::kState;
    const std::vector<int>& assoc = first_side ? r.assoc1 : r.assoc2;
    if (!assoc.empty()) return dict_.actor(v_.actors[static_cast<size_t>(assoc[0])].actor).sector;
    return Sector::kUnknown;
  };

  // "Police intervened and fired tear gas at them": a sentence that tells how a protest of the
  // sentence before was met changes that protest's type, and is not an event of its own.
  if (Event* recent = RecentEvent()) {
    Event& previous = *recent;
    const EventType family = Info(previous.type).event_type;
    if (family == EventType::kProtests && !explicit_protest) {
      bool state = false;
      for (const ActorMention& m : v_.actors) state = state || dict_.actor(m.actor).sector == Sector::kState;
      bool force = false, intervention = false, violence = false;
      for (size_t w = 0; w < n; ++w) {
        if (IsGrievance(v_, w)) continue;
        force = force || v_.HasCue(w, Cue::kProtestForce);
        intervention = intervention || v_.HasCue(w, Cue::kProtestIntervention);
        violence = violence || v_.HasCue(w, Cue::kProtestViolence);
      }
      for (const Trigger& t : triggers_) {
        if (t.cls == TC::kArrest && t.form == TriggerForm::kVerb) intervention = true;
        if (t.cls == TC::kKill && state) force = true;
      }
      SubEventType upgraded = previous.type;
      if (force && state) {
        upgraded = SubEventType::kExcessiveForceAgainstProtesters;
      } else if (violence && previous.type == SubEventType::kPeacefulProtest) {
        upgraded = SubEventType::kViolentDemonstration;
      } else if (state && intervention && previous.type == SubEventType::kPeacefulProtest) {
        upgraded = SubEventType::kProtestWithIntervention;
      }
      if (upgraded != previous.type) {
        previous.type = upgraded;
        for (const CountMention& c : counts_) previous.counts.push_back(c.count);
        return finish();
      }
    }
  }

  // A sentence that only tells the toll ("Two soldiers were killed.") right after a violent
  // event of the same paragraph is that event's toll, not an event of its own.
  {
    bool toll_only = true, nouns_only = true;
    for (const Trigger& t : triggers_) {
      toll_only = toll_only && (t.cls == TC::kKill || t.cls == TC::kInjure);
      nouns_only = nouns_only && t.form == TriggerForm::kNoun;
    }
    Event* recent = RecentEvent();
    if (toll_only && (!harm.empty() || nouns_only) && recent != nullptr) {
      Event& previous = *recent;
      const EventType family = Info(previous.type).event_type;
      const Roles r = FindRoles(triggers_[0]);
      if (r.a1 < 0 && r.demonym1.empty() &&
          (family == EventType::kBattles || family == EventType::kExplosionsRemoteViolence ||
           family == EventType::kViolenceAgainstCivilians)) {
        // Only a toll the event lacks: a later figure may restate or update the first.
        bool has_toll = false;
        for (const Count& c : previous.counts) has_toll = has_toll || c.kind != CountKind::kDisplaced;
        if (!has_toll) {
          for (const CountMention& c : harm) previous.counts.push_back(c.count);
        }
        return finish();
      }
    }
  }

  bool main = false;
  // Territory: every capture of a place the sentence names. A noun ("the fall of X") needs the
  // place right after it; a bare "reconquest operations" reports no capture.
  if (has(TC::kCapture)) {
    for (const Trigger& t : triggers_) {
      if (t.cls != TC::kCapture) continue;
      // The place taken is the object after the trigger ("captured the town of X", "entered
      // on Tuesday, January 28, Y"), or the subject before a passive or "fell to".
      Roles r = with_topic(FindRoles(t), t);
      const bool before = r.passive || t.form == TriggerForm::kAgentAfter;
      const size_t reach = t.form == TriggerForm::kNoun ? 4 : 10;
      const uint32_t lo = before ? v_.words.token(t.begin >= 6 ? t.begin - 6 : 0).span.begin
                                 : v_.words.token(t.end - 1).span.end;
      const uint32_t hi = before ? v_.words.token(t.begin).span.begin
                         : t.end + reach < n ? v_.words.token(t.end + reach).span.end
                                             : UINT32_MAX;
      bool located = false;
      for (const geo::Toponym& p : places_) {
        if (p.sentence == s && p.resolved && p.span.begin >= lo && p.span.begin <= hi)
          located = true;
      }
      // "occupied three hill posts", "retook the villages": the object is a place by its noun.
      for (size_t w = t.end; w < n && w < t.end + 6 && !located && !before; ++w) {
        const std::string_view f = v_.words.fold(w);
        located = f == "town" || f == "towns" || f == "village" || f == "villages" ||
                  f == "area" || f == "areas" || f == "territory" || f == "ground" ||
                  f == "positions" || f == "posts" || f == "hill" || f == "hills" ||
                  f == "district" || f == "districts" || f == "neighbourhood" ||
                  f == "neighborhood" || f == "base" || f == "bases" || f == "city";
      }
      // "The city ... which it managed to get rid of": the place is the one the text is about.
      for (size_t w = 0; w + 1 < n && !located; ++w) {
        const std::string_view next = v_.words.fold(w + 1);
        located = v_.words.fold(w) == "the" &&
                  (next == "city" || next == "town" || next == "village" || next == "area");
      }
      if (!located) continue;
      // "Sudan stormed to victory", "the pound fell to a record low": a capture names who
      // took the place, unless the sentence is passive ("the town was captured").
      if ((t.form == TriggerForm::kVerb && !r.passive) || t.form == TriggerForm::kAgentAfter) {
        if (r.a1 < 0 && r.demonym1.empty() && !r.topic && r.assoc1.empty()) continue;
      }
      // Crowds occupy squares and roads; only armed actors take territory.
      const Sector captor = side_sector(r, true);
      if (captor == Sector::kProtesters || captor == Sector::kRioters ||
          captor == Sector::kCivilians)
        continue;
      Sector sector = side_sector(r, true);
      if (sector == Sector::kUnknown) {
        const Sector other = side_sector(r, false);
        sector = other == Sector::kState ? Sector::kRebel : Sector::kState;
      }
      const SubEventType type = has(TC::kTransfer) && !has(TC::kClash) && !has(TC::kAttack)
                                    ? SubEventType::kNonViolentTransferOfTerritory
                                : sector == Sector::kState
                                    ? SubEventType::kGovernmentRegainsTerritory
                                    : SubEventType::kNonStateActorOvertakesTerritory;
      add(type, t, r, harm, 0.65);
      main = true;
    }
  }
  // Protests and riots.
  if (has(TC::kProtest) || has(TC::kRiot) || has(TC::kMob)) {
    const TC c = has(TC::kProtest) ? TC::kProtest : has(TC::kRiot) ? TC::kRiot : TC::kMob;
    const Trigger& t = trig(c);
    Roles r = FindRoles(t);
    SubEventType type = SubEventType::kPeacefulProtest;
    // Force: "live ammunition", "violently suppressed", deaths with the state present, or the
    // protesters themselves killed or hurt ("two demonstrators were shot dead").
    bool protesters_harmed = false;
    for (const Trigger& x : triggers_) {
      if (x.cls != TC::kKill && x.cls != TC::kInjure) continue;
      const Roles harmed = FindRoles(x);
      protesters_harmed =
          protesters_harmed ||
          (harmed.a2 >= 0 &&
           dict_.actor(v_.actors[static_cast<size_t>(harmed.a2)].actor).sector == Sector::kProtesters);
    }
    const bool force =
        (state_present && (v_.AnyCue(Cue::kProtestForce) ||
                           ((has(TC::kKill) || has(TC::kInjure)) && !harm.empty()))) ||
        protesters_harmed;
    bool peaceful = false;
    for (size_t w = 0; w < n; ++w) {
      const std::string_view f = v_.words.fold(w);
      peaceful = peaceful || f == "peaceful" || f == "peacefull" || f == "nonviolent" ||
                 (f == "non" && w + 1 < n && v_.words.fold(w + 1) == "violent");
    }
    // What the protest is about ("calling for the arrest of whoever burned the market")
    // is not what the protesters or the police did.
    bool violent_cue = false;
    for (size_t w = 0; w < n; ++w)
      violent_cue = violent_cue || (v_.HasCue(w, Cue::kProtestViolence) && !IsGrievance(v_, w));
    for (const Trigger& x : triggers_) {
      if ((x.cls == TC::kLoot || x.cls == TC::kClash) && !IsGrievance(v_, x.begin)) violent_cue = true;
    }
    bool intervention_cue = false;
    for (size_t w = 0; w < n; ++w)
      intervention_cue = intervention_cue || (v_.HasCue(w, Cue::kProtestIntervention) && !IsGrievance(v_, w));
    const bool intervention =
        intervention_cue ||
        (has(TC::kArrest) && !IsGrievance(v_, trig(TC::kArrest).begin));
    if (c == TC::kMob) {
      type = SubEventType::kMobViolence;
    } else if (c == TC::kRiot) {
      type = SubEventType::kViolentDemonstration;
    } else if (violent_cue && !peaceful) {
      // Force against protesters who threw stones is still a violent demonstration; excessive
      // force is force against peaceful ones.
      type = SubEventType::kViolentDemonstration;
    } else if (force) {
      type = SubEventType::kExcessiveForceAgainstProtesters;
    } else if (intervention) {
      type = SubEventType::kProtestWithIntervention;
    }
    // "Demonstrators returned to the square on Monday" after a protest of the sentence before
    // is that protest going on: it lends its place, not a second event.
    bool continued = false;
    Event* recent = RecentEvent();
    if (type == SubEventType::kPeacefulProtest && harm.empty() && recent != nullptr) {
      Event& previous = *recent;
      const EventType family = Info(previous.type).event_type;
      if (family == EventType::kProtests || family == EventType::kRiots) {
        continued = true;
        if (previous.location.source != LocationSource::kSentence) {
          Event probe;
          probe.trigger = {v_.words.token(t.begin).span.begin, v_.words.token(t.end - 1).span.end};
          Locate(probe, t, false);
          if (probe.location.source == LocationSource::kSentence) previous.location = probe.location;
        }
      }
    }
    if (!continued) add(type, t, r, harm, 0.6);
    main = true;
  } else if (!main && has(TC::kDisrupt)) {
    add(SubEventType::kDisruptedWeaponsUse, trig(TC::kDisrupt), FindRoles(trig(TC::kDisrupt)),
        harm, 0.55);
    main = true;
  }
  if (!main && has(TC::kTransfer) && !has(TC::kClash)) {
    bool instrument = false;
    for (const Trigger& t : triggers_) instrument = instrument || IsInstrument(t.cls);
    if (!instrument) {
      add(SubEventType::kNonViolentTransferOfTerritory, trig(TC::kTransfer),
          FindRoles(trig(TC::kTransfer)), harm, 0.5);
      main = true;
    }
  }
  // "signed a cessation of hostilities", "fled the fighting": the fighting is what the
  // agreement ends or the people flee, not the news; so are "raids" in which people were
  // arrested.
  bool violence_is_context = false;
  if (!main) {
    bool only_nouns = true, instrument_seen = false;
    for (const Trigger& t : triggers_) {
      if (!IsViolence(t.cls)) continue;
      only_nouns = only_nouns && (t.form == TriggerForm::kNoun || t.cls == TC::kAttack);
      instrument_seen = instrument_seen || IsInstrument(t.cls);
    }
    const bool harmless = harm.empty();
    if (has(TC::kAgree) && only_nouns && !instrument_seen) violence_is_context = true;
    if (has(TC::kDisplace) && !displaced.empty() && harmless && !instrument_seen)
      violence_is_context = true;
    if (has(TC::kArrest) && harmless && !instrument_seen &&
        trig(TC::kArrest).form == TriggerForm::kVerb)
      violence_is_context = true;
  }
  if (!main && violence_is_context && has(TC::kArrest) && !has(TC::kAgree) &&
      !has(TC::kDisplace) && !v_.AnyCue(Cue::kCrime)) {
    add(SubEventType::kArrests, trig(TC::kArrest),
        with_topic(FindRoles(trig(TC::kArrest)), trig(TC::kArrest)), harm, 0.55);
    main = true;
  }
  if (!main && !violence_is_context && !(non_conflict && !armed_present)) {
    // Violence: the most specific instrument names the sub-type; else the target decides.
    const Trigger* instrument = nullptr;
    for (const Trigger& t : triggers_) {
      if (!IsInstrument(t.cls)) continue;
      // "soldiers shot a suicide bomber": the bombers are the target, not the weapon.
      bool target = false;
      for (const Trigger& k : triggers_) {
        target = target || (k.cls == TC::kKill && k.form == TriggerForm::kVerb && k.end <= t.begin &&
                            t.begin <= k.end + 4);
      }
      if (target && t.cls == TC::kSuicide) continue;
      if (!instrument || InstrumentRank(t.cls) < InstrumentRank(instrument->cls)) instrument = &t;
    }
    const Trigger* violent = instrument;
    if (violent == nullptr) {
      for (const Trigger& t : triggers_) {
        if (IsViolence(t.cls) && (violent == nullptr || t.form == TriggerForm::kVerb)) {
          violent = &t;
          if (t.form == TriggerForm::kVerb) break;
        }
      }
    }
    if (has(TC::kSexual) || has(TC::kAbduct)) {
      const Trigger& t = trig(has(TC::kSexual) ? TC::kSexual : TC::kAbduct);
      add(has(TC::kSexual) ? SubEventType::kSexualViolence
                           : SubEventType::kAbductionForcedDisappearance,
          t, with_topic(FindRoles(t), t), harm, 0.6);
      main = true;
    } else if (violent != nullptr) {
      Roles r = with_topic(FindRoles(*violent), *violent);
      // Roles from a verb of the frame when the instrument noun gives none ("Troops killed
      // five civilians in an air strike").
      if (r.a1 < 0 && r.demonym1.empty() && !r.topic) {
        for (const Trigger& t : triggers_) {
          if (&t != violent && IsViolence(t.cls) && t.form == TriggerForm::kVerb) {
            Roles other = FindRoles(t);
            if (other.a1 >= 0) {
              r.a1 = other.a1;
              r.assoc1 = other.assoc1;
              if (r.a2 < 0) r.a2 = other.a2;
              break;
            }
          }
        }
      }
      // "Jets killed a family of six": aircraft that kill strike from the air.
      bool aircraft = false;
      if (r.a1 >= 0) aircraft = dict_.actor(v_.actors[static_cast<size_t>(r.a1)].actor).id.ends_with(".air");
      SubEventType type;
      if (instrument == nullptr && aircraft) {
        type = SubEventType::kAirDroneStrike;
      } else if (instrument != nullptr) {
        // Heavy weapons with small arms or an exchange of fire are a fight at close range.
        type = (instrument->cls == TC::kExplosion || instrument->cls == TC::kShell) &&
                       has(TC::kClash)
                   ? SubEventType::kArmedClash
                   : InstrumentType(instrument->cls);
      } else {
        Sector target = side_sector(r, false);
        const Sector actor = side_sector(r, true);
        // An armed side among the victims ("a soldier and three villagers were killed") makes
        // a fight of it.
        for (int a : r.assoc2) {
          const Sector other = dict_.actor(v_.actors[static_cast<size_t>(a)].actor).sector;
          if (IsArmed(other) && !IsArmed(target)) target = other;
        }
        bool has_clash = has(TC::kClash);
        if (has_clash || IsArmed(target) || (armed_target && !civilians_present) ||
            (actor == Sector::kUnknown && target == Sector::kUnknown && !civilians_present &&
             has(TC::kAttack) && armed_present)) {
          type = SubEventType::kArmedClash;
        } else {
          type = SubEventType::kAttack;
        }
        if (!has_clash && !has(TC::kAttack) && !has(TC::kKill) && has(TC::kInjure) &&
            !armed_present)
          type = SubEventType::kAttack;
        // Unarmed crowds fighting each other or the police ("rival villages fought with sticks",
        // "youths threw rocks at a patrol").
        if ((type == SubEventType::kArmedClash && !armed_present &&
             (civilians_present || v_.AnyCue(Cue::kCrowd))) ||
            (v_.AnyCue(Cue::kCrowd) && !IsArmed(actor)))
          type = SubEventType::kMobViolence;
        // Violence done by unarmed people (villagers, a crowd) is mob violence.
        if ((actor == Sector::kCivilians || actor == Sector::kRioters ||
             actor == Sector::kProtesters) &&
            violent->form == TriggerForm::kVerb)
          type = SubEventType::kMobViolence;
      }
      if (type == SubEventType::kAirDroneStrike && r.a1 >= 0 &&
          !IsStateSide(dict_.actor(v_.actors[static_cast<size_t>(r.a1)].actor).sector)) {
        // Armed groups rarely fly: a non-state actor beside an air strike is its target.
        if (r.a2 < 0) r.a2 = r.a1;
        r.a1 = -1;
        r.assoc1.clear();
      }
      add(type, *violent, r, harm, 0.6);
      if (type == SubEventType::kAirDroneStrike && events_.back().side1.empty()) {
        if (const EventActor* state = MostMentioned(true)) events_.back().side1.push_back(*state);
      }
      main = true;
    } else if (has(TC::kLoot)) {
      add(SubEventType::kLootingPropertyDestruction, trig(TC::kLoot), FindRoles(trig(TC::kLoot)),
          harm, 0.5);
      main = true;
    } else if (has(TC::kArrest) && !v_.AnyCue(Cue::kCrime)) {
      // Arrests that analysts code are political; arrests for drugs or theft are policing.
      add(SubEventType::kArrests, trig(TC::kArrest), with_topic(FindRoles(trig(TC::kArrest)), trig(TC::kArrest)),
          harm, 0.5);
      main = true;
    }
  }
  // Side events: they stand beside the main one.
  if (non_conflict && !armed_present) return finish();  // floods displace, fires destroy
  const double side = main ? 0.35 : 0.5;
  if (has(TC::kOther)) {
    add(SubEventType::kOther, trig(TC::kOther), FindRoles(trig(TC::kOther)), harm, side);
  }
  if (has(TC::kDisplace)) {
    // Each count of the displaced goes to the nearest displacement trigger; several triggers
    // with counts of their own are several movements ("350,000 since December, in addition
    // to the 300,000 displaced in the spring").
    std::vector<const Trigger*> displace;
    for (const Trigger& t : triggers_) {
      if (t.cls == TC::kDisplace) displace.push_back(&t);
    }
    std::vector<std::vector<CountMention>> assigned(displace.size());
    for (const CountMention& c : displaced) {
      size_t best = 0, best_distance = SIZE_MAX;
      for (size_t k = 0; k < displace.size(); ++k) {
        const size_t d = c.word_end <= displace[k]->begin ? displace[k]->begin - c.word_end
                                                          : c.word_begin - displace[k]->end;
        if (d < best_distance) best = k, best_distance = d;
      }
      assigned[best].push_back(c);
    }
    bool emitted = false;
    for (size_t k = 0; k < displace.size(); ++k) {
      if (assigned[k].empty() && (emitted || k + 1 < displace.size())) continue;
      add(SubEventType::kDisplacement, *displace[k], FindRoles(*displace[k]), assigned[k],
          side + 0.05);
      emitted = true;
    }
  }
  if (has(TC::kAgree)) {
    add(SubEventType::kAgreement, trig(TC::kAgree), FindRoles(trig(TC::kAgree)), {}, side);
  }
  if (has(TC::kChange) && !main && !non_conflict) {
    add(SubEventType::kChangeToGroupActivity, trig(TC::kChange), FindRoles(trig(TC::kChange)), {},
        0.4);
  }
  if (has(TC::kBase)) {
    add(SubEventType::kHeadquartersOrBaseEstablished, trig(TC::kBase), FindRoles(trig(TC::kBase)),
        {}, side);
  }
  finish();
}


std::string_view LocationSourceName(LocationSource source) {
  switch (source) {
    case LocationSource::kNone:
      return "none";
    case LocationSource::kSentence:
      return "sentence";
    case LocationSource::kParagraph:
      return "paragraph";
    case LocationSource::kDocument:
      return "document";
    case LocationSource::kActor:
      return "actor";
  }
  return "";
}

std::string_view DateSourceName(DateSource source) {
  switch (source) {
    case DateSource::kNone:
      return "none";
    case DateSource::kSentence:
      return "sentence";
    case DateSource::kParagraph:
      return "paragraph";
    case DateSource::kPublication:
      return "publication";
  }
  return "";
}

int64_t Fatalities(const Event& event) {
  int64_t best = 0, group = 0;
  for (const Count& c : event.counts) {
    if (c.kind != CountKind::kKilled || c.cumulative || c.part) continue;
    group = c.plus ? group + c.best : c.best;
    best = std::max(best, group);
  }
  return best;
}

EventStage::EventStage(const EventLexicon& lexicon, const ActorDictionary& actors,
                       const geo::Gazetteer* gazetteer)
    : lexicon_(&lexicon), actors_(&actors), gazetteer_(gazetteer) {}

std::vector<Event> EventStage::Extract(std::string_view text, const text::TextLayer& layer,
                                       const time::DocumentTimes& times,
                                       const std::vector<geo::Toponym>& places) const {
  return Extraction(*lexicon_, *actors_, gazetteer_, text, layer, times, places).Run();
}

}  // namespace frontline::event
