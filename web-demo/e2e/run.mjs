// Real calls in headless Chromium (Debian's, never a downloaded one) against a running skyrtc:
//   node e2e/run.mjs --base http://127.0.0.1:PORT [--out DIR] [--chromium /usr/bin/chromium]
// Prints one JSON line per scenario and exits non-zero when any failed. The server must hand out
// a TURN server (turn.urls) for the relay scenario. See shared notes on browser e2e.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) =>
  (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const base = args.base ?? (() => { throw new Error('--base http://127.0.0.1:PORT is required'); })();
const out = args.out ?? 'target/e2e';
const only = args.only?.split(',');
mkdirSync(out, { recursive: true });

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required',
  '--allow-loopback-in-peer-connection', '--disable-features=WebRtcHideLocalIpsWithMdns'];
const TIMEOUT = 30_000;

const browser = await chromium.launch({ executablePath: args.chromium ?? '/usr/bin/chromium', headless: true, args: FLAGS });

/** Opens the call page for a new peer (own context = own "browser profile"). */
async function peer(room, extra = '') {
  const context = await browser.newContext({ viewport: { width: 900, height: 600 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[page ${room}] ${e.message}`));
  await page.goto(`${base}/?room=${room}&autojoin=1${extra}`);
  return { page, context };
}

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

/** Two peers in `room`, each decoding the other's video. */
async function connectedPair(room, extra = '') {
  const a = await peer(room, extra);
  const b = await peer(room, extra);
  await until(a.page, 'a receives b', mediaFlowing, 1);
  await until(b.page, 'b receives a', mediaFlowing, 1);
  return { a, b };
}

const scenarios = {
  async twoPeers() {
    const { a } = await connectedPair('e2e-two');
    await a.page.waitForTimeout(1500);   // a second of stats in the labels for the screenshot
    await a.page.screenshot({ path: join(out, 'call.png'), fullPage: true });
    return { screenshot: join(out, 'call.png') };
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
    return {};
  },

  async icePage() {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/ice.html`);
    await until(page, 'dev key filled', () => document.getElementById('key').value === 'dev');
    await page.click('#mine');
    await until(page, "the server's TURN filled in", () => document.getElementById('urls').value.startsWith('turn:'));
    await page.check('#relay');
    await page.click('#gather');
    await until(page, 'a relay candidate gathered', () => [...document.querySelectorAll('#candidates tr td:nth-child(2)')]
      .some((td) => td.textContent === 'relay'));
    await page.click('#check');
    await until(page, 'server-side check passed', () => document.getElementById('status').textContent === 'server-side check passed');
    return {};
  },

  async tokenPlayground() {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/tokens.html`);
    await until(page, 'dev key filled', () => document.getElementById('key').value === 'dev');
    await page.click('#room button');
    await until(page, 'room token decoded', () => {
      const d = document.getElementById('decoded').textContent;
      return d.includes('"room": "lobby"') && d.includes('"sub": "alice"') ? true : d;
    });
    return {};
  },
};

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
