// frontline's web map: the events of the store on an offline base map, filtered from the URL
// hash, with a stacked histogram over time, territorial control on a date, a sortable list and
// every report of the selected event with its evidence sentence. It talks only to the JSON API
// of `frontline serve` (docs/api.md) and to the vendored libraries (Leaflet, markercluster,
// topojson-client), so it works without a network.
//
// Part 5 of 5, loaded last: the state, the API, the URL hash, loading and the wiring of the page
// (format.js, map.js, timeline.js and panels.js hold the rest, in the namespace window.FL).
//
// Hooks for tests: window.frontline = {map, markers, ready, focus(id), select(id)} and
// document.body.dataset.state = 'loading' | 'ready' | 'error' around every load.
'use strict';

(() => {
  const FL = window.FL = window.FL || {};
  const {$, shortDay, map, markers, placeLayer, showEventsOnMap, focus, buildLegends, loadBorders,
    controlDate, loadControl, setupPlaceSearch, setupSliders, onSlider, histogramInterval,
    renderHistogram, FILTER_KEYS, FIELD, buildTypeSelect, writeForm, readForm, sameFilters, applyForm,
    loadActors, renderList, select, updateDetailsState} = FL;

  // Events are fetched PAGE_SIZE at a time, and no more than MAX_EVENTS of them.
  const PAGE_SIZE = 1000;
  const MAX_EVENTS = 5000;

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

  // ---------------------------------------------------------------------------------------
  // The API and timing.

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

  // ---------------------------------------------------------------------------------------
  // The URL hash and the API's filter parameters.

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

  Object.assign(FL, {state, api, debounce, writeHash, scheduleLoad, summary, showStatus});

  const frontline = {map, markers, ready: null, focus, select};
  window.frontline = frontline;
  init();
})();
