// frontline's web map: the events of the store on an offline base map, filtered from the URL
// hash, with a stacked histogram over time, territorial control on a date, a sortable list and
// every report of the selected event with its evidence sentence. It talks only to the JSON API
// of `frontline serve` (docs/api.md) and to the vendored libraries (Leaflet, markercluster,
// topojson-client), so it works without a network.
//
// Hooks for tests: window.frontline = {map, markers, ready, focus(id), select(id)} and
// document.body.dataset.state = 'loading' | 'ready' | 'error' around every load.
'use strict';

(() => {
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

  const FILTER_KEYS = ['country', 'type', 'actor', 'from', 'to', 'min_sources', 'modality', 'q'];
  const PAGE_SIZE = 1000;
  const MAX_EVENTS = 5000;
  const SLIDER_MAX_YEARS = 25;  // the sliders cover at most this much before the last date
  const MAX_ZOOM = 12;  // a borders-only map says nothing closer in
  const FIT_MAX_ZOOM = 8;  // fitting to a few events keeps some borders in view

  // ---------------------------------------------------------------------------------------
  // Small helpers: DOM building (text only, never markup from data), dates, the API.

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

  function debounce(fn, ms) {
    let timer = null;
    return (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    };
  }

  function deferred() {
    let resolve;
    const promise = new Promise((r) => { resolve = r; });
    return {promise, resolve};
  }

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

  // An error the API reported: {"error": {"status", "message"}}.
  class ApiError extends Error {
    constructor(path, status, message) {
      super(`${path.split('?')[0]}: ${status} ${message}`);
      this.status = status;
    }
  }

  async function api(path, signal) {
    let response;
    try {
      response = await fetch(path, {signal, headers: {Accept: 'application/json'}});
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw new Error(`${path.split('?')[0]}: the server did not answer (${e.message})`);
    }
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      if (e.name === 'AbortError') throw e;
    }
    if (!response.ok) {
      const message = (body && body.error && body.error.message) || response.statusText || 'error';
      throw new ApiError(path, response.status, message);
    }
    if (body === null) throw new Error(`${path.split('?')[0]}: the answer is not JSON`);
    return body;
  }

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

  // ---------------------------------------------------------------------------------------
  // State.

  const state = {
    filters: {},             // FILTER_KEYS -> string; empty values left out
    stats: null,             // /api/stats
    events: [],              // the loaded events, in API order
    byId: new Map(),         // id -> event
    truncated: false,
    selected: null,          // id of the selected event
    sort: {key: 'date', descending: true},
    slider: null,            // {first, last} days the sliders cover
    fitted: false,           // the first load fits the view to the events
    counts: null,            // the last /api/counts answer
    loadedOnce: false,
  };
  const markers = new Map();  // event id -> L.CircleMarker

  // ---------------------------------------------------------------------------------------
  // The map.

  const map = L.map('map', {
    minZoom: 2,
    maxZoom: MAX_ZOOM,
    worldCopyJump: false,
  });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  map.attributionControl.addAttribution('Borders: Natural Earth via world-atlas; places: GeoNames');
  map.setView([20, 10], 2);

  map.createPane('basemap').style.zIndex = 200;
  // Control squares lie under the event circles, so an event is always clickable.
  map.createPane('control').style.zIndex = 390;

  const clusters = L.markerClusterGroup({
    maxClusterRadius: 40,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    spiderLegPolylineOptions: {weight: 1.5, color: '#222', opacity: 0.5, interactive: false},
    iconCreateFunction: clusterIcon,
  });
  clusters.addTo(map);
  const controlLayer = L.layerGroup().addTo(map);
  const placeLayer = L.layerGroup().addTo(map);

  // A cluster is a ring divided by event type, with the number of events in the middle.
  function clusterIcon(cluster) {
    const children = cluster.getAllChildMarkers();
    const byType = new Map();
    for (const m of children) byType.set(m.options.eventType, (byType.get(m.options.eventType) || 0) + 1);
    const total = children.length;
    const stops = [];
    const title = [];
    let start = 0;
    for (const type of [...EVENT_TYPES, ...[...byType.keys()].filter((t) => !EVENT_TYPES.includes(t))]) {
      const n = byType.get(type);
      if (!n) continue;
      const end = start + (n / total) * 360;
      const colour = typeColour(type);
      stops.push(`${colour} ${start.toFixed(1)}deg ${end.toFixed(1)}deg`);
      title.push(`${n} ${type}`);
      start = end;
    }
    const size = total < 10 ? 28 : total < 100 ? 34 : 40;
    const ring = document.createElement('div');
    ring.className = 'cluster-ring';
    ring.style.background = `conic-gradient(${stops.join(', ')})`;
    ring.title = `${total} events: ${title.join(', ')}`;
    ring.append(h('span', null, String(total)));
    return L.divIcon({html: ring, className: 'cluster-icon', iconSize: L.point(size, size)});
  }

  function markerRadius(event) {
    const best = (event.fatalities && event.fatalities.best) || 0;
    return Math.min(5 + 3 * Math.sqrt(best), 24);
  }

  function makeMarker(event) {
    const colour = typeColour(event.event_type);
    const unreal = ['negated', 'future', 'hypothetical'].includes(event.modality);
    const marker = L.circleMarker([event.location.lat, event.location.lon], {
      radius: markerRadius(event),
      color: '#262626',
      weight: 1,
      opacity: 0.9,
      fillColor: colour,
      fillOpacity: unreal ? 0.15 : 0.85,
      dashArray: unreal ? '3 2' : null,
      className: `ev-marker ev-${event.id}`,
      bubblingMouseEvents: false,
      eventType: event.event_type,
    });
    marker.bindTooltip(() => h('div', null,
      h('strong', null, subTypeLabel(event)), h('br'),
      formatSpan(event.date && event.date.start, event.date && event.date.end), ' · ',
      placeLabel(event.location)), {direction: 'top', offset: [0, -4]});
    marker.on('click', () => select(event.id));
    return marker;
  }

  function showEventsOnMap(events) {
    clusters.clearLayers();
    markers.clear();
    const layers = [];
    for (const event of events) {
      const loc = event.location;
      if (!loc || !Number.isFinite(loc.lat) || !Number.isFinite(loc.lon)) continue;
      const marker = makeMarker(event);
      markers.set(event.id, marker);
      layers.push(marker);
    }
    // Fit the view before markers are added, so no cluster animation runs: on the first load,
    // and when none of the new events is in view.
    const view = map.getBounds();
    if (!state.fitted || (layers.length && !layers.some((m) => view.contains(m.getLatLng())))) {
      fitToEvents(false);
      state.fitted = true;
    }
    clusters.addLayers(layers);
    if (state.selected !== null) highlightMarker(state.selected);
  }

  function fitToEvents(animate) {
    const points = [];
    for (const marker of markers.values()) points.push(marker.getLatLng());
    if (points.length === 0) {
      map.setView([20, 10], 2, {animate});
    } else if (points.length === 1) {
      map.setView(points[0], FIT_MAX_ZOOM, {animate});
    } else {
      map.fitBounds(L.latLngBounds(points), {padding: [30, 30], maxZoom: FIT_MAX_ZOOM, animate});
    }
  }

  let highlighted = null;
  function highlightMarker(id) {
    if (highlighted !== null && markers.has(highlighted)) {
      markers.get(highlighted).setStyle({color: '#262626', weight: 1});
    }
    highlighted = null;
    const marker = markers.get(id);
    if (!marker) return;
    marker.setStyle({color: '#000000', weight: 3});
    if (marker._map) marker.bringToFront();
    highlighted = id;
  }

  // Zooms (or spiderfies a cluster) until the event's marker is on screen; resolves with its
  // position. Rejects when the event has no marker under the current filters.
  function focus(id) {
    id = Number(id);
    const marker = markers.get(id);
    if (!marker) return Promise.reject(new Error(`event ${id} has no marker on the map`));
    return new Promise((resolve, reject) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        // Let the renderer place the path after the last move before answering.
        requestAnimationFrame(() => requestAnimationFrame(() => {
          if (marker._map) resolve(marker.getLatLng());
          else reject(new Error(`event ${id}: its marker could not be shown`));
        }));
      };
      const timer = setTimeout(finish, 8000);
      clusters.zoomToShowLayer(marker, finish);
    });
  }

  // A button that fits the view to the loaded events.
  const FitControl = L.Control.extend({
    options: {position: 'topleft'},
    onAdd() {
      const button = h('button', {type: 'button', class: 'fit-button', title: 'Fit the view to the events'}, 'Fit');
      L.DomEvent.disableClickPropagation(button);
      button.addEventListener('click', () => fitToEvents(true));
      return h('div', {class: 'leaflet-bar'}, button);
    },
  });
  new FitControl().addTo(map);

  function buildLegends() {
    $('#type-legend').replaceChildren(...EVENT_TYPES.map((type) => h('li', null,
      h('span', {class: 'swatch', style: `background:${typeColour(type)}`}), type)));
    $('#control-legend').replaceChildren(...SECTORS.map(([key, label]) => h('li', null,
      h('span', {class: `control-swatch control-${key}`}), label)));
  }

  async function loadBorders() {
    const data = await api('/vendor/countries-50m.json');
    const land = topojson.feature(data, data.objects.countries);
    L.geoJSON(land, {
      pane: 'basemap',
      interactive: false,
      renderer: L.svg({pane: 'basemap', padding: 0.5}),
      style: {color: '#a8a296', weight: 0.7, fillColor: '#fbfaf5', fillOpacity: 1},
    }).addTo(map);
  }

  // ---------------------------------------------------------------------------------------
  // Filters, the form and the URL hash.

  function buildTypeSelect() {
    const select = $('#filter-type');
    select.append(h('option', {value: ''}, 'all types'));
    for (const [type, subs] of TAXONOMY) {
      const group = h('optgroup', {label: type});
      group.append(h('option', {value: type}, `${type} (all)`));
      if (subs.length > 1) {
        for (const [id, label] of subs) group.append(h('option', {value: id}, label));
      }
      select.append(group);
    }
  }

  function readHash() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ''));
    const filters = {};
    for (const key of FILTER_KEYS) {
      const value = (params.get(key) || '').trim();
      if (value) filters[key] = value;
    }
    const event = Number(params.get('event'));
    return {filters, event: Number.isInteger(event) && event > 0 ? event : null};
  }

  function writeHash() {
    const params = new URLSearchParams();
    for (const key of FILTER_KEYS) if (state.filters[key]) params.set(key, state.filters[key]);
    if (state.selected !== null) params.set('event', String(state.selected));
    const hash = params.toString();
    history.replaceState(null, '', hash ? `#${hash}` : location.pathname + location.search);
  }

  const FIELD = {
    country: '#filter-country', type: '#filter-type', actor: '#filter-actor', from: '#filter-from',
    to: '#filter-to', min_sources: '#filter-min-sources', modality: '#filter-modality', q: '#filter-q',
  };

  function writeForm() {
    for (const key of FILTER_KEYS) $(FIELD[key]).value = state.filters[key] || '';
    // A hash value the select does not offer is kept as an extra option, not dropped.
    for (const key of ['type', 'modality']) {
      const select = $(FIELD[key]);
      const value = state.filters[key] || '';
      if (select.value !== value) {
        select.append(h('option', {value}, value));
        select.value = value;
      }
    }
    syncSliders();
  }

  // The form's filters, checked; throws an Error naming the field on bad input.
  function readForm() {
    const filters = {};
    for (const key of FILTER_KEYS) {
      const value = $(FIELD[key]).value.trim();
      if (value) filters[key] = value;
    }
    if (filters.country) {
      const codes = filters.country.split(/[\s,;]+/).filter(Boolean).map((c) => c.toUpperCase());
      const bad = codes.filter((c) => !/^[A-Z]{2}$/.test(c));
      if (bad.length) throw new Error(`Country: give ISO 3166 alpha-2 codes such as SY,IQ (not "${bad.join(', ')}")`);
      filters.country = codes.join(',');
    }
    if (filters.min_sources && !/^[1-9]\d*$/.test(filters.min_sources)) {
      throw new Error(`Min. sources: give a whole number from 1 (not "${filters.min_sources}")`);
    }
    if (filters.from && filters.to && filters.from > filters.to) {
      throw new Error(`Dates: "from" (${filters.from}) is after "to" (${filters.to})`);
    }
    return filters;
  }

  function sameFilters(a, b) {
    return FILTER_KEYS.every((key) => (a[key] || '') === (b[key] || ''));
  }

  // Applies the form: loads again when the filters changed.
  function applyForm(delay) {
    let filters;
    try {
      filters = readForm();
    } catch (e) {
      showStatus(e.message, 'error');
      return;
    }
    if (sameFilters(filters, state.filters) && state.loadedOnce) return;
    state.filters = filters;
    writeForm();
    scheduleLoad(delay);
  }

  function apiParams(extra) {
    const params = new URLSearchParams();
    for (const key of FILTER_KEYS) if (state.filters[key]) params.set(key, state.filters[key]);
    for (const [key, value] of Object.entries(extra || {})) params.set(key, value);
    return params;
  }

  // ---------------------------------------------------------------------------------------
  // Loading: events (following cursors), counts and control, with one `ready` promise per load.

  let pending = null;      // the deferred `ready` of the load under way
  let loadTimer = null;
  let controller = null;
  let loadSeq = 0;

  function beginLoading() {
    document.body.dataset.state = 'loading';
    if (!pending) {
      pending = deferred();
      frontline.ready = pending.promise;
    }
  }

  function scheduleLoad(delay = 300) {
    beginLoading();
    clearTimeout(loadTimer);
    loadTimer = setTimeout(load, delay);
  }

  async function fetchEvents(signal) {
    const events = [];
    let cursor = null;
    let truncated = false;
    for (;;) {
      const params = apiParams({limit: String(PAGE_SIZE)});
      if (cursor) params.set('cursor', cursor);
      const page = await api(`/api/events?${params}`, signal);
      events.push(...(page.events || []));
      cursor = page.next;
      if (!cursor) break;
      if (events.length >= MAX_EVENTS) {
        truncated = true;
        break;
      }
    }
    return {events, truncated};
  }

  function histogramInterval() {
    const first = state.filters.from ? dayOf(state.filters.from)
      : state.slider ? state.slider.first : dayOf(state.stats && state.stats.first_date);
    const last = dayOf(state.filters.to || (state.stats && state.stats.last_date));
    const span = Number.isFinite(first) && Number.isFinite(last) ? last - first : Infinity;
    return span <= 120 ? 'day' : span <= 3 * 366 ? 'week' : 'month';
  }

  async function load() {
    clearTimeout(loadTimer);
    beginLoading();
    if (controller) controller.abort();
    controller = new AbortController();
    const signal = controller.signal;
    const seq = ++loadSeq;
    writeHash();
    showStatus('Loading events…');
    const problems = [];
    let failed = false;
    try {
      const interval = histogramInterval();
      // These two never reject (an abort is a superseded load, checked by `seq` below), so a
      // failed events request leaves no unhandled rejection behind.
      const countsPromise = api(`/api/counts?${apiParams({interval})}`, signal)
        .catch((e) => {
          if (e.name !== 'AbortError') problems.push(`histogram: ${e.message}`);
          return null;
        });
      const loadControlNow = () => loadControl(signal).catch((e) => {
        if (e.name !== 'AbortError') problems.push(`control: ${e.message}`);
      });
      // Without a date known beforehand, control waits for the events to give one.
      const controlPromise = controlDate() ? loadControlNow() : null;
      const {events, truncated} = await fetchEvents(signal);
      if (seq !== loadSeq) return;
      state.events = events;
      state.byId = new Map(events.map((e) => [e.id, e]));
      state.truncated = truncated;
      showEventsOnMap(events);
      renderList();
      updateDetailsState();
      const counts = await countsPromise;
      await (controlPromise || loadControlNow());
      if (seq !== loadSeq) return;
      state.counts = counts;
      renderHistogram();
      state.loadedOnce = true;
    } catch (e) {
      if (e.name === 'AbortError' || seq !== loadSeq) return;
      failed = true;
      problems.unshift(e.message);
      // Nothing stale stays on screen as if it answered these filters.
      state.events = [];
      state.byId = new Map();
      state.counts = null;
      showEventsOnMap([]);
      renderList();
      updateDetailsState();
      $('#histogram').replaceChildren();
      $('#histogram-caption').textContent = '';
    }
    if (seq !== loadSeq) return;
    if (problems.length) showStatus(problems.join(' · '), 'error');
    else showStatus(summary());
    document.body.dataset.state = failed ? 'error' : 'ready';
    const done = pending;
    pending = null;
    if (done) done.resolve();
  }

  function summary() {
    const placed = markers.size;
    const total = state.events.length;
    let text = `${total.toLocaleString('en')} event${total === 1 ? '' : 's'}`;
    if (placed !== total) text += ` (${(total - placed).toLocaleString('en')} without a place)`;
    if (state.truncated) text += ` — only the first ${MAX_EVENTS.toLocaleString('en')}: narrow the filters`;
    return text;
  }

  function showStatus(text, kind) {
    const el = $('#status');
    el.textContent = text;
    el.className = kind || '';
  }

  // ---------------------------------------------------------------------------------------
  // Territorial control on the "to" date.

  // The "to" date, else the store's last date, else the latest loaded event's.
  function controlDate() {
    if (state.filters.to) return state.filters.to;
    if (state.stats && state.stats.last_date) return state.stats.last_date;
    return state.events.reduce((latest, e) => (e.date && e.date.end > latest ? e.date.end : latest), '');
  }

  async function loadControl(signal) {
    const at = controlDate();
    $('#control-date').textContent = at ? formatDay(at) : '—';
    if (!$('#show-control').checked || !at) {
      controlLayer.clearLayers();
      return;
    }
    const data = await api(`/api/control?at=${encodeURIComponent(at)}`, signal);
    if (signal && signal.aborted) return;
    // Several codes are filtered here, so the request does not depend on `country` taking a list.
    const countries = state.filters.country ? new Set(state.filters.country.split(',')) : null;
    controlLayer.clearLayers();
    for (const period of data.control || []) {
      const place = period.place;
      if (!place || !Number.isFinite(place.lat) || !Number.isFinite(place.lon)) continue;
      if (countries && !countries.has(place.country)) continue;
      const sector = sectorOf(period.holder);
      const marker = L.marker([place.lat, place.lon], {
        pane: 'control',
        keyboard: false,
        icon: L.divIcon({className: `control-marker control-${sector}`, iconSize: [16, 16]}),
      });
      marker.bindTooltip(() => controlTooltip(period), {direction: 'right', offset: [8, 0]});
      controlLayer.addLayer(marker);
    }
  }

  function controlTooltip(period) {
    const since = period.since || {};
    const change = SUB_TYPE_LABEL.get(period.change) || period.change || 'change';
    const holder = period.holder ? actorLabel(period.holder) : 'Unnamed holder';
    const modality = period.modality && period.modality !== 'fact' ? MODALITY[period.modality] || period.modality : null;
    return h('div', null,
      h('strong', null, placeLabel(period.place)), h('br'),
      `${holder} since ${formatSpan(since.start, since.end)} (${change.toLowerCase()})`,
      modality ? h('span', {class: 'muted'}, ` — ${modality}`) : null);
  }

  // ---------------------------------------------------------------------------------------
  // Timeline: the sliders over the store's dates, and the stacked histogram.

  function setupSliders() {
    const stats = state.stats;
    const last = dayOf(stats && stats.last_date);
    let first = dayOf(stats && stats.first_date);
    const from = $('#slider-from');
    const to = $('#slider-to');
    if (!Number.isFinite(first) || !Number.isFinite(last) || last < first) {
      from.disabled = to.disabled = true;
      return;
    }
    first = Math.max(first, last - Math.round(SLIDER_MAX_YEARS * 365.25));
    state.slider = {first, last, clamped: first > dayOf(stats.first_date)};
    for (const slider of [from, to]) {
      slider.min = '0';
      slider.max = String(last - first);
      slider.disabled = last === first;
    }
    syncSliders();
  }

  // Sliders follow the filters (an empty "from" is the slider's start, an empty "to" its end).
  function syncSliders() {
    const s = state.slider;
    if (!s) return;
    const max = s.last - s.first;
    const clamp = (v) => Math.min(max, Math.max(0, v));
    const from = dayOf(state.filters.from);
    const to = dayOf(state.filters.to);
    $('#slider-from').value = String(Number.isFinite(from) ? clamp(from - s.first) : 0);
    $('#slider-to').value = String(Number.isFinite(to) ? clamp(to - s.first) : max);
    labelSliders();
  }

  function labelSliders() {
    const s = state.slider;
    if (!s) return;
    const fromValue = Number($('#slider-from').value);
    const toValue = Number($('#slider-to').value);
    const max = s.last - s.first;
    $('#slider-from-label').textContent = fromValue === 0 && !state.filters.from
      ? `${shortDay(isoOf(s.first))}${s.clamped ? ' (and earlier)' : ''}`
      : shortDay(state.filters.from || isoOf(s.first + fromValue));
    $('#slider-to-label').textContent = toValue === max && !state.filters.to
      ? shortDay(isoOf(s.last))
      : shortDay(state.filters.to || isoOf(s.first + toValue));
  }

  function onSlider(which) {
    const s = state.slider;
    const fromSlider = $('#slider-from');
    const toSlider = $('#slider-to');
    let fromValue = Number(fromSlider.value);
    let toValue = Number(toSlider.value);
    if (fromValue > toValue) {
      if (which === 'from') toSlider.value = String(toValue = fromValue);
      else fromSlider.value = String(fromValue = toValue);
    }
    const max = s.last - s.first;
    const filters = {...state.filters};
    if (fromValue === 0) delete filters.from;
    else filters.from = isoOf(s.first + fromValue);
    if (toValue === max) delete filters.to;
    else filters.to = isoOf(s.first + toValue);
    state.filters = filters;
    $('#filter-from').value = filters.from || '';
    $('#filter-to').value = filters.to || '';
    labelSliders();
    $('#control-date').textContent = formatDay(controlDate());
    scheduleLoad(400);
  }

  function bucketEnd(start, interval) {
    if (interval === 'day') return dayOf(start) + 1;
    if (interval === 'week') return dayOf(start) + 7;
    const p = parseDate(start);
    return Date.UTC(p.y, p.m, 1) / 86400000;
  }

  // Tick dates (ISO) between two days: years, months or days, about `wanted` of them.
  function ticks(first, last, wanted) {
    const span = last - first;
    const out = [];
    const a = new Date(first * 86400000);
    if (span > 3 * 365) {
      const step = Math.max(1, Math.ceil(span / 365 / wanted));
      for (let y = a.getUTCFullYear() + 1; Date.UTC(y, 0, 1) / 86400000 <= last; y += step) {
        out.push(Date.UTC(y, 0, 1) / 86400000);
      }
    } else if (span > 60) {
      const step = Math.max(1, Math.ceil(span / 30.4 / wanted));
      for (let i = 1; ; i++) {
        const d = Date.UTC(a.getUTCFullYear(), a.getUTCMonth() + i, 1) / 86400000;
        if (d > last) break;
        if ((a.getUTCMonth() + i) % step === 0) out.push(d);
      }
    } else {
      const step = Math.max(1, Math.ceil(span / wanted));
      for (let d = first; d <= last; d += step) out.push(d);
    }
    return out;
  }

  function tickLabel(day, span) {
    const p = parseDate(isoOf(day));
    if (span > 3 * 365) return String(p.y);
    if (span > 60) return p.m === 1 ? `${MONTHS[0].slice(0, 3)} ${p.y}` : MONTHS[p.m - 1].slice(0, 3);
    return `${p.d} ${MONTHS[p.m - 1].slice(0, 3)}`;
  }

  const SVG = 'http://www.w3.org/2000/svg';
  function svgEl(tag, attrs, ...children) {
    const el = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs || {})) el.setAttribute(key, value);
    for (const child of children) if (child) el.append(child);
    return el;
  }

  function renderHistogram() {
    const box = $('#histogram');
    box.replaceChildren();
    const data = state.counts;
    const caption = $('#histogram-caption');
    if (!data) {
      caption.textContent = '';
      box.append(h('p', {class: 'muted empty'}, 'No histogram: the counts could not be loaded.'));
      return;
    }
    const buckets = (data.buckets || []).filter((b) => parseDate(b.start));
    const interval = data.interval || 'month';
    caption.textContent = `per ${interval}, by type; click a bar to zoom to it`;
    if (buckets.length === 0) {
      box.append(h('p', {class: 'muted empty'}, 'No dated events for these filters.'));
      return;
    }
    const types = [...EVENT_TYPES];
    for (const b of buckets) for (const t of Object.keys(b.counts || {})) if (!types.includes(t)) types.push(t);

    const width = Math.max(320, box.clientWidth || 800);
    const height = 104;
    const margin = {left: 34, right: 8, top: 6, bottom: 18};
    const plotWidth = width - margin.left - margin.right;
    const plotHeight = height - margin.top - margin.bottom;
    // The axis covers the date window when one is set. An event counts at its start date, so
    // events that began before the window (long ranges) are counted in the caption, not drawn.
    const windowFrom = dayOf(state.filters.from);
    const windowTo = dayOf(state.filters.to);
    // Without a window, the axis starts where the sliders do (old historical dates are counted
    // in the caption, so they do not squeeze the recent years into a few pixels).
    const first = Number.isFinite(windowFrom) ? windowFrom
      : Math.max(dayOf(buckets[0].start), state.slider ? state.slider.first : -Infinity);
    const last = Number.isFinite(windowTo) ? windowTo + 1 : bucketEnd(buckets[buckets.length - 1].start, interval);
    const earlier = buckets.filter((b) => bucketEnd(b.start, interval) <= first)
      .reduce((n, b) => n + Object.values(b.counts || {}).reduce((a, c) => a + c, 0), 0);
    if (earlier) caption.textContent += `; ${earlier} event${earlier === 1 ? '' : 's'} began before ${shortDay(isoOf(first))}`;
    const shown = buckets.filter((b) => bucketEnd(b.start, interval) > first && dayOf(b.start) < last);
    const x = (day) => margin.left + ((day - first) / Math.max(1, last - first)) * plotWidth;
    const totals = shown.map((b) => Object.values(b.counts || {}).reduce((a, n) => a + n, 0));
    const top = Math.max(1, ...totals);
    const y = (n) => margin.top + plotHeight - (n / top) * plotHeight;

    const svg = svgEl('svg', {width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
      'aria-label': `Events per ${interval}, stacked by type`});
    svg.append(svgEl('line', {x1: margin.left, x2: width - margin.right, y1: y(0), y2: y(0), class: 'axis'}));
    svg.append(svgEl('text', {x: margin.left - 4, y: y(top) + 8, class: 'axis-label', 'text-anchor': 'end'},
      document.createTextNode(String(top))));
    svg.append(svgEl('text', {x: margin.left - 4, y: y(0), class: 'axis-label', 'text-anchor': 'end'},
      document.createTextNode('0')));
    const span = last - first;
    for (const day of ticks(first, last, Math.max(2, Math.floor(plotWidth / 90)))) {
      const tx = x(day);
      svg.append(svgEl('line', {x1: tx, x2: tx, y1: y(0), y2: y(0) + 4, class: 'axis'}));
      const anchor = tx > width - 24 ? 'end' : tx < margin.left + 12 ? 'start' : 'middle';
      svg.append(svgEl('text', {x: tx, y: height - 4, class: 'axis-label', 'text-anchor': anchor},
        document.createTextNode(tickLabel(day, span))));
    }
    shown.forEach((bucket, i) => {
      const start = Math.max(first, dayOf(bucket.start));
      const end = Math.min(last, bucketEnd(bucket.start, interval));
      const x0 = x(start);
      const barWidth = Math.max(1.5, x(end) - x0 - 1);
      const g = svgEl('g', {class: 'bar', 'data-start': bucket.start});
      const lines = [`${formatSpan(isoOf(start), isoOf(end - 1))}: ${totals[i]} event${totals[i] === 1 ? '' : 's'}`];
      let below = 0;
      for (const type of types) {
        const n = (bucket.counts || {})[type] || 0;
        if (!n) continue;
        g.append(svgEl('rect', {x: x0, width: barWidth, y: y(below + n), height: Math.max(0.5, y(below) - y(below + n)),
          fill: typeColour(type)}));
        lines.push(`${type}: ${n}`);
        below += n;
      }
      g.prepend(svgEl('title', null, document.createTextNode(lines.join('\n'))));
      g.addEventListener('click', () => {
        state.filters = {...state.filters, from: isoOf(start), to: isoOf(end - 1)};
        writeForm();
        scheduleLoad(0);
      });
      svg.append(g);
    });
    box.append(svg);
  }

  // ---------------------------------------------------------------------------------------
  // The list.

  const SORTERS = {
    date: (a, b) => ((a.date && a.date.start) || '').localeCompare((b.date && b.date.start) || '') || a.id - b.id,
    type: (a, b) => (a.event_type || '').localeCompare(b.event_type || '') || subTypeLabel(a).localeCompare(subTypeLabel(b)),
    place: (a, b) => placeLabel(a.location).localeCompare(placeLabel(b.location)),
    deaths: (a, b) => ((a.fatalities && a.fatalities.best) || 0) - ((b.fatalities && b.fatalities.best) || 0),
    sources: (a, b) => (a.sources || 0) - (b.sources || 0),
  };

  function renderList() {
    const {key, descending} = state.sort;
    const rows = [...state.events].sort(SORTERS[key]);
    if (descending) rows.reverse();
    for (const th of document.querySelectorAll('#events-table th[data-sort]')) {
      if (th.dataset.sort === key) th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    }
    const body = document.createDocumentFragment();
    for (const event of rows) {
      const actors = [actorLabel(event.actor1), actorLabel(event.actor2)].filter(Boolean).join(' — ');
      const deaths = event.fatalities || {};
      body.append(h('tr', {'data-id': event.id, class: event.id === state.selected ? 'selected' : null},
        h('td', {class: 'nowrap'}, formatSpan(event.date && event.date.start, event.date && event.date.end)),
        h('td', null, h('span', {class: 'swatch', style: `background:${typeColour(event.event_type)}`}), event.event_type),
        h('td', null, subTypeLabel(event)),
        h('td', null, event.location ? placeLabel(event.location) : h('span', {class: 'muted'}, 'no place')),
        h('td', null, actors),
        h('td', {class: 'num'},
          deaths.min !== deaths.max ? `${deaths.best} (${deaths.min}–${deaths.max})` : String(deaths.best || 0)),
        h('td', {class: 'num'}, String(event.sources || 0))));
    }
    $('#events-table tbody').replaceChildren(body);
    $('#list-count').textContent = summary();
  }

  function scrollRowIntoView(id) {
    const row = document.querySelector(`#events-table tbody tr[data-id="${id}"]`);
    if (!row) return;
    // Scroll the table's own box only: the page stays where the reader put it.
    const wrap = $('.table-wrap');
    const top = row.offsetTop - wrap.clientHeight / 3;
    if (row.offsetTop < wrap.scrollTop || row.offsetTop + row.offsetHeight > wrap.scrollTop + wrap.clientHeight) {
      wrap.scrollTop = Math.max(0, top);
    }
  }

  // ---------------------------------------------------------------------------------------
  // The details panel and the document reader.

  let selectSeq = 0;

  // Shows the event's details, then every report of it; resolves once the reports are shown.
  async function select(id) {
    id = Number(id);
    const seq = ++selectSeq;
    state.selected = id;
    writeHash();
    highlightMarker(id);
    for (const row of document.querySelectorAll('#events-table tr.selected')) row.classList.remove('selected');
    const row = document.querySelector(`#events-table tbody tr[data-id="${id}"]`);
    if (row) row.classList.add('selected');
    scrollRowIntoView(id);

    const panel = $('#details');
    const event = state.byId.get(id);
    if (event) renderDetails(event, null);
    else panel.replaceChildren(h('p', {class: 'muted'}, `Loading event ${id}…`));
    // Bring the details to the top of the side panel (the page itself does not move).
    const side = $('.side');
    side.scrollTop = panel.offsetTop - 8;
    let full;
    try {
      full = await api(`/api/events/${id}`);
    } catch (e) {
      if (seq !== selectSeq) return;
      showStatus(`Event ${id}: ${e.message}`, 'error');
      if (!event) panel.replaceChildren(h('p', {class: 'error'}, `Event ${id} could not be loaded: ${e.message}`));
      else panel.querySelector('.reports-box').replaceChildren(
        h('p', {class: 'error'}, `The reports could not be loaded: ${e.message}`));
      return;
    }
    if (seq !== selectSeq) return;
    renderDetails(full, full.reports || []);
  }

  function fact(term, ...value) {
    return [h('dt', null, term), h('dd', null, ...value)];
  }
  const muted = (text) => h('span', {class: 'muted'}, text);
  const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

  // "Ma‘arrat an Nu‘mān, Idlib Governorate, Syria — the town itself", then its coordinates.
  function placeFacts(loc) {
    if (!loc) return muted('no place');
    const position = [
      Number.isFinite(loc.lat) ? `${loc.lat.toFixed(4)}, ${loc.lon.toFixed(4)}` : null,
      loc.geonameid ? `GeoNames ${loc.geonameid}` : null,
      loc.feature_code,
    ].filter(Boolean).join(' · ');
    return [placeLabel(loc), muted(` — ${PLACE_PRECISION[loc.precision] || loc.precision}`),
      position ? h('div', {class: 'muted small'}, position) : null];
  }

  // "Military Forces of Syria (state forces, Syria)", then the actors on its side.
  function actorFacts(actor, associated) {
    if (!actor) return muted('not named');
    const about = [SECTOR_WORD[actor.sector] || actor.sector, countryName(actor.country)].filter(Boolean);
    return [actorLabel(actor), about.length ? muted(` (${about.join(', ')})`) : null,
      associated && associated.length
        ? h('div', {class: 'muted small'}, `with ${associated.map(actorLabel).join(', ')}`) : null];
  }

  function deathsText(f) {
    if (!f || (!f.best && !f.max)) return muted('none reported');
    return f.min !== f.max ? `${f.best} (reports range ${f.min}–${f.max})` : String(f.best);
  }

  // Injured, displaced, detained, ...: {kind: {best, min, max, reports, cumulative}}.
  function countLines(counts) {
    return Object.entries(counts || {}).filter(([kind]) => kind !== 'killed').map(([kind, c]) => {
      const range = c.min !== c.max ? ` (${c.min}–${c.max ?? '?'})` : '';
      return h('div', null, `${kind}: ${c.best}${range}${c.cumulative ? ', over a period' : ''}`);
    });
  }

  function renderDetails(event, reports) {
    const panel = $('#details');
    const facts = h('dl', {class: 'facts'});
    facts.append(...fact('Date', describeDate(event.date)));
    facts.append(...fact('Place', placeFacts(event.location)));
    facts.append(...fact('Actor 1', actorFacts(event.actor1, event.assoc_actor1)));
    facts.append(...fact('Actor 2', actorFacts(event.actor2, event.assoc_actor2)));
    facts.append(...fact('Deaths', deathsText(event.fatalities)));
    const counts = countLines(event.counts);
    if (counts.length) facts.append(...fact('Other counts', counts));
    facts.append(...fact('Reported as', MODALITY[event.modality] || event.modality || '—'));
    const confidence = Number.isFinite(event.confidence) ? `; confidence ${Math.round(event.confidence * 100)}%` : '';
    facts.append(...fact('Sources',
      `${plural(event.sources || 0, 'document')}, ${plural(event.mentions || 0, 'report')}${confidence}`));

    const showButton = h('button', {type: 'button', class: 'small-button show-on-map'}, 'Show on map');
    showButton.addEventListener('click', () => focus(event.id).catch(() => {}));
    const children = [
      h('div', {class: 'details-head'},
        h('span', {class: 'swatch big', style: `background:${typeColour(event.event_type)}`}),
        h('div', null,
          h('h2', null, subTypeLabel(event)),
          h('p', {class: 'muted'}, `${event.event_type} · event ${event.id}`)),
        showButton),
      h('p', {class: 'note small outside-filters', hidden: true}, 'This event is outside the current filters.'),
      facts,
    ];
    const evidence = event.evidence || {};
    if (evidence.text) {
      const trigger = evidence.trigger || {};
      children.push(h('h3', null, 'Evidence'),
        evidenceElement(evidence.text, trigger.text, trigger),
        evidence.title || evidence.url ? h('p', {class: 'muted small'}, sourceLine(evidence)) : null);
    }
    const reportsBox = h('div', {class: 'reports-box'});
    if (!reports) {
      reportsBox.append(h('p', {class: 'muted'}, 'Loading the reports…'));
    } else {
      reportsBox.append(h('h3', null, `Reports (${reports.length})`),
        h('ol', {class: 'reports'}, reports.map((r) => reportItem(event, r))));
    }
    children.push(reportsBox);
    panel.replaceChildren(...children);
    panel.dataset.event = String(event.id);
    updateDetailsState();
  }

  // Whether the event in the details panel is among the loaded ones (and on the map).
  function updateDetailsState() {
    const panel = $('#details');
    const id = Number(panel.dataset.event);
    if (!id) return;
    const note = panel.querySelector('.outside-filters');
    if (note) note.hidden = state.byId.has(id);
    const button = panel.querySelector('.show-on-map');
    if (button) button.hidden = !markers.has(id);
  }

  function sourceLine(source) {
    const title = source.title || source.url || `document ${source.document}`;
    const parts = [source.url ? h('a', {href: source.url, target: '_blank', rel: 'noopener noreferrer'}, title) : title];
    if (source.published) parts.push(` · published ${formatDay(source.published)}`);
    return parts;
  }

  // One report: its source, its sentence with the trigger marked, what it said, why it merged.
  function reportItem(event, report) {
    const meta = [];
    const date = report.date || {};
    if (date.start) {
      meta.push(h('div', null, 'Date: ', describeDate(date), date.text ? muted(` from “${date.text}”`) : null));
    }
    const loc = report.location;
    if (loc || report.place_text) {
      meta.push(h('div', null, 'Place: ', loc ? placeLabel(loc) : '—',
        loc ? muted(` (${PLACE_PRECISION[loc.precision] || loc.precision})`) : null,
        report.place_text ? muted(` from “${report.place_text}”`) : null,
        report.location_source && report.location_source !== 'sentence'
          ? muted(`, taken from the ${report.location_source}`) : null));
    }
    const actors = [actorLabel(report.actor1), actorLabel(report.actor2)].filter(Boolean);
    if (actors.length) meta.push(h('div', null, `Actors: ${actors.join(' — ')}`));
    if (report.fatalities) meta.push(h('div', null, `Deaths: ${report.fatalities}`));
    if (report.modality && report.modality !== 'fact') {
      const by = report.claimed_by ? ` (by ${report.claimed_by})` : '';
      meta.push(h('div', null, `Reported as: ${MODALITY[report.modality] || report.modality}${by}`));
    }
    if (report.sub_event_type && report.sub_event_type !== event.sub_event_type) {
      meta.push(h('div', null, `Typed as: ${SUB_TYPE_LABEL.get(report.sub_event_type) || report.sub_event_type}`));
    }
    let read = null;
    if (report.document !== undefined && report.document !== null) {
      read = h('button', {type: 'button', class: 'link-button'}, 'Read the document');
      read.addEventListener('click', () => openDocument(report.document, event.id));
    }
    return h('li', {class: 'report'},
      h('div', {class: 'report-source'}, sourceLine(report)),
      evidenceElement(report.evidence, report.trigger, report.trigger_span),
      h('div', {class: 'report-meta small'}, meta),
      report.merge ? h('div', {class: 'merge small'}, muted('Why merged: '), report.merge) : null,
      read);
  }

  async function openDocument(documentId, eventId) {
    const dialog = $('#document-dialog');
    const textBox = $('#document-text');
    $('#document-title').textContent = `Document ${documentId}`;
    $('#document-meta').replaceChildren();
    textBox.replaceChildren(h('p', {class: 'muted'}, 'Loading…'));
    if (!dialog.open) dialog.showModal();
    let doc;
    try {
      doc = await api(`/api/documents/${encodeURIComponent(documentId)}?event=${encodeURIComponent(eventId)}`);
    } catch (e) {
      textBox.replaceChildren(h('p', {class: 'error'}, `The document could not be loaded: ${e.message}`));
      return;
    }
    $('#document-title').textContent = doc.title || doc.url || `Document ${documentId}`;
    $('#document-meta').replaceChildren(...[
      doc.url ? h('a', {href: doc.url, target: '_blank', rel: 'noopener noreferrer'}, doc.url) : null,
      doc.published ? ` · published ${formatDay(doc.published)}` : null,
      doc.origin ? ` · ${doc.origin}` : null,
    ].filter(Boolean));
    const text = h('div', {class: 'document-body'});
    const segments = Array.isArray(doc.segments) && doc.segments.length
      ? doc.segments : [{text: doc.text || '', event: null}];
    for (const seg of segments) {
      if (seg.event === null || seg.event === undefined) text.append(seg.text);
      else text.append(h('mark', {class: seg.trigger ? 'evidence trigger' : 'evidence'}, seg.text));
    }
    textBox.replaceChildren(text);
    const first = text.querySelector('mark');
    if (first) first.scrollIntoView({block: 'center'});
  }

  // ---------------------------------------------------------------------------------------
  // Place search: gazetteer autocomplete, then fly there.

  function setupPlaceSearch() {
    const input = $('#place-search');
    const list = $('#place-results');
    let places = [];
    let active = -1;
    let seq = 0;

    const close = () => {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      active = -1;
    };
    const highlight = (i) => {
      active = i;
      [...list.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    };
    const choose = (place) => {
      close();
      input.value = place.name;
      const zoom = place.level === 'country' || /^PCL/.test(place.feature_code || '') ? 5
        : place.level === 'admin1' || place.feature_code === 'ADM1' ? 7 : 9;
      map.flyTo([place.lat, place.lon], zoom, {duration: 1.2});
      placeLayer.clearLayers();
      L.circleMarker([place.lat, place.lon], {radius: 10, color: '#111', weight: 1.5, dashArray: '3 3',
        fill: false, interactive: false})
        .bindTooltip(h('span', null, place.name),
          {permanent: true, direction: 'right', offset: [10, 0], className: 'place-label'})
        .addTo(placeLayer);
    };
    const search = debounce(async () => {
      const q = input.value.trim();
      const mine = ++seq;
      if (q.length < 2) {
        close();
        return;
      }
      let data;
      try {
        data = await api(`/api/places?${new URLSearchParams({q, limit: '8'})}`);
      } catch (e) {
        showStatus(`Place search: ${e.message}`, 'error');
        return;
      }
      if (mine !== seq) return;
      places = (data.places || []).filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon));
      list.replaceChildren(...places.map((p, i) => {
        // The spelling that matched, when the name does not show it (an alternate name).
        const alias = p.matched && !p.name.toLowerCase().startsWith(p.matched.toLowerCase());
        const where = [p.admin1 !== p.name ? p.admin1 : null, countryName(p.country)].filter(Boolean);
        const li = h('li', {role: 'option', id: `place-option-${i}`}, h('strong', null, p.name),
          alias ? h('span', {class: 'muted'}, ` “${p.matched}”`) : null,
          h('span', {class: 'muted'}, ` — ${where.join(', ')}`));
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();  // keeps the focus in the box until the choice is made
          choose(p);
        });
        return li;
      }));
      if (places.length === 0) {
        list.replaceChildren(h('li', {class: 'muted', role: 'presentation'}, 'No place of that name'));
      }
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      highlight(places.length ? 0 : -1);
    }, 250);

    input.addEventListener('input', search);
    input.addEventListener('keydown', (e) => {
      if (list.hidden) return;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (places.length) highlight((active + (e.key === 'ArrowDown' ? 1 : places.length - 1)) % places.length);
      } else if (e.key === 'Enter') {
        e.preventDefault();
        if (active >= 0 && places[active]) choose(places[active]);
      } else if (e.key === 'Escape') {
        close();
      }
    });
    input.addEventListener('blur', () => setTimeout(close, 150));
  }

  async function loadActors() {
    try {
      const data = await api('/api/actors?limit=500');
      const options = (data.actors || []).map((a) => {
        // Generic agents (gen.*) share an id across countries: their name is the precise filter.
        const value = a.id && !a.id.startsWith('gen.') ? a.id : a.name;
        return h('option', {value}, `${a.name}${a.country ? ` (${a.country})` : ''} — ${plural(a.events, 'event')}`);
      });
      $('#actor-list').replaceChildren(...options);
    } catch (e) {
      showStatus(`Actors: ${e.message}`, 'error');
    }
  }

  // ---------------------------------------------------------------------------------------
  // Wiring.

  function setupForm() {
    buildTypeSelect();
    buildLegends();
    const form = $('#filters');
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      applyForm(0);
    });
    for (const key of ['type', 'from', 'to', 'min_sources', 'modality', 'country', 'q']) {
      $(FIELD[key]).addEventListener('change', () => applyForm(300));
    }
    // A pick from the actor list applies at once; typed text waits for Enter or leaving the box.
    const actor = $('#filter-actor');
    actor.addEventListener('change', () => applyForm(300));
    actor.addEventListener('input', (e) => {
      if (!e.inputType || e.inputType === 'insertReplacementText') applyForm(0);
    });
    $('#filters-reset').addEventListener('click', () => {
      placeLayer.clearLayers();
      $('#place-search').value = '';
      state.filters = {};
      writeForm();
      scheduleLoad(0);
    });
    $('#show-control').addEventListener('change', () => {
      loadControl().catch((e) => showStatus(`control: ${e.message}`, 'error'));
    });
    $('#slider-from').addEventListener('input', () => onSlider('from'));
    $('#slider-to').addEventListener('input', () => onSlider('to'));

    for (const th of document.querySelectorAll('#events-table th[data-sort]')) {
      th.querySelector('button').addEventListener('click', () => {
        const key = th.dataset.sort;
        state.sort = {key, descending: state.sort.key === key ? !state.sort.descending : key !== 'place' && key !== 'type'};
        renderList();
      });
    }
    $('#events-table tbody').addEventListener('click', (e) => {
      const row = e.target.closest('tr[data-id]');
      if (!row) return;
      const id = Number(row.dataset.id);
      select(id);
      if (markers.has(id)) focus(id).catch(() => {});
    });

    $('#document-close').addEventListener('click', () => $('#document-dialog').close());
    $('#document-dialog').addEventListener('click', (e) => {
      if (e.target === e.currentTarget) e.currentTarget.close();  // a click on the backdrop
    });

    window.addEventListener('hashchange', () => {
      const {filters, event} = readHash();
      if (!sameFilters(filters, state.filters)) {
        state.filters = filters;
        writeForm();
        scheduleLoad(0);
      }
      if (event !== null && event !== state.selected) select(event);
    });
    new ResizeObserver(debounce(() => {
      if (state.counts) renderHistogram();
    }, 150)).observe($('#histogram'));
  }

  async function init() {
    beginLoading();
    setupForm();
    setupPlaceSearch();
    const {filters, event} = readHash();
    state.filters = filters;
    writeForm();
    try {
      state.filters = readForm();  // a shared link's values, normalised
      writeForm();
    } catch (e) {
      showStatus(e.message, 'error');  // the API will name the bad value too
    }
    const borders = loadBorders().catch((e) => showStatus(`Borders: ${e.message}`, 'error'));
    try {
      state.stats = await api('/api/stats');
      const st = state.stats;
      $('#store-summary').textContent = `${(st.events || 0).toLocaleString('en')} events from ` +
        `${(st.documents || 0).toLocaleString('en')} documents` +
        (st.first_date ? `, ${shortDay(st.first_date)} – ${shortDay(st.last_date)}` : '');
    } catch (e) {
      showStatus(`Statistics: ${e.message}`, 'error');
    }
    setupSliders();
    loadActors();
    await borders;
    await load();
    if (event !== null) select(event);
  }

  const frontline = {map, markers, ready: null, focus, select};
  window.frontline = frontline;
  init();
})();
