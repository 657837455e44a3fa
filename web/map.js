// frontline's web map, part 2 of 5: the map. The Leaflet map on the offline borders, the event
// markers in clusters ringed by type, the selected marker, the view, the territorial control
// layer on a date and the place search that flies the map to a town.
'use strict';

(() => {
  const FL = window.FL = window.FL || {};
  const {EVENT_TYPES, SUB_TYPE_LABEL, SECTORS, MODALITY, $, h, formatDay, formatSpan, countryName,
    subTypeLabel, typeColour, placeLabel, actorLabel, sectorOf} = FL;

  const MAX_ZOOM = 12;  // a borders-only map says nothing closer in
  const FIT_MAX_ZOOM = 8;  // fitting to a few events keeps some borders in view

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
    marker.on('click', () => FL.select(event.id));
    return marker;
  }

  function showEventsOnMap(events) {
    const {state} = FL;
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
    const data = await FL.api('/vendor/countries-50m.json');
    const land = topojson.feature(data, data.objects.countries);
    L.geoJSON(land, {
      pane: 'basemap',
      interactive: false,
      renderer: L.svg({pane: 'basemap', padding: 0.5}),
      style: {color: '#a8a296', weight: 0.7, fillColor: '#fbfaf5', fillOpacity: 1},
    }).addTo(map);
  }

  // ---------------------------------------------------------------------------------------
  // Territorial control on the "to" date.

  // The "to" date, else the store's last date, else the latest loaded event's.
  function controlDate() {
    const {state} = FL;
    if (state.filters.to) return state.filters.to;
    if (state.stats && state.stats.last_date) return state.stats.last_date;
    return state.events.reduce((latest, e) => (e.date && e.date.end > latest ? e.date.end : latest), '');
  }

  async function loadControl(signal) {
    const {state} = FL;
    const at = controlDate();
    $('#control-date').textContent = at ? formatDay(at) : '—';
    if (!$('#show-control').checked || !at) {
      controlLayer.clearLayers();
      return;
    }
    const data = await FL.api(`/api/control?at=${encodeURIComponent(at)}`, signal);
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
    const search = FL.debounce(async () => {
      const q = input.value.trim();
      const mine = ++seq;
      if (q.length < 2) {
        close();
        return;
      }
      let data;
      try {
        data = await FL.api(`/api/places?${new URLSearchParams({q, limit: '8'})}`);
      } catch (e) {
        FL.showStatus(`Place search: ${e.message}`, 'error');
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

  Object.assign(FL, {
    map, markers, placeLayer, showEventsOnMap, highlightMarker, focus, buildLegends, loadBorders,
    controlDate, loadControl, setupPlaceSearch,
  });
})();
