import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SkyRtcCall } from '../src/main/web/sdk/skyrtc.js';
import { FakePC, FakeServer, fakeStream, until } from './fakes.mjs';

function call(server, name, extra = {}) {
  return new SkyRtcCall({ url: 'ws://x/ws', socketFactory: server.factory(), rtc: { RTCPeerConnection: FakePC },
    localStream: fakeStream(name), reconnect: { minMs: 5, maxMs: 20 }, ...extra });
}

/** Two calls in one room, connected both ways. */
async function connectedPair() {
  const server = new FakeServer();
  const a = call(server, 'a');
  const b = call(server, 'b');
  await a.join('r1');
  await b.join('r1');
  await until(() => a.peers.size === 1 && connected(a) && connected(b), 3000, 'connected');
  return { a, b };
}

const connected = (c) => [...c.peers.values()].every((p) => p.pc.connectionState === 'connected'
  && p.pc.signalingState === 'stable' && !p.pc.unnegotiated());

test('two peers that both offer at once (glare) end up connected, each receiving the other', async () => {
  const server = new FakeServer();
  const a = call(server, 'a');
  const b = call(server, 'b');
  const tracks = { a: [], b: [] };
  a.on('track', (e) => tracks.a.push(e.track.id));
  b.on('track', (e) => tracks.b.push(e.track.id));
  await a.join('r1');
  await b.join('r1');
  // b calls a from its welcome; a creates its side when b's offer arrives and adds its own tracks
  await until(() => a.peers.size === 1 && connected(a) && connected(b), 3000, 'both connected');
  const pa = a.peers.get(b.peerId).pc;
  const pb = b.peers.get(a.peerId).pc;
  assert.equal(pa.signalingState, 'stable');
  assert.equal(pb.signalingState, 'stable');
  await until(() => tracks.a.includes('b-v') && tracks.b.includes('a-v'), 3000, 'tracks both ways');
  await until(() => pa.candidates.includes(null) && pb.candidates.includes(null), 3000, 'trickled candidates');
  assert.ok(pa.candidates.some((c) => c?.candidate?.startsWith('candidate:')), 'a real candidate was added');
});

test('a forced glare: the impolite side keeps its offer, the polite side rolls back', async () => {
  const { a, b } = await connectedPair();
  const pa = a.peers.get(b.peerId).pc;
  const pb = b.peers.get(a.peerId).pc;
  const before = [pa.offersMade, pb.offersMade];
  pa.restartIce();
  pb.restartIce();                                   // both make offers in the same turn
  await until(() => pa.offersMade > before[0] && pb.offersMade > before[1] && connected(a) && connected(b),
    3000, 'renegotiated');
  assert.ok(!pa.restartPending && !pb.restartPending, 'both ICE restarts were negotiated');
  const polite = a.peerId > b.peerId ? pa : pb;
  assert.ok(polite.rollbacks >= 1, 'the polite side rolled back its offer');
  assert.equal((polite === pa ? pb : pa).rollbacks, 0, 'the impolite side never rolls back');
});

test('a 3-peer mesh: one connection per other peer; a leaving peer is closed and reported', async () => {
  const server = new FakeServer();
  const calls = [call(server, 'a'), call(server, 'b'), call(server, 'c')];
  for (const c of calls) await c.join('mesh');
  await until(() => calls.every((c) => c.peers.size === 2 && connected(c)), 3000, 'full mesh');
  const left = [];
  calls[0].on('peer-left', (e) => left.push(e));
  const gonePc = calls[0].peers.get(calls[2].peerId).pc;
  calls[2].leave();
  await until(() => left.length === 1, 2000, 'peer-left');
  assert.deepEqual(left, [{ peerId: calls[2].peerId, reason: 'leave' }]);
  assert.equal(gonePc.connectionState, 'closed');
  assert.equal(calls[0].peers.size, 1);
  // events the browser queued before close() still arrive: they must not bring the peer back
  const late = [];
  calls[0].on('peer-state', (e) => late.push(e));
  calls[0].on('track', (e) => late.push(e));
  gonePc.connectionState = 'failed';
  gonePc.onconnectionstatechange();
  gonePc.ontrack({ track: { kind: 'video', id: 'late' }, streams: [] });
  assert.deepEqual(late, []);
  assert.equal(gonePc.restartPending ?? false, false, 'no ICE restart for a removed peer');
});

test('a signaling reconnect keeps the peer connections (no renegotiation from scratch)', async () => {
  const { a, b } = await connectedPair();
  const pcBefore = a.peers.get(b.peerId).pc;
  const offers = pcBefore.offersMade;
  const got = [];
  b.on('data', (m) => got.push(m.payload));
  a.signaling.dropSocket();
  await until(() => a.signaling.state === 'reconnecting', 1000, 'reconnecting');
  await until(() => a.signaling.state === 'joined', 2000, 'resumed');
  a.sendData({ hello: 'after resume' });
  await until(() => got.length === 1, 2000, 'data after resume');
  assert.equal(a.peers.get(b.peerId).pc, pcBefore);
  assert.equal(pcBefore.offersMade, offers);
  assert.equal(FakePC.all.filter((p) => p.connectionState !== 'closed').length >= 2, true);
});

test('a call without local media still asks to receive audio and video', async () => {
  const server = new FakeServer();
  const a = call(server, 'a');
  const viewer = call(server, 'v', { localStream: null });
  await a.join('r1');
  await viewer.join('r1');
  await until(() => viewer.peers.size === 1 && connected(viewer), 3000, 'viewer connected');
  assert.deepEqual(viewer.peers.get(a.peerId).pc.transceivers.map((t) => `${t.kind}:${t.direction}`),
    ['audio:recvonly', 'video:recvonly']);
});
