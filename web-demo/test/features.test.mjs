// The SDK features beyond a basic call, against the in-memory server and RTCPeerConnection fakes:
// mute state through update → peer-updated, server-pushed iceServers, peer-to-peer data channels,
// device listing and switching, quality events, and the token-refresh hook for a refused resume.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SkyRtcCall, listDevices, qualitySampler, grade } from '../src/main/web/sdk/skyrtc.js';
import { FakePC, FakeServer, fakeStream, until } from './fakes.mjs';

function call(server, name, extra = {}) {
  return new SkyRtcCall({ url: 'ws://x/ws', socketFactory: server.factory(), rtc: { RTCPeerConnection: FakePC },
    localStream: fakeStream(name), reconnect: { minMs: 5, maxMs: 20 }, qualityIntervalMs: 0, ...extra });
}

const connected = (c) => c.peers.size > 0 && [...c.peers.values()].every((p) => p.pc.connectionState === 'connected'
  && p.pc.signalingState === 'stable' && !p.pc.unnegotiated());

async function pair(extra = {}, server = new FakeServer()) {
  const a = call(server, 'a', extra);
  const b = call(server, 'b', extra);
  await a.join('r1');
  await b.join('r1');
  await until(() => connected(a) && connected(b), 3000, 'connected');
  return { server, a, b };
}

test('muting announces {audio: false} in meta: the other side gets peer-updated and keeps it in members', async () => {
  const { server, a, b } = await pair();
  const updates = [];
  b.on('peer-updated', (p) => updates.push(p));
  a.setEnabled('audio', false);
  await until(() => updates.length === 1, 2000, 'peer-updated');
  assert.equal(updates[0].peerId, a.peerId);
  assert.deepEqual(updates[0].meta, { audio: false });
  assert.deepEqual(b.members.get(a.peerId).meta, { audio: false });
  assert.equal(a.localStream.getTracks().find((t) => t.kind === 'audio').enabled, false);
  assert.deepEqual(server.frames.filter((f) => f.type === 'update').map((f) => f.meta), [{ audio: false }]);
  a.setEnabled('video', false, { announce: false });
  assert.deepEqual(a.meta, { audio: false, video: false });
  assert.equal(server.frames.filter((f) => f.type === 'update').length, 1, 'announce: false sends nothing');
});

test('a mute set before joining goes out in join.meta, and a later joiner sees it', async () => {
  const server = new FakeServer();
  const a = call(server, 'a');
  a.setEnabled('video', false);
  await a.join('r2', { meta: { team: 'red' } });
  assert.deepEqual(server.frames.find((f) => f.type === 'join').meta, { video: false, team: 'red' });
  const b = call(server, 'b');
  const w = await b.join('r2');
  assert.deepEqual(w.peers[0].meta, { video: false, team: 'red' });
  assert.deepEqual(b.members.get(a.peerId).meta, { video: false, team: 'red' });
});

test('pushed iceServers go into every connection; relayed ones restart ICE, direct ones do not', async () => {
  const { server, a, b } = await pair();
  const pc = a.peers.get(b.peerId).pc;
  const fresh = [{ urls: ['turn:127.0.0.1:3478'], username: '2000000000:p1', credential: 'new' }];
  const events = [];
  a.on('ice-servers', (e) => events.push(e));
  server.pushIceServers(a.peerId, fresh);
  await until(() => events.length === 1, 2000, 'ice-servers event');
  assert.deepEqual(pc.getConfiguration().iceServers, fresh);
  assert.deepEqual(events[0].restarted, [], 'a direct (host) pair keeps its ICE session');
  assert.equal(pc.restartPending, false);

  const offers = pc.offersMade;
  pc.statsReport = [{ id: 't', type: 'transport', selectedCandidatePairId: 'cp' },
    { id: 'cp', type: 'candidate-pair', localCandidateId: 'l' }, { id: 'l', type: 'local-candidate', candidateType: 'relay' }];
  const fresher = [{ ...fresh[0], credential: 'newer' }];
  server.pushIceServers(a.peerId, fresher);
  await until(() => events.length === 2, 2000, 'second ice-servers event');
  assert.deepEqual(events[1].restarted, [b.peerId]);
  assert.deepEqual(pc.getConfiguration().iceServers, fresher);
  await until(() => pc.offersMade > offers && connected(a) && connected(b), 3000, 'ICE restart negotiated');
});

test('with iceTransportPolicy relay every connection restarts ICE on fresh iceServers', async () => {
  const { server, a } = await pair({ iceTransportPolicy: 'relay' });
  const events = [];
  a.on('ice-servers', (e) => events.push(e));
  server.pushIceServers(a.peerId, [{ urls: ['turn:h'], username: 'u', credential: 'c' }]);
  await until(() => events.length === 1, 2000, 'ice-servers event');
  assert.equal(events[0].restarted.length, 1);
});

test('a data channel per peer (negotiated, id 0): JSON and binary cross peer to peer, not through the server', async () => {
  const { server, a, b } = await pair();
  const ca = a.peers.get(b.peerId).channel;
  const cb = b.peers.get(a.peerId).channel;
  assert.deepEqual([ca.label, ca.negotiated, ca.id], ['skyrtc', true, 0]);
  ca.remote = cb;
  cb.remote = ca;
  const got = [];
  b.on('peer-data', (m) => got.push(m));
  assert.deepEqual(a.sendDirect({ move: [1, 2] }), [b.peerId]);
  const bytes = new Uint8Array([7, 8, 9]);
  assert.deepEqual(a.sendDirect(bytes, b.peerId), [b.peerId]);
  await until(() => got.length === 2, 2000, 'peer-data');
  assert.deepEqual(got[0], { from: a.peerId, payload: { move: [1, 2] } });
  assert.equal(got[1].payload, bytes);
  assert.equal(server.frames.filter((f) => f.type === 'data').length, 0, 'nothing went through the server');
  ca.readyState = 'closing';
  assert.deepEqual(a.sendDirect({ late: true }), [], 'a channel that is not open is skipped');
  assert.deepEqual(a.sendDirect({ x: 1 }, 'p_nobody'), []);
});

test('dataChannel: false opens no channel', async () => {
  const { a, b } = await pair({ dataChannel: false });
  assert.equal(a.peers.get(b.peerId).channel, null);
  assert.equal(a.peers.get(b.peerId).pc.channels.length, 0);
});

test('listDevices lists cameras and microphones; switchDevice replaces the sent track without renegotiation', async () => {
  const opened = [];
  const mediaDevices = {
    enumerateDevices: async () => [
      { deviceId: 'mic1', kind: 'audioinput', label: 'Mic', groupId: 'g1' },
      { deviceId: 'spk', kind: 'audiooutput', label: 'Speaker', groupId: 'g1' },
      { deviceId: 'cam2', kind: 'videoinput', label: 'Cam 2', groupId: 'g2' }],
    getUserMedia: async (c) => {
      opened.push(c);
      const t = { kind: 'video', id: 'cam2-track', enabled: true, stop() {} };
      return { getTracks: () => [t] };
    },
  };
  assert.deepEqual((await listDevices(mediaDevices)).map((d) => `${d.kind}:${d.deviceId}`), ['audio:mic1', 'video:cam2']);
  const { a, b } = await pair({ mediaDevices });
  const pc = a.peers.get(b.peerId).pc;
  const old = a.localStream.getTracks().find((t) => t.kind === 'video');
  a.setEnabled('video', false, { announce: false });
  const offers = pc.offersMade;
  const track = await a.switchDevice('video', 'cam2', { width: 640 });
  assert.deepEqual(opened, [{ video: { width: 640, deviceId: { exact: 'cam2' } } }]);
  assert.equal(pc.getSenders().find((s) => s.track.kind === 'video').track, track);
  assert.ok(a.localStream.getTracks().includes(track) && !a.localStream.getTracks().includes(old));
  assert.equal(old.stopped, true);
  assert.equal(track.enabled, false, 'the camera stays off on the new device');
  assert.equal(pc.offersMade, offers, 'no renegotiation');
  await assert.rejects(a.switchDevice('screen', 'x'), /kind must be 'audio' or 'video'/);
});

test('quality: RTT, loss over the interval and jitter from getStats, graded; the call emits it per connected peer', async () => {
  let now = 0;
  const pc = { statsReport: [], async getStats() { return new Map(this.statsReport.map((s) => [s.id, s])); } };
  const stats = (received, lost, rtt, bytes) => [
    { id: 'in', type: 'inbound-rtp', packetsReceived: received, packetsLost: lost, jitter: 0.012, bytesReceived: bytes },
    { id: 't', type: 'transport', selectedCandidatePairId: 'cp' },
    { id: 'cp', type: 'candidate-pair', currentRoundTripTime: rtt }];
  const sample = qualitySampler(pc, () => now);
  pc.statsReport = stats(1000, 0, 0.05, 0);
  assert.equal((await sample()).quality, 'good');
  now = 1000;
  pc.statsReport = stats(1950, 50, 0.05, 125_000);      // 50 of 1000 packets lost in this second: 5%
  const q = await sample();
  assert.deepEqual(q, { rttMs: 50, packetLoss: 0.05, jitterMs: 12, inKbps: 1000, outKbps: 0, quality: 'fair' });
  assert.equal(grade({ rttMs: 450, packetLoss: 0 }), 'poor');
  assert.equal(grade({ rttMs: 20, packetLoss: 0.1 }), 'poor');
  assert.equal(grade({ rttMs: 199, packetLoss: 0.029 }), 'good');

  const { a, b } = await pair({ qualityIntervalMs: 20 });
  a.peers.get(b.peerId).pc.statsReport = stats(100, 0, 0.5, 0);
  const events = [];
  a.on('quality', (e) => events.push(e));
  await until(() => events.length >= 2, 2000, 'quality events');
  assert.equal(events[0].peerId, b.peerId);
  assert.equal(events.at(-1).quality, 'poor');
  a.leave();
  const count = events.length;
  await new Promise((r) => setTimeout(r, 80));
  assert.equal(events.length, count, 'no quality events after leave');
});

test('refreshToken: a resume refused because the token expired rejoins with a fresh token as a new peer', async () => {
  const server = new FakeServer();
  const asked = [];
  const a = call(server, 'a', { refreshToken: async (ctx) => {
    asked.push(ctx);
    a.sendData({ queued: 'for the old peer' });       // sent while down (as an old connection might): never sent as the new peer
    return 'fresh-token';
  } });
  const b = call(server, 'b');
  await a.join('r3', { token: 'first-token' });
  await b.join('r3');
  await until(() => connected(a) && connected(b), 3000, 'connected');
  const oldId = a.peerId;
  const oldPc = a.peers.get(b.peerId).pc;
  const left = [];
  a.on('peer-left', (e) => left.push(e));
  a.setEnabled('audio', false);
  await until(() => b.members.get(oldId)?.meta?.audio === false, 2000, 'mute seen');
  server.refuseResume = 'the room token this peer joined with expired at 2026-01-01T00:00:00Z; join again with a new token';
  a.signaling.dropSocket();
  await until(() => a.peerId && a.peerId !== oldId && a.signaling.state === 'joined', 3000, 'rejoined');
  assert.deepEqual(asked, [{ room: 'r3', reason: server.refuseResume }]);
  assert.deepEqual(server.tokens, ['first-token', undefined, 'fresh-token']);
  assert.equal(server.frames.filter((f) => f.payload?.queued).length, 0, 'the old peer\'s queue was dropped');
  assert.deepEqual(server.frames.filter((f) => f.token === 'fresh-token')[0].meta, { audio: false }, 'the mute survives');
  assert.equal(oldPc.connectionState, 'closed');
  assert.deepEqual(left, [{ peerId: b.peerId, reason: 'rejoined' }]);
  await until(() => a.peers.get(b.peerId)?.pc.connectionState === 'connected', 3000, 'called b again as a new peer');
});

test('refreshToken: a refused fresh join closes the session with the server code', async () => {
  const server = new FakeServer();
  const a = call(server, 'a', { refreshToken: () => 'expired' });
  await a.join('r4');
  const states = [];
  a.on('state', (e) => states.push(e));
  server.refuseResume = 'grace period over';
  a.signaling.dropSocket();
  await until(() => a.signaling.state === 'closed', 3000, 'closed');
  assert.equal(states.at(-1).reason, 'token-expired');
});
