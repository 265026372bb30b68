// Real calls in headless Chromium (Debian's, never a downloaded one) against a running skyrtc:
//   node e2e/run.mjs --base http://127.0.0.1:PORT [--prod-base http://127.0.0.1:PORT2]
//                    [--refresh-base http://127.0.0.1:PORT3] [--node2-base http://127.0.0.1:PORT4]
//                    [--out DIR] [--chromium /usr/bin/chromium] [--only a,b]
// Prints one JSON line per scenario and exits non-zero when any failed. --base is a dev-mode server
// handing out a TURN server (turn.urls) for the relay scenario; --prod-base a production server without
// TURN and with the example token route (demo.tokenRoute); --refresh-base a dev server with the same TURN
// and a short turn.ttlSeconds, so it pushes ice-servers within seconds. Screenshots go to DIR.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sdkScenarios } from './sdk-scenarios.mjs';
import { crossNodeScenarios } from './cross-node.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) =>
  (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const base = args.base ?? (() => { throw new Error('--base http://127.0.0.1:PORT is required'); })();
const prodBase = args['prod-base'];
const refreshBase = args['refresh-base'];
const node2Base = args['node2-base'];   // a second node on the same Redis as --base: the cross-node scenarios
const out = args.out ?? 'target/e2e';
const only = args.only?.split(',');
mkdirSync(out, { recursive: true });

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required',
  '--allow-loopback-in-peer-connection', '--disable-features=WebRtcHideLocalIpsWithMdns'];
const TIMEOUT = 30_000;

const browser = await chromium.launch({ executablePath: args.chromium ?? '/usr/bin/chromium', headless: true, args: FLAGS });

/** A page that records its uncaught errors, console errors and every status line it showed. */
async function newPage(context, label) {
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => { page.problems.push(`uncaught: ${e.message}`); console.error(`[${label}] ${e.message}`); });
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) page.problems.push(m.text()); });
  await page.addInitScript(() => {
    window.statusHistory = [];
    new MutationObserver(() => {
      const s = document.getElementById('status');
      if (s && window.statusHistory.at(-1) !== s.textContent) window.statusHistory.push(s.textContent);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  return page;
}

/** Fails when the page reported an uncaught error or a console error. */
function noProblems(page, what) {
  if (page.problems.length) throw new Error(`${what}: ${page.problems.join(' | ')}`);
}

/** Opens the call page for a new peer (own context = own "browser profile"). */
async function peer(room, extra = '', at = base) {
  const context = await browser.newContext({ viewport: { width: 900, height: 600 } });
  const page = await newPage(context, room);
  await page.goto(`${at}/?room=${room}&autojoin=1${extra}`);
  return { page, context };
}

const text = (page, selector) => page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);

/** Polls a fact in the page until it holds; a failed connection fails at once. */
async function until(page, what, fn, arg) {
  const end = Date.now() + TIMEOUT;
  let last;
  while (Date.now() < end) {
    last = await page.evaluate(fn, arg);
    if (last === true) return;
    if (typeof last === 'string' && last.startsWith('FAIL')) throw new Error(`${what}: ${last}`);
    await page.waitForTimeout(250);
  }
  throw new Error(`${what}: not within ${TIMEOUT} ms (last: ${JSON.stringify(last)})`);
}

/** In the page: n peers connected and decoding video from each. */
const mediaFlowing = async (n) => {
  const call = window.skyrtcDemo?.call;
  if (!call || call.peers.size !== n) return `peers: ${call?.peers.size}`;
  for (const p of call.peers.values()) {
    if (p.pc.connectionState === 'failed') return `FAIL ${p.peerId} failed`;
    if (p.pc.connectionState !== 'connected') return `${p.peerId} ${p.pc.connectionState}`;
    let frames = 0;
    (await p.pc.getStats()).forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded ?? 0; });
    if (frames === 0) return `${p.peerId} no frames decoded`;
  }
  return true;
};

/** In the page: the selected candidate pair's local and remote types of every peer connection. */
const selectedPairs = async () => {
  const out = [];
  for (const p of window.skyrtcDemo.call.peers.values()) {
    const stats = new Map();
    (await p.pc.getStats()).forEach((s) => stats.set(s.id, s));
    const transport = [...stats.values()].find((s) => s.type === 'transport');
    const pair = stats.get(transport?.selectedCandidatePairId);
    out.push({ local: stats.get(pair?.localCandidateId)?.candidateType, remote: stats.get(pair?.remoteCandidateId)?.candidateType });
  }
  return out;
};

/** In the page: video frames decoded from every peer so far. */
const framesDecoded = async () => {
  let f = 0;
  for (const p of window.skyrtcDemo.call.peers.values()) {
    (await p.pc.getStats()).forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'video') f += s.framesDecoded ?? 0; });
  }
  return f;
};

/** Fails unless the page decodes more video frames a second later than now. */
async function videoKeepsFlowing(page, what) {
  const before = await page.evaluate(framesDecoded);
  await page.waitForTimeout(1000);
  const after = await page.evaluate(framesDecoded);
  if (after <= before) throw new Error(`${what}: video stopped (${before} -> ${after} frames)`);
  return after - before;
}

/** Two peers in `room`, each decoding the other's video. */
async function connectedPair(room, extra = '', at = base) {
  const a = await peer(room, extra, at);
  const b = await peer(room, extra, at);
  await until(a.page, 'a receives b', mediaFlowing, 1);
  await until(b.page, 'b receives a', mediaFlowing, 1);
  return { a, b };
}

const scenarios = {
  async twoPeers() {
    const a = await peer('e2e-two', '&name=Ann');
    await until(a.page, 'a joined', () => /^In room/.test(document.getElementById('status').textContent));
    const b = await peer('e2e-two', '&name=Bob');   // joins after a: a gets a join notice
    await until(a.page, 'a receives b', mediaFlowing, 1);
    await until(b.page, 'b receives a', mediaFlowing, 1);
    await until(a.page, 'status counts the peer', () => /· 1 other peer ·/.test(document.getElementById('status').textContent)
      || document.getElementById('status').textContent);
    await until(a.page, 'join notice', () => /Bob joined$/.test(document.querySelector('#notices li')?.textContent ?? ''));
    const facts = await a.page.evaluate(() => ({
      connecting: window.statusHistory.includes('Connecting…'),
      unlabelled: [...document.querySelectorAll('#joinForm input')].filter((i) => !i.labels?.length).map((i) => i.id),
      roomPatternChecks: (() => { const r = document.getElementById('room'); const v = r.value; r.value = 'no spaces!';
        const bad = r.checkValidity(); r.value = v; return !bad && r.checkValidity(); })(),
      mic: document.getElementById('mic').textContent, cam: document.getElementById('cam').textContent,
      tokenFieldHidden: document.getElementById('tokenField').hidden,
    }));
    await a.page.click('#mic');
    await a.page.click('#cam');
    const after = { mic: await text(a.page, '#mic'), cam: await text(a.page, '#cam') };
    await a.page.click('#cam');
    if (!facts.connecting || facts.unlabelled.length || !facts.roomPatternChecks || facts.mic !== 'Mute mic'
      || facts.cam !== 'Turn camera off' || after.mic !== 'Unmute mic' || after.cam !== 'Turn camera on' || !facts.tokenFieldHidden) {
      throw new Error(`call page facts: ${JSON.stringify({ ...facts, after })}`);
    }
    noProblems(a.page, 'page a');
    noProblems(b.page, 'page b');
    await a.page.waitForTimeout(1500);   // a second of stats in the labels for the screenshot
    await a.page.screenshot({ path: join(out, 'call.png'), fullPage: true });
    return { screenshot: join(out, 'call.png'), ...facts, after };
  },

  async mesh3() {
    const peers = [await peer('e2e-mesh'), await peer('e2e-mesh'), await peer('e2e-mesh')];
    for (const [i, p] of peers.entries()) await until(p.page, `peer ${i} receives 2`, mediaFlowing, 2);
    return {};
  },

  async relayOnly() {
    const { a, b } = await connectedPair('e2e-relay', '&relay=1');
    const pairs = [...await a.page.evaluate(selectedPairs), ...await b.page.evaluate(selectedPairs)];
    if (!pairs.every((p) => p.local === 'relay')) throw new Error(`selected pairs not relayed: ${JSON.stringify(pairs)}`);
    return { pairs };
  },

  async resumeKeepsTheCall() {
    const { a, b } = await connectedPair('e2e-resume');
    await a.page.evaluate(() => {
      const call = window.skyrtcDemo.call;
      window.before = { pc: [...call.peers.values()][0].pc, peerId: call.peerId, token: call.signaling.resumeToken };
      window.states = [];
      call.on('state', (e) => window.states.push(e.state));
      call.signaling.dropSocket();
    });
    await until(a.page, 'a resumed', () => window.states.includes('reconnecting')
      && window.skyrtcDemo.call.signaling.state === 'joined');
    const facts = await a.page.evaluate(() => {
      const call = window.skyrtcDemo.call;
      const pc = [...call.peers.values()][0].pc;
      return { samePc: pc === window.before.pc, samePeerId: call.peerId === window.before.peerId,
        newToken: call.signaling.resumeToken !== window.before.token, state: pc.connectionState };
    });
    if (!facts.samePc || !facts.samePeerId || !facts.newToken || facts.state !== 'connected') {
      throw new Error(`resume changed the call: ${JSON.stringify(facts)}`);
    }
    await b.page.evaluate(() => { window.got = []; window.skyrtcDemo.call.on('data', (m) => window.got.push(m.payload)); });
    await a.page.evaluate(() => window.skyrtcDemo.call.sendData({ after: 'resume' }));
    await until(b.page, 'data after resume', () => window.got.length === 1 && window.got[0].after === 'resume');
    const frames = await b.page.evaluate(async () => {
      let f = 0;
      (await [...window.skyrtcDemo.call.peers.values()][0].pc.getStats())
        .forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'video') f += s.framesDecoded; });
      return f;
    });
    await b.page.waitForTimeout(1000);
    const later = await b.page.evaluate(async () => {
      let f = 0;
      (await [...window.skyrtcDemo.call.peers.values()][0].pc.getStats())
        .forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'video') f += s.framesDecoded; });
      return f;
    });
    if (later <= frames) throw new Error(`video stopped after resume (${frames} -> ${later})`);
    return { ...facts, framesBefore: frames, framesAfter: later };
  },

  async leaverIsRemoved() {
    const { a, b } = await connectedPair('e2e-leave');
    await until(a.page, 'b tile shown', () => document.querySelectorAll('.tile[data-peer]').length === 1);
    await b.page.click('#leave');
    await until(a.page, 'b tile removed', () => document.querySelectorAll('.tile[data-peer]').length === 0
      && window.skyrtcDemo.call.peers.size === 0);
    await until(a.page, 'leave notice and count', () => (/left$/.test(document.querySelector('#notices li.left')?.textContent ?? '')
      && /· 0 other peers ·/.test(document.getElementById('status').textContent)) || document.getElementById('status').textContent);
    const shot = join(out, 'call-after-leave.png');
    await a.page.screenshot({ path: shot, fullPage: true });
    return { screenshot: shot, notices: await text(a.page, '#notices') };
  },

  ...sdkScenarios({ browser, base, refreshBase, out, peer, newPage, until, connectedPair, mediaFlowing, selectedPairs,
    noProblems, videoKeepsFlowing }),

  async icePage() {
    const context = await browser.newContext();
    const page = await newPage(context, 'ice');
    await page.goto(`${base}/ice.html`);
    await until(page, 'dev key filled', () => document.getElementById('key').value === 'dev');
    await page.fill('#urls', 'not a url');
    await page.click('#gather');
    await until(page, 'a bad URL explained', () => /^not a STUN\/TURN URL: not, a, url/.test(document.getElementById('status').textContent)
      && document.getElementById('status').classList.contains('error') || document.getElementById('status').textContent);
    const badUrlShot = join(out, 'ice-bad-url.png');
    await page.screenshot({ path: badUrlShot, fullPage: true });
    await page.fill('#urls', '');
    await page.click('#gather');
    await until(page, 'gathering without URLs explained', () => /gathering done.*only host candidates/
      .test(document.getElementById('status').textContent) || document.getElementById('status').textContent);
    noProblems(page, 'ice page');
    await page.click('#mine');
    await until(page, "the server's TURN filled in", () => document.getElementById('urls').value.startsWith('turn:'));
    await page.check('#relay');
    await page.click('#gather');
    await until(page, 'a relay candidate gathered', () => [...document.querySelectorAll('#candidates tr td:nth-child(2)')]
      .some((td) => td.textContent === 'relay'));
    await page.click('#check');
    await until(page, 'server-side check passed', () => document.getElementById('status').textContent === 'server-side check passed');
    const shot = join(out, 'ice.png');
    await page.screenshot({ path: shot, fullPage: true });
    return { screenshots: [badUrlShot, shot] };
  },

  async tokenPlayground() {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = await newPage(context, 'tokens');
    const favicon = await (await context.request.get(`${base}/favicon.svg`)).status();
    await page.goto(`${base}/tokens.html`);
    await until(page, 'dev key filled', () => document.getElementById('key').value === 'dev');
    await page.fill('#room input[name=ttlSeconds]', 'abc');
    await page.click('#room button');
    await until(page, 'ttl abc refused as an error', () => document.getElementById('token').className === 'error'
      && /ttlSeconds: a whole number/.test(document.getElementById('token').textContent)
      && document.querySelector('#room input[name=ttlSeconds]').getAttribute('aria-invalid') === 'true'
      && document.getElementById('copy').disabled || document.getElementById('token').textContent);
    const errorShot = join(out, 'tokens-error.png');
    await page.screenshot({ path: errorShot, fullPage: true });
    await page.fill('#room input[name=ttlSeconds]', '600');
    await page.click('#room button');
    await until(page, 'room token decoded', () => {
      const d = document.getElementById('decoded').textContent;
      return d.includes('"room": "lobby"') && d.includes('"sub": "alice"') ? true : d;
    });
    await page.click('#copy');
    const copied = await page.evaluate(async () => (await navigator.clipboard.readText()) === document.getElementById('token').textContent);
    if (favicon !== 200 || !copied) throw new Error(`favicon ${favicon}, copied ${copied}`);
    noProblems(page, 'token page');
    const shot = join(out, 'tokens.png');
    await page.screenshot({ path: shot, fullPage: true });
    return { screenshots: [errorShot, shot] };
  },

  // Production server (no TURN, demo.tokenRoute on): joins with ?token= and through the example route,
  // hides the token playground, and explains "relay only" without TURN.
  async productionDemo() {
    if (!prodBase) throw new Error('--prod-base is required');
    const probe = await browser.newContext();
    const playground = await (await probe.request.get(`${prodBase}/tokens.html`)).status();
    const minted = await (await probe.request.post(`${prodBase}/demo/token`, { data: { room: 'e2e-prod', name: 'Pat' } })).json();
    const a = await peer('e2e-prod', `&name=Pat&token=${encodeURIComponent(minted.token)}`, prodBase);
    const b = await peer('e2e-prod', '&name=Route', prodBase);   // no token: the page asks /demo/token
    await until(a.page, 'a receives b', mediaFlowing, 1);
    await until(b.page, 'b receives a', mediaFlowing, 1);
    const nav = await text(a.page, 'header');
    if (playground !== 404 || nav.includes('Token playground')) throw new Error(`playground ${playground}, nav ${nav}`);
    const tokenField = await a.page.evaluate(() => !document.getElementById('tokenField').hidden
      && document.getElementById('token').labels[0].textContent.includes('Room token'));
    if (!tokenField) throw new Error('no labelled token field in production');
    await a.page.waitForTimeout(1000);
    const shot = join(out, 'production-call.png');
    await a.page.screenshot({ path: shot, fullPage: true });

    const r = await peer('e2e-prod-relay', '&relay=1', prodBase);
    await until(r.page, 'relay without TURN explained', () => /relay only, but this server hands out no TURN server/
      .test(document.getElementById('status').textContent) || document.getElementById('status').textContent);
    const relayShot = join(out, 'relay-without-turn.png');
    await r.page.screenshot({ path: relayShot, fullPage: true });

    const c = await browser.newContext();
    const p = await newPage(c, 'prod-no-route');
    await p.route('**/demo/token', (route) => route.fulfill({ status: 404, body: '{}' }));   // a server without the route
    await p.goto(`${prodBase}/?room=e2e-prod-none&autojoin=1`);
    await until(p, 'missing token explained', () => /Cannot join: this server needs a room token/
      .test(document.getElementById('status').textContent) || document.getElementById('status').textContent);
    for (const [page, what] of [[a.page, 'a'], [b.page, 'b'], [r.page, 'relay']]) noProblems(page, what);
    return { screenshots: [shot, relayShot] };
  },
};

if (node2Base) {
  Object.assign(scenarios, crossNodeScenarios({ browser, base, node2Base, peer, until, mediaFlowing, videoKeepsFlowing,
    noProblems }));
}

let failed = 0;
for (const [name, run] of Object.entries(scenarios)) {
  if (only && !only.includes(name)) continue;
  const started = Date.now();
  const contextsBefore = browser.contexts().length;
  try {
    const detail = await run();
    console.log(JSON.stringify({ scenario: name, ok: true, ms: Date.now() - started, ...detail }));
  } catch (e) {
    failed++;
    console.log(JSON.stringify({ scenario: name, ok: false, ms: Date.now() - started, error: e.message }));
  } finally {
    for (const c of browser.contexts().slice(contextsBefore)) await c.close();
  }
}
await browser.close();
process.exit(failed ? 1 : 0);
