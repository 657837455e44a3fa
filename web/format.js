// frontline's web map, part 1 of 5: what the page says and how. The taxonomy
// (docs/taxonomy.md), the colours of the event types, the words for precisions and modalities,
// dates and their wording, labels of places and actors, and building DOM from text (never
// markup from data). No state, no network.
//
// Every part is a classic script that adds its names to one namespace, window.FL; index.html
// loads them in the order format, map, timeline, panels, app. A part takes what earlier parts
// define when it loads, and reaches later parts (state, api, select, ...) as FL.name when called.
'use strict';

(() => {
  const FL = window.FL = window.FL || {};

  // ---------------------------------------------------------------------------------------
  // Constants: the taxonomy (docs/taxonomy.md), colours, and the words for precisions.

  const TAXONOMY = [
    ['Battles', [
      ['armed_clash', 'Armed clash'],
      ['government_regains_territory', 'Government regains territory'],
      ['non_state_actor_overtakes_territory', 'Non-state actor overtakes territory']]],
    ['Explosions/Remote violence', [
      ['air_drone_strike', 'Air/drone strike'],
      ['shelling_artillery_missile_attack', 'Shelling/artillery/missile attack'],
      ['remote_explosive_landmine_ied', 'Remote explosive/landmine/IED'],
      ['suicide_bomb', 'Suicide bomb'],
      ['grenade', 'Grenade'],
      ['chemical_weapon', 'Chemical weapon']]],
    ['Violence against civilians', [
      ['attack', 'Attack'],
      ['abduction_forced_disappearance', 'Abduction/forced disappearance'],
      ['sexual_violence', 'Sexual violence']]],
    ['Protests', [
      ['peaceful_protest', 'Peaceful protest'],
      ['protest_with_intervention', 'Protest with intervention'],
      ['excessive_force_against_protesters', 'Excessive force against protesters']]],
    ['Riots', [
      ['violent_demonstration', 'Violent demonstration'],
      ['mob_violence', 'Mob violence']]],
    ['Strategic developments', [
      ['agreement', 'Agreement'],
      ['arrests', 'Arrests'],
      ['change_to_group_activity', 'Change to group/activity'],
      ['disrupted_weapons_use', 'Disrupted weapons use'],
      ['headquarters_or_base_established', 'Headquarters or base established'],
      ['looting_property_destruction', 'Looting/property destruction'],
      ['non_violent_transfer_of_territory', 'Non-violent transfer of territory'],
      ['other', 'Other']]],
    ['Displacement', [['displacement', 'Displacement']]],
  ];
  const EVENT_TYPES = TAXONOMY.map(([type]) => type);
  const SUB_TYPE_LABEL = new Map(TAXONOMY.flatMap(([, subs]) => subs));

  // Okabe–Ito colours (distinguishable with the common colour-vision deficiencies).
  const TYPE_COLOUR = {
    'Battles': '#d55e00',
    'Explosions/Remote violence': '#e69f00',
    'Violence against civilians': '#cc79a7',
    'Protests': '#56b4e9',
    'Riots': '#0072b2',
    'Strategic developments': '#009e73',
    'Displacement': '#4d4d4d',
  };
  const OTHER_COLOUR = '#999999';

  // Who holds a place, by the holder's sector.
  const SECTORS = [
    ['state', 'State forces'],
    ['rebel', 'Rebels'],
    ['other', 'Other armed group'],
    ['unnamed', 'Unnamed holder'],
  ];

  const DATE_PRECISION = {
    day: 'exact day',
    week: 'week',
    month: 'month only',
    quarter: 'quarter only',
    season: 'season only',
    year: 'year only',
    decade: 'decade only',
    century: 'century only',
    range: 'range',
    publication: 'date of publication only, the text gives no date',
  };
  // GeoPrecision names (src/store/merge.cc) and the extra ones `extract` writes.
  const PLACE_PRECISION = {
    place: 'the town itself',
    near: 'near the town, or on a border',
    relative: 'near the place',
    admin2: 'second-level division (district)',
    admin1: 'first-level division (province)',
    region: 'a region (coded as its country)',
    country: 'country only',
    none: 'no usable place',
  };
  const MODALITY = {
    fact: 'reported as fact',
    claimed: 'claimed by a party',
    historical: 'background (more than a year before publication)',
    negated: 'denied',
    future: 'threatened or planned',
    hypothetical: 'hypothetical',
  };
  const SECTOR_WORD = {
    state: 'state forces',
    rebel: 'rebels',
    political_militia: 'political militia',
    identity_militia: 'identity militia',
    rioters: 'rioters',
    protesters: 'protesters',
    civilians: 'civilians',
    external: 'external forces',
  };
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
    'September', 'October', 'November', 'December'];

  // ---------------------------------------------------------------------------------------
  // DOM building (text only, never markup from data).

  const $ = (selector) => document.querySelector(selector);

  // h('p', {class: 'x'}, 'text', child, ...): an element; null and false children are skipped.
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key === 'style') el.style.cssText = value;
      else el.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : String(child));
    }
    return el;
  }

  // ---------------------------------------------------------------------------------------
  // Dates and labels.

  // Dates are ISO YYYY-MM-DD strings; days are whole days since 1970-01-01 (UTC).
  function parseDate(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    return m ? {y: Number(m[1]), m: Number(m[2]), d: Number(m[3])} : null;
  }
  function dayOf(iso) {
    const p = parseDate(iso);
    return p ? Date.UTC(p.y, p.m - 1, p.d) / 86400000 : NaN;
  }
  function isoOf(day) {
    return new Date(day * 86400000).toISOString().slice(0, 10);
  }
  function lastDayOfMonth(y, m) {
    return new Date(Date.UTC(y, m, 0)).getUTCDate();
  }
  function formatDay(iso) {
    const p = parseDate(iso);
    return p ? `${p.d} ${MONTHS[p.m - 1]} ${p.y}` : (iso || '—');
  }
  function shortDay(iso) {
    const p = parseDate(iso);
    return p ? `${p.d} ${MONTHS[p.m - 1].slice(0, 3)} ${p.y}` : (iso || '');
  }

  // "28 January 2020", "27–28 January 2020", "October 2012", "March–May 2019", "2017",
  // "2010s", "27 December 2019 – 3 January 2020".
  function formatSpan(start, end) {
    const a = parseDate(start);
    const b = parseDate(end) || a;
    if (!a) return start || '—';
    if (start === end || !end) return formatDay(start);
    const wholeMonths = a.d === 1 && b.d === lastDayOfMonth(b.y, b.m);
    if (a.y === b.y) {
      if (wholeMonths && a.m === 1 && b.m === 12) return String(a.y);
      if (a.m === b.m) {
        return wholeMonths ? `${MONTHS[a.m - 1]} ${a.y}` : `${a.d}–${b.d} ${MONTHS[a.m - 1]} ${a.y}`;
      }
      return wholeMonths ? `${MONTHS[a.m - 1]}–${MONTHS[b.m - 1]} ${a.y}`
        : `${a.d} ${MONTHS[a.m - 1]} – ${b.d} ${MONTHS[b.m - 1]} ${a.y}`;
    }
    if (wholeMonths && a.m === 1 && b.m === 12) {
      if (a.y % 10 === 0 && b.y === a.y + 9) return `${a.y}s`;
      return `${a.y}–${b.y}`;
    }
    if (wholeMonths) return `${MONTHS[a.m - 1]} ${a.y} – ${MONTHS[b.m - 1]} ${b.y}`;
    return `${formatDay(start)} – ${formatDay(end)}`;
  }

  // "28 January 2020 (exact day)", "October 2012 (month only)".
  function describeDate(date) {
    if (!date || !date.start) return 'undated';
    const words = DATE_PRECISION[date.precision] || date.precision;
    return words ? `${formatSpan(date.start, date.end)} (${words})` : formatSpan(date.start, date.end);
  }

  const regionNames = (() => {
    try {
      return new Intl.DisplayNames(['en'], {type: 'region'});
    } catch {
      return null;
    }
  })();
  function countryName(code) {
    if (!code) return '';
    try {
      return (regionNames && regionNames.of(code)) || code;
    } catch {
      return code;
    }
  }

  function subTypeLabel(event) {
    return SUB_TYPE_LABEL.get(event.sub_event_type) || event.acled_sub_event_type || event.sub_event_type || '';
  }
  function typeColour(type) {
    return TYPE_COLOUR[type] || OTHER_COLOUR;
  }
  function placeLabel(location) {
    if (!location) return '';
    const parts = [location.name];
    if (location.admin1 && location.admin1 !== location.name) parts.push(location.admin1);
    if (location.country && location.precision !== 'country') parts.push(countryName(location.country));
    return parts.filter(Boolean).join(', ');
  }
  function actorLabel(actor) {
    return actor ? actor.name || actor.id || actor.key : '';
  }
  function sectorOf(holder) {
    if (!holder) return 'unnamed';
    if (holder.sector === 'state' || holder.sector === 'rebel') return holder.sector;
    return 'other';
  }

  // ---------------------------------------------------------------------------------------
  // Evidence sentences.

  // Splits `sentence` around its trigger: [before, trigger, after], or null when it cannot be
  // found. `span` holds byte offsets into the sentence's UTF-8 form; when they do not land on
  // the trigger's text (or are missing), the text is searched for instead.
  function splitTrigger(sentence, trigger, span) {
    if (!sentence) return null;
    if (span && Number.isInteger(span.start) && Number.isInteger(span.end) && span.end > span.start) {
      const bytes = new TextEncoder().encode(sentence);
      if (span.start >= 0 && span.end <= bytes.length) {
        try {
          const decoder = new TextDecoder('utf-8', {fatal: true});
          const parts = [bytes.subarray(0, span.start), bytes.subarray(span.start, span.end),
            bytes.subarray(span.end)].map((b) => decoder.decode(b));
          if (!trigger || parts[1] === trigger) return parts;
        } catch {
          // The offsets cut a character in two: search for the text.
        }
      }
    }
    if (!trigger) return null;
    let at = sentence.indexOf(trigger);
    if (at < 0 && sentence.toLowerCase().length === sentence.length) {
      at = sentence.toLowerCase().indexOf(trigger.toLowerCase());
    }
    if (at < 0) return null;
    return [sentence.slice(0, at), sentence.slice(at, at + trigger.length),
      sentence.slice(at + trigger.length)];
  }

  // A <blockquote class="evidence"> with the trigger in a <mark>.
  function evidenceElement(sentence, trigger, span) {
    const parts = splitTrigger(sentence, trigger, span);
    if (!parts) return h('blockquote', {class: 'evidence'}, sentence || '');
    return h('blockquote', {class: 'evidence'}, parts[0], h('mark', {class: 'trigger'}, parts[1]), parts[2]);
  }

  Object.assign(FL, {
    TAXONOMY, EVENT_TYPES, SUB_TYPE_LABEL, SECTORS, PLACE_PRECISION, MODALITY, SECTOR_WORD, MONTHS,
    $, h, parseDate, dayOf, isoOf, formatDay, shortDay, formatSpan, describeDate, countryName,
    subTypeLabel, typeColour, placeLabel, actorLabel, sectorOf, evidenceElement,
  });
})();
