// The slots of an event besides its roles: place, date, modality, and analysts' conventions for
// sides.
#include <algorithm>

#include "event/extraction.h"

namespace frontline::event {

void Extraction::VoteCountry(std::string_view country, double weight) {
  if (country.empty()) return;
  for (auto& [c, w] : country_votes_) {
    if (c == country) {
      w += weight;
      return;
    }
  }
  country_votes_.emplace_back(std::string(country), weight);
}

std::string_view Extraction::DocumentCountry() const {
  double total = 0, best = 0;
  std::string_view country;
  for (const auto& [c, w] : country_votes_) {
    total += w;
    if (w > best) best = w, country = c;
  }
  return best >= 0.5 * total ? country : std::string_view();
}

namespace {

double PrecisionScore(geo::Precision p) {
  switch (p) {
    case geo::Precision::kPlace:
      return 3;
    case geo::Precision::kRelative:
      return 2.8;
    case geo::Precision::kAdmin2:
      return 2;
    case geo::Precision::kAdmin1:
      return 1.2;
    case geo::Precision::kCountry:
      return 0.5;
    case geo::Precision::kRegion:
      return 0.1;
  }
  return 0;
}

}  // namespace

bool Extraction::InCountryside(const geo::Toponym& t) const {
  const uint32_t from = t.span.begin >= 30 ? t.span.begin - 30 : 0;
  const std::string_view before = text_.substr(from, t.span.begin - from);
  const std::string_view after = text_.substr(t.name_span.end, 20);
  return before.find("countryside of") != std::string_view::npos ||
         after.starts_with(" countryside") || t.span.Of(text_).ends_with("countryside");
}

void Extraction::Locate(Event& e, const Trigger& anchor, bool territory) {
  const text::Span trigger = e.trigger;
  // A name inside an actor's name is not a place ("Free Syrian Army"); a capital standing for
  // its government is one unless it acts in this event ("in Yerevan" vs "Moscow said").
  auto usable = [&](const geo::Toponym& t) {
    if (!t.resolved) return false;
    for (const ActorMention& m : v_.actors) {
      if (!m.span.Overlaps(t.name_span)) continue;
      if (!dict_.actor(m.actor).metonym) return false;
      for (const auto* side : {&e.side1, &e.side2}) {
        for (const EventActor& a : *side) {
          if (a.span == m.span) return false;
        }
      }
    }
    return true;
  };
  // "in Belford Roxo, Rio de Janeiro", "Gazipur city (Gazipur, Dhaka)": the names after the
  // first are its containers; the first is the place.
  auto container = [&](size_t i) {
    if (i == 0) return false;
    const geo::Toponym& prev = places_[i - 1];
    if (prev.sentence != places_[i].sentence) return false;
    const std::string_view between =
        text_.substr(prev.span.end, places_[i].span.begin - prev.span.end);
    return between == ", " || between == " (" || between == ", (" || between == " ," ||
           (between.size() <= 3 && between.find(',') != std::string_view::npos);
  };
  // In the sentence: the most precise place, nearest the trigger; for a capture, the place
  // right after it.
  // A place outside the country the document reports from is a wrong reading of its name
  // unless nothing else fits: take the reading in that country when the geocoder had one.
  const std::string_view country = DocumentCountry();
  double best = -1e9;
  for (size_t i = 0; i < places_.size(); ++i) {
    const geo::Toponym& t = places_[i];
    if (t.sentence != sentence_ || !usable(t)) continue;
    const double distance =
        t.span.begin >= trigger.end ? t.span.begin - trigger.end : trigger.begin - t.span.end;
    geo::Place place = t.place;
    geo::Precision precision = t.precision;
    // "the countryside of Hama", "Idlib countryside": somewhere in the area around the town,
    // not the town; it keeps the town's point at district precision.
    if (precision == geo::Precision::kPlace && InCountryside(t)) precision = geo::Precision::kAdmin2;
    double penalty = 0;
    if (!country.empty() && !place.country.empty() && place.country != country) {
      penalty = 2.5;
      for (const geo::Candidate& c : t.candidates) {
        if (c.place.country == country) {
          place = c.place;
          precision = c.place.level == geo::Level::kAdmin1    ? geo::Precision::kAdmin1
                      : c.place.level == geo::Level::kCountry ? geo::Precision::kCountry
                                                              : geo::Precision::kPlace;
          penalty = 0.3;
          break;
        }
      }
    }
    double score = PrecisionScore(precision) - 0.004 * distance - penalty;
    if (container(i)) {
      score -= 1.5;
    } else if (i + 1 < places_.size() && container(i + 1)) {
      score += 0.5;
    }
    if (territory && t.span.begin >= trigger.end && distance < 40) score += 0.6;
    if (score > best) {
      best = score;
      e.location = {LocationSource::kSentence, static_cast<int32_t>(i), place, precision};
    }
  }
  (void)anchor;
  const bool coarse = e.location.source == LocationSource::kSentence &&
                      (e.location.precision == geo::Precision::kCountry ||
                       e.location.precision == geo::Precision::kRegion);
  if (e.location.source != LocationSource::kNone && !coarse) return;
  // A sentence that names only a country ("protesters against the US dollar rate") takes a
  // town the text names elsewhere, in that country or when the country is not the report's.
  const EventLocation sentence_location = e.location;
  auto accept = [&](const geo::Toponym& t) {
    if (!coarse) return true;
    return t.precision != geo::Precision::kCountry && t.precision != geo::Precision::kRegion &&
           (t.place.country == sentence_location.place.country ||
            sentence_location.place.country != DocumentCountry());
  };
  // The paragraph's latest place before the sentence, then the document's most named town.
  const uint32_t paragraph = layer_.sentences[sentence_].paragraph;
  for (size_t i = places_.size(); i-- > 0;) {
    const geo::Toponym& t = places_[i];
    if (t.sentence >= sentence_ || !t.resolved) continue;
    if (layer_.sentences[t.sentence].paragraph != paragraph) break;
    if (t.precision == geo::Precision::kCountry || t.precision == geo::Precision::kRegion) continue;
    if (!accept(t)) continue;
    e.location = {LocationSource::kParagraph, static_cast<int32_t>(i), t.place, t.precision};
    return;
  }
  int best_index = -1, best_count = 0;
  for (size_t i = 0; i < places_.size(); ++i) {
    const geo::Toponym& t = places_[i];
    if (!t.resolved || t.precision != geo::Precision::kPlace || !accept(t)) continue;
    int count = 0;
    for (const geo::Toponym& u : places_) count += u.resolved && u.place.index == t.place.index;
    if (count > best_count) best_index = static_cast<int>(i), best_count = count;
  }
  for (size_t i = 0; i < places_.size() && best_index < 0 && !coarse; ++i) {
    if (places_[i].resolved && places_[i].precision != geo::Precision::kRegion)
      best_index = static_cast<int>(i);
  }
  if (best_index >= 0) {
    const geo::Toponym& t = places_[static_cast<size_t>(best_index)];
    e.location = {LocationSource::kDocument, best_index, t.place, t.precision};
    return;
  }
  if (coarse) return;
  if (gaz_ == nullptr) return;
  for (const auto* side : {&e.side1, &e.side2}) {
    for (const EventActor& a : *side) {
      geo::Place country;
      if (!a.country.empty() && gaz_->FindCountry(a.country, country)) {
        e.location = {LocationSource::kActor, -1, country, geo::Precision::kCountry};
        return;
      }
    }
  }
}

void Extraction::Date(Event& e, const Trigger& anchor) {
  (void)anchor;
  const uint32_t paragraph = layer_.sentences[sentence_].paragraph;
  uint32_t best_distance = UINT32_MAX;
  for (size_t i = 0; i < times_.mentions.size(); ++i) {
    const time::TimeMention& m = times_.mentions[i];
    const time::TimeValue& value = m.has_range ? m.range : m.value;
    if (!value.dated || value.type == time::TimexType::kDuration ||
        value.type == time::TimexType::kSet)
      continue;
    if (m.sentence == sentence_) {
      const uint32_t distance = m.span.begin >= e.trigger.end ? m.span.begin - e.trigger.end
                                                              : e.trigger.begin - m.span.end;
      if (distance < best_distance) {
        best_distance = distance;
        e.date = {DateSource::kSentence, static_cast<int32_t>(i), value};
      }
    }
  }
  if (e.date.source != DateSource::kNone) return;
  for (size_t i = times_.mentions.size(); i-- > 0;) {
    const time::TimeMention& m = times_.mentions[i];
    if (m.sentence >= sentence_) continue;
    if (layer_.sentences[m.sentence].paragraph != paragraph) break;
    const time::TimeValue& value = m.has_range ? m.range : m.value;
    if (!value.dated || value.type == time::TimexType::kDuration ||
        value.type == time::TimexType::kSet)
      continue;
    e.date = {DateSource::kParagraph, static_cast<int32_t>(i), value};
    return;
  }
  if (times_.publication) {
    e.date.source = DateSource::kPublication;
    e.date.value.dated = true;
    e.date.value.start = e.date.value.end = *times_.publication;
    e.date.value.precision = time::Precision::kPublication;
    e.date.value.origin = times_.publication_origin;
  }
}

void Extraction::Modal(Event& e, const Trigger& t) {
  const size_t n = v_.words.size();
  const uint16_t clause = v_.clause[t.begin];
  for (const Hit& h : v_.hits) {
    if (h.category != Category::kCue) continue;
    const Cue cue = static_cast<Cue>(h.payload);
    const bool before = h.end() <= t.begin;
    const bool same_clause = v_.clause[h.word] == clause;
    const size_t gap = before ? t.begin - h.end() : SIZE_MAX;
    switch (cue) {
      case Cue::kNegation:
        if (before && same_clause && gap <= 3 && CueIsWord(v_, h.word)) e.modality.negated = true;
        break;
      case Cue::kDenial:
        if (before) e.modality.negated = true;
        break;
      case Cue::kFuture:
        if (before && same_clause && gap <= 6 && CueIsWord(v_, h.word)) e.modality.future = true;
        break;
      case Cue::kHypothetical:
        if (before && same_clause && gap <= 5 && CueIsWord(v_, h.word))
          e.modality.hypothetical = true;
        break;
      case Cue::kClaimVerb:
        if (h.end() < n && v_.words.fold(h.end()) == "responsibility") break;
        if (CueIsWord(v_, h.word)) {
          e.modality.claimed = true;
          for (int a = static_cast<int>(v_.actors.size()) - 1; a >= 0; --a) {
            if (v_.actors[static_cast<size_t>(a)].word_end <= h.word) {
              e.modality.source = v_.actors[static_cast<size_t>(a)].span;
              break;
            }
          }
        }
        break;
      case Cue::kAccordingTo:
      case Cue::kSayVerb: {
        // "(6 according to Taliban sources)": an aside about a figure, not the event's source.
        bool aside = false;
        for (size_t k = h.word; k-- > 0 && k + 6 > h.word;) {
          const std::string_view f = v_.words.fold(k);
          if (f == ")") break;
          if (f == "(") aside = true;
        }
        if (aside) break;
        // The source: an actor right after "according to", or the subject of "said".
        int source = -1;
        if (cue == Cue::kAccordingTo) {
          for (size_t k = h.end(); k < h.end() + 3 && k < n && source < 0; ++k) source = v_.actor_at[k];
          if (source < 0 && h.end() < n) {
            size_t k = h.end();
            while (k < n && k < h.end() + 6 && v_.words.fold(k) != "," && v_.words.fold(k) != ".")
              ++k;
            if (k > h.end())
              e.modality.source = {v_.words.token(h.end()).span.begin,
                                   v_.words.token(k - 1).span.end};
          }
        } else {
          for (size_t back = 1; back <= 4 && back <= h.word && source < 0; ++back)
            source = v_.actor_at[h.word - back];
        }
        if (source >= 0) {
          const ActorMention& m = v_.actors[static_cast<size_t>(source)];
          e.modality.source = m.span;
          // One side's word about its own deeds or its enemy's is a claim; a third party's
          // ("village elders said" of a bombing) is a report.
          const Sector sector = dict_.actor(m.actor).sector;
          bool party = e.side1.empty() && e.side2.empty();
          for (const auto* side : {&e.side1, &e.side2}) {
            for (const EventActor& a : *side) {
              party = party || a.actor == static_cast<int32_t>(m.actor) ||
                      (a.sector != Sector::kCivilians && a.sector != Sector::kUnknown &&
                       a.country == m.country && !m.country.empty() && IsArmed(a.sector));
            }
          }
          if (IsArmed(sector) && sector != Sector::kExternal && party) e.modality.claimed = true;
        }
        break;
      }
      default:
        break;
    }
  }
  if (e.date.source == DateSource::kSentence && times_.publication) {
    const time::Date limit = time::AddDays(*times_.publication, -366);
    if (e.date.value.end < limit) e.modality.historical = true;
  }
}

EventActor Extraction::Generic(std::string_view id, Sector sector) const {
  return EventActor{dict_.IndexOf(id), "", sector, {}};
}

void Extraction::ApplyCodingConventions(Event& e) const {
  const SubEventType t = e.type;
  const EventType family = Info(t).event_type;
  if (family == EventType::kProtests || family == EventType::kRiots) {
    const Sector role = family == EventType::kProtests ? Sector::kProtesters : Sector::kRioters;
    // The state side of a protest met by force is the other side, never the protesters.
    if (!e.side1.empty() && e.side1[0].sector == Sector::kState) {
      if (e.side2.empty() || e.side2[0].sector != Sector::kState)
        e.side2.insert(e.side2.begin(), e.side1[0]);
      e.side1.erase(e.side1.begin());
    }
    if (e.side1.empty() || !IsArmed(e.side1[0].sector)) {
      if (e.side1.empty()) {
        e.side1.push_back(Generic(role == Sector::kProtesters ? "gen.protesters" : "gen.rioters", role));
      } else {
        e.side1[0].sector = role;
      }
    }
    if ((t == SubEventType::kProtestWithIntervention ||
         t == SubEventType::kExcessiveForceAgainstProtesters) &&
        e.side2.empty()) {
      for (const ActorMention& m : v_.actors) {
        if (dict_.actor(m.actor).sector == Sector::kState) {
          e.side2.push_back(EventActor{static_cast<int32_t>(m.actor), m.country, Sector::kState, m.span});
          break;
        }
      }
    }
    return;
  }
  const bool perpetrated = t == SubEventType::kAttack || t == SubEventType::kRemoteExplosiveLandmineIed ||
                           t == SubEventType::kGrenade || t == SubEventType::kSuicideBomb ||
                           t == SubEventType::kAbductionForcedDisappearance ||
                           t == SubEventType::kSexualViolence ||
                           t == SubEventType::kLootingPropertyDestruction;
  if (perpetrated && e.side1.empty() && e.modality.fact()) {
    e.side1.push_back(Generic("gen.gunmen", Sector::kPoliticalMilitia));
  }
}

}  // namespace frontline::event
