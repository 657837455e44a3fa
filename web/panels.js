// frontline's web map, part 4 of 5: the side panel and the list. The filter form (checked
// before it reaches the API), the sortable list of the loaded events, and the details of the
// selected event with every report of it and the document reader.
'use strict';

(() => {
  const FL = window.FL = window.FL || {};
  const {TAXONOMY, SUB_TYPE_LABEL, PLACE_PRECISION, MODALITY, SECTOR_WORD, $, h, formatDay, formatSpan,
    describeDate, countryName, subTypeLabel, typeColour, placeLabel, actorLabel, evidenceElement,
    markers, highlightMarker, focus, syncSliders} = FL;

  // ---------------------------------------------------------------------------------------
  // The filter form.

  const FILTER_KEYS = ['country', 'type', 'actor', 'from', 'to', 'min_sources', 'modality', 'q'];

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

  const FIELD = {
    country: '#filter-country', type: '#filter-type', actor: '#filter-actor', from: '#filter-from',
    to: '#filter-to', min_sources: '#filter-min-sources', modality: '#filter-modality', q: '#filter-q',
  };

  function writeForm() {
    const {state} = FL;
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
    const {state} = FL;
    let filters;
    try {
      filters = readForm();
    } catch (e) {
      FL.showStatus(e.message, 'error');
      return;
    }
    if (sameFilters(filters, state.filters) && state.loadedOnce) return;
    state.filters = filters;
    writeForm();
    FL.scheduleLoad(delay);
  }

  // The actors the filter offers, with their numbers of events.
  async function loadActors() {
    try {
      const data = await FL.api('/api/actors?limit=500');
      const options = (data.actors || []).map((a) => {
        // Generic agents (gen.*) share an id across countries: their name is the precise filter.
        const value = a.id && !a.id.startsWith('gen.') ? a.id : a.name;
        return h('option', {value}, `${a.name}${a.country ? ` (${a.country})` : ''} — ${plural(a.events, 'event')}`);
      });
      $('#actor-list').replaceChildren(...options);
    } catch (e) {
      FL.showStatus(`Actors: ${e.message}`, 'error');
    }
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
    const {state} = FL;
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
    $('#list-count').textContent = FL.summary();
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
    const {state} = FL;
    id = Number(id);
    const seq = ++selectSeq;
    state.selected = id;
    FL.writeHash();
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
      full = await FL.api(`/api/events/${id}`);
    } catch (e) {
      if (seq !== selectSeq) return;
      FL.showStatus(`Event ${id}: ${e.message}`, 'error');
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
    const {state} = FL;
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
      doc = await FL.api(`/api/documents/${encodeURIComponent(documentId)}?event=${encodeURIComponent(eventId)}`);
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

  Object.assign(FL, {
    FILTER_KEYS, FIELD, buildTypeSelect, writeForm, readForm, sameFilters, applyForm, loadActors,
    renderList, select, updateDetailsState,
  });
})();
