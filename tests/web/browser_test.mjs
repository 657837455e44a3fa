// Browser test of the web map against a running `frontline serve` over a store holding the
// project's sample articles (examples/store/), including the Syrian army's recapture of
// Maarat al-Numan (Idlib) on 2020-01-28:
//
//   node tests/web/browser_test.mjs BASE_URL SCREENSHOT_DIR
//
// It finds the capture event through the API, then checks in Chromium that the page shows its
// marker at the right place, that clicking it shows the evidence sentence, and that a date
// filter set through the page's inputs removes it. Screenshots go to SCREENSHOT_DIR (map.png,
// details.png, filtered.png, timeline.png). Exit 0 on success, 1 on a failed check, 2 on usage.
// Chromium: $CHROMIUM, else /usr/bin/chromium (Debian's package).

import fs from 'node:fs';
import path from 'node:path';
import {chromium} from 'playwright-core';

const TOTAL_TIMEOUT_MS = 85_000;
const STEP_TIMEOUT_MS = 20_000;
const MAARAT = {lat: 35.6483, lon: 36.67693, date: '2020-01-28'};
const PIXEL_TOLERANCE = 3;
const DEGREE_TOLERANCE = 0.01;

const [baseArg, shotDir] = process.argv.slice(2);
if (!baseArg || !shotDir) {
  console.error('usage: node tests/web/browser_test.mjs BASE_URL SCREENSHOT_DIR');
  process.exit(2);
}
const BASE = baseArg.replace(/\/+$/, '');
fs.mkdirSync(shotDir, {recursive: true});

class CheckFailed extends Error {}
function check(condition, message) {
  if (!condition) throw new CheckFailed(message);
}

let browser = null;
const watchdog = setTimeout(() => {
  console.error(`FAIL: the test took longer than ${TOTAL_TIMEOUT_MS / 1000} s`);
  if (browser) browser.close().catch(() => {});
  process.exit(1);
}, TOTAL_TIMEOUT_MS);

async function getJson(url) {
  let response;
  try {
    response = await fetch(url, {signal: AbortSignal.timeout(STEP_TIMEOUT_MS)});
  } catch (e) {
    throw new CheckFailed(`GET ${url}: the server did not answer (${e.cause ? e.cause.message : e.message})`);
  }
  const text = await response.text();
  check(response.ok, `GET ${url}: HTTP ${response.status}: ${text.slice(0, 300)}`);
  try {
    return JSON.parse(text);
  } catch {
    throw new CheckFailed(`GET ${url}: the answer is not JSON: ${text.slice(0, 200)}`);
  }
}

// Waits for the page's current load to end; fails with the page's status line on an error.
async function waitReady(page, what) {
  const handle = await page.waitForFunction(
    () => ['ready', 'error'].includes(document.body.dataset.state) && document.body.dataset.state,
    null, {timeout: STEP_TIMEOUT_MS}).catch(async () => {
    const status = await page.locator('#status').textContent().catch(() => '');
    throw new CheckFailed(`${what}: the page did not finish loading in ${STEP_TIMEOUT_MS / 1000} s (status: "${status}")`);
  });
  const outcome = await handle.jsonValue();
  if (outcome === 'error') {
    const status = await page.locator('#status').textContent();
    throw new CheckFailed(`${what}: the page reported an error: ${status}`);
  }
}

async function main() {
  // 1. The capture event, through the API.
  const query = new URLSearchParams({
    type: 'government_regains_territory', near: `${MAARAT.lat},${MAARAT.lon}`, radius: '10',
    from: '2020-01-27', to: '2020-01-29',
  });
  const found = await getJson(`${BASE}/api/events?${query}`);
  check(Array.isArray(found.events), `/api/events: no "events" array in ${JSON.stringify(found).slice(0, 200)}`);
  const event = found.events.find((e) => e.date && String(e.date.start).startsWith(MAARAT.date));
  check(event, `/api/events?${query}: no event dated ${MAARAT.date} among ${found.events.length} ` +
    '(is the store built from examples/store/?)');
  check(event.location && Number.isFinite(event.location.lat),
    `event ${event.id}: no position in ${JSON.stringify(event.location)}`);
  const id = event.id;
  const evidenceText = event.evidence && event.evidence.text;
  const triggerText = event.evidence && event.evidence.trigger && event.evidence.trigger.text;
  check(evidenceText || triggerText, `event ${id}: no evidence sentence in the API's answer`);
  console.log(`1. api: event ${id} "${event.sub_event_type}" at ${event.location.name} ` +
    `(${event.location.lat}, ${event.location.lon}) on ${event.date.start}`);

  // 2. The page loads with its events.
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox'],
    headless: true,
    timeout: STEP_TIMEOUT_MS,
  });
  const page = await browser.newPage({viewport: {width: 1280, height: 800}});
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
  });
  const response = await page.goto(`${BASE}/`, {waitUntil: 'load', timeout: STEP_TIMEOUT_MS});
  check(response && response.ok(), `GET ${BASE}/: HTTP ${response && response.status()}`);
  await waitReady(page, 'first load');
  check(await page.evaluate(() => typeof window.frontline === 'object' && window.frontline.markers instanceof Map),
    'window.frontline.markers is missing');
  const markerCount = await page.evaluate(() => window.frontline.markers.size);
  check(markerCount > 0, 'the page shows no event markers');
  await page.screenshot({path: path.join(shotDir, 'map.png'), fullPage: true});
  console.log(`2. page: ready with ${markerCount} markers; map.png`);

  // 3. The event's marker is drawn where the event is.
  check(await page.evaluate((i) => window.frontline.markers.has(i), id), `event ${id} has no marker on the page`);
  await page.evaluate((i) => window.frontline.focus(i), id);
  const placed = await page.evaluate((i) => {
    const {map, markers} = window.frontline;
    const marker = markers.get(i);
    const drawn = marker.getLatLng();  // where it is drawn (moved aside when a cluster is spread)
    const home = marker._preSpiderfyLatlng || drawn;
    const point = map.latLngToContainerPoint(drawn);
    const box = map.getContainer().getBoundingClientRect();
    return {lat: home.lat, lon: home.lng, x: box.left + point.x, y: box.top + point.y};
  }, id);
  check(Math.abs(placed.lat - event.location.lat) <= DEGREE_TOLERANCE &&
    Math.abs(placed.lon - event.location.lon) <= DEGREE_TOLERANCE,
  `marker ${id} is at (${placed.lat}, ${placed.lon}), the event at (${event.location.lat}, ${event.location.lon})`);
  const circle = page.locator(`.ev-${id}`);
  check(await circle.count() === 1, `expected one element .ev-${id}, found ${await circle.count()}`);
  await circle.waitFor({state: 'visible'});
  const box = await circle.boundingBox();
  check(box, `.ev-${id} has no box on screen`);
  const centre = {x: box.x + box.width / 2, y: box.y + box.height / 2};
  const off = Math.hypot(centre.x - placed.x, centre.y - placed.y);
  check(off <= PIXEL_TOLERANCE, `.ev-${id} is drawn at (${centre.x.toFixed(1)}, ${centre.y.toFixed(1)}), ` +
    `${off.toFixed(1)} px from its position (${placed.x.toFixed(1)}, ${placed.y.toFixed(1)})`);
  console.log(`3. marker: .ev-${id} visible at (${centre.x.toFixed(0)}, ${centre.y.toFixed(0)}), ${off.toFixed(1)} px off`);

  // 4. Clicking it shows the evidence.
  await circle.click();
  const wanted = evidenceText || triggerText;
  const shown = await page.waitForFunction((text) => {
    const norm = (s) => s.replace(/\s+/g, ' ').trim();
    return [...document.querySelectorAll('#details .evidence')].some((el) => norm(el.textContent).includes(norm(text)));
  }, wanted, {timeout: STEP_TIMEOUT_MS}).then(() => true, () => false);
  if (!shown) {
    const details = await page.locator('#details').textContent().catch(() => '');
    throw new CheckFailed(`after clicking .ev-${id}, #details .evidence does not contain "${wanted}"; ` +
      `#details holds: "${details.replace(/\s+/g, ' ').slice(0, 300)}"`);
  }
  await page.waitForFunction(() => !document.querySelector('#details .reports-box') ||
    document.querySelector('#details .reports-box ol'), null, {timeout: STEP_TIMEOUT_MS}).catch(() => {
    throw new CheckFailed(`event ${id}: its reports did not appear in #details`);
  });
  const reports = await page.locator('#details li.report').count();
  await page.screenshot({path: path.join(shotDir, 'details.png')});
  console.log(`4. details: evidence shown with ${reports} reports; details.png`);

  // 5. A date filter set through the page's inputs removes the marker.
  await page.locator('#filter-from').fill('2020-02-10');
  await page.locator('#filter-to').fill('2020-03-01');
  await page.waitForFunction((i) => !window.frontline.markers.has(i) &&
    ['ready', 'error'].includes(document.body.dataset.state) &&
    location.hash.includes('from=2020-02-10') && location.hash.includes('to=2020-03-01'),
  id, {timeout: STEP_TIMEOUT_MS}).catch(async () => {
    const status = await page.locator('#status').textContent();
    const hash = await page.evaluate(() => location.hash);
    throw new CheckFailed(`after setting from=2020-02-10 and to=2020-03-01, marker ${id} is still shown ` +
      `or the load did not end (hash "${hash}", status "${status}")`);
  });
  await waitReady(page, 'filtered load');
  check(await page.locator(`.ev-${id}`).count() === 0, `.ev-${id} is still in the page after filtering`);
  const left = await page.evaluate(() => window.frontline.markers.size);
  await page.screenshot({path: path.join(shotDir, 'filtered.png'), fullPage: true});
  await page.locator('#timeline').screenshot({path: path.join(shotDir, 'timeline.png')});
  console.log(`5. filter: marker ${id} gone, ${left} markers left, hash ${await page.evaluate(() => location.hash)}; ` +
    'filtered.png, timeline.png');

  check(pageErrors.length === 0, `the page logged errors:\n  ${pageErrors.join('\n  ')}`);
  console.log('ok: web map');
}

try {
  await main();
  clearTimeout(watchdog);
  await browser.close();
  process.exit(0);
} catch (e) {
  console.error(`FAIL: ${e instanceof CheckFailed ? e.message : e.stack || e}`);
  clearTimeout(watchdog);
  if (browser) await browser.close().catch(() => {});
  process.exit(1);
}
