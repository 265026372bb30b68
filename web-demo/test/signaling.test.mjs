import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Signaling, wechatSocketFactory } from '../src/main/web/sdk/skyrtc.js';
import { FakeServer, until } from './fakes.mjs';

const fast = { minMs: 5, maxMs: 20 };

test('join resolves with the welcome; a refused join rejects with the server code', async () => {
  const server = new FakeServer();
  const s = new Signaling({ url: 'ws://x/ws', socketFactory: server.factory() });
  const w = await s.join('r1', { name: 'alice' });
  assert.equal(w.peerId, s.peerId);
  assert.equal(s.state, 'joined');
  assert.deepEqual(server.frames[0], { type: 'join', room: 'r1', name: 'alice' });

  const refused = new Signaling({ url: 'ws://x/ws', socketFactory: server.factory() });
  await assert.rejects(refused.join('full'), (e) => e.code === 'room-full');
  assert.equal(refused.state, 'closed');
});

test('data between peers, and a dropped socket resumes: queued sends go out, missed frames arrive', async () => {
  const server = new FakeServer();
  const a = new Signaling({ url: 'ws://x/ws', socketFactory: server.factory(), reconnect: fast });
  const b = new Signaling({ url: 'ws://x/ws', socketFactory: server.factory(), reconnect: fast });
  await a.join('r1');
  await b.join('r1');
  const gotA = [];
  const gotB = [];
  a.on('data', (m) => gotA.push(m.payload));
  b.on('data', (m) => gotB.push(m.payload));
  const states = [];
  a.on('state', (e) => states.push(e.state));
  const firstToken = a.resumeToken;

  a.dropSocket();
  await until(() => a.state === 'reconnecting', 1000, 'reconnecting');
  a.send({ type: 'data', payload: 'sent while down' });        // queued by the SDK
  b.send({ type: 'data', payload: 'missed by a' });             // queued by the server
  await until(() => gotB.length === 1 && gotA.length === 1, 2000, 'both data frames');

  assert.deepEqual(gotA, ['missed by a']);
  assert.deepEqual(gotB, ['sent while down']);
  assert.deepEqual(states, ['reconnecting', 'joined']);
  const resume = server.frames.filter((f) => f.type === 'join' && f.resume);
  assert.equal(resume.length, 1);
  assert.equal(resume[0].resume, firstToken);
  assert.equal(resume[0].received, 0);
  assert.notEqual(a.resumeToken, firstToken, 'each welcome carries a new token');
});

test('an invalid resume token closes the session and says why', async () => {
  const server = new FakeServer();
  const a = new Signaling({ url: 'ws://x/ws', socketFactory: server.factory(), reconnect: fast });
  await a.join('r1');
  const errors = [];
  a.on('error', (e) => errors.push(e.code));
  a.resumeToken = 'forged';
  a.dropSocket();
  await until(() => a.state === 'closed', 2000, 'closed');
  assert.deepEqual(errors, ['resume-invalid']);
});

test('leave sends leave and never reconnects', async () => {
  const server = new FakeServer();
  const a = new Signaling({ url: 'ws://x/ws', socketFactory: server.factory(), reconnect: fast });
  await a.join('r1');
  a.leave();
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(a.state, 'closed');
  assert.equal(server.frames.at(-1).type, 'leave');
  assert.equal(server.frames.filter((f) => f.type === 'join').length, 1);
  assert.throws(() => a.send({ type: 'data', payload: 1 }), /not joined/);
});

test('the WeChat adapter gives a SocketTask the WebSocket shape', async () => {
  const calls = [];
  const task = { handlers: {} };
  for (const ev of ['onOpen', 'onMessage', 'onClose', 'onError']) task[ev] = (fn) => { task.handlers[ev] = fn; };
  task.send = (o) => calls.push(['send', o]);
  task.close = (o) => calls.push(['close', o]);
  const wx = { connectSocket: (o) => { calls.push(['connect', o]); return task; } };
  const socket = wechatSocketFactory(wx)('wss://rtc.example.com/ws');
  const seen = [];
  socket.onopen = () => seen.push('open');
  socket.onmessage = (e) => seen.push(e.data);
  socket.onclose = (e) => seen.push(`close ${e.code}`);
  task.handlers.onOpen();
  assert.equal(socket.readyState, 1);
  task.handlers.onMessage({ data: '{"type":"pong"}' });
  socket.send('{"type":"ping"}');
  socket.close(1000, 'bye');
  task.handlers.onClose({ code: 1000, reason: 'bye' });
  assert.deepEqual(seen, ['open', '{"type":"pong"}', 'close 1000']);
  assert.deepEqual(calls, [['connect', { url: 'wss://rtc.example.com/ws' }], ['send', { data: '{"type":"ping"}' }],
    ['close', { code: 1000, reason: 'bye' }]]);
});
