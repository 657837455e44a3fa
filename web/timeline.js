// frontline's web map, part 3 of 5: the timeline. Two sliders over the store's dates that set
// the "from" and "to" filters, and the histogram of events over time stacked by type, whose bars
// zoom the date window to themselves.
'use strict';

(() => {
  const FL = window.FL = window.FL || {};
  const {EVENT_TYPES, MONTHS, $, h, parseDate, dayOf, isoOf, formatDay, shortDay, formatSpan,
    typeColour, controlDate} = FL;

  const SLIDER_MAX_YEARS = 25;  // the sliders cover at most this much before the last date

  function setupSliders() {
    const {state} = FL;
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
    const {state} = FL;
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
    const {state} = FL;
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
    const {state} = FL;
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
    FL.scheduleLoad(400);
  }

  // The histogram's bars for the date window: days, weeks or months.
  function histogramInterval() {
    const {state} = FL;
    const first = state.filters.from ? dayOf(state.filters.from)
      : state.slider ? state.slider.first : dayOf(state.stats && state.stats.first_date);
    const last = dayOf(state.filters.to || (state.stats && state.stats.last_date));
    const span = Number.isFinite(first) && Number.isFinite(last) ? last - first : Infinity;
    return span <= 120 ? 'day' : span <= 3 * 366 ? 'week' : 'month';
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
    const {state} = FL;
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
        FL.writeForm();
        FL.scheduleLoad(0);
      });
      svg.append(g);
    });
    box.append(svg);
  }

  Object.assign(FL, {setupSliders, syncSliders, onSlider, histogramInterval, renderHistogram});
})();
