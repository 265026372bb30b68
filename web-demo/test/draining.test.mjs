import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Signaling } from '../src/main/web/sdk/skyrtc.js';
import { FakeServer, until } from './fakes.mjs';

const fast = { minMs: 5, maxMs: 20 };

/** A socket factory over one fake cluster that records the URL of every socket it opens. */
function recording(server) {
  const opened = [];
  const make = server.factory();
  return { opened, factory: (url) => { opened.push(url); return make(url); } };
}

const notice = { type: 'draining', deadlineMs: Date.now() + 30000, inMs: 30000 };

test('draining: the session resumes on the next URL at once, same peer, and loses nothing', async () => {
  const server = new FakeServer();
  const { opened, factory } = recording(server);
  const a = new Signaling({ urls: ['ws://node-a/ws', 'ws://node-b/ws'], socketFactory: factory, reconnect: fast });
  const b = new Signaling({ url: 'ws://node-b/ws', socketFactory: server.factory(), reconnect: fast });
  await a.join('r1');
  await b.join('r1');
  const gotA = [];
  const gotB = [];
  const drainingEvents = [];
  a.on('data', (m) => gotA.push(m.payload));
  b.on('data', (m) => gotB.push(m.payload));
  a.on('draining', (m) => drainingEvents.push(m.deadlineMs));
  const peerId = a.peerId;
  const token = a.resumeToken;
  b.send({ type: 'data', payload: 'before' });
  await until(() => gotA.length === 1, 1000, 'first data');

  server.peers.get(peerId).socket.deliver(notice);
  a.send({ type: 'data', payload: 'while moving' });          // queued by the SDK until the resumed welcome
  b.send({ type: 'data', payload: 'to the moving peer' });    // delivered, or kept by the server for the resume
  await until(() => gotA.length === 2 && gotB.length === 1 && a.state === 'joined', 2000, 'moved and relayed');

  assert.deepEqual(drainingEvents, [notice.deadlineMs], 'the draining event is still emitted');
  assert.deepEqual(opened, ['ws://node-a/ws', 'ws://node-b/ws'], 'the resume went to the next URL');
  const resume = server.frames.filter((f) => f.type === 'join' && f.resume);
  assert.equal(resume.length, 1);
  assert.equal(resume[0].resume, token);
  assert.equal(resume[0].received, 2, 'what it received before the notice: peer-joined, data');
  assert.equal(a.peerId, peerId, 'same peer');
  assert.deepEqual(gotA, ['before', 'to the moving peer']);
  assert.deepEqual(gotB, ['while moving']);
});

test('draining with one URL (a load balancer): the resume goes there again', async () => {
  const server = new FakeServer();
  const { opened, factory } = recording(server);
  const a = new Signaling({ url: 'wss://rtc.example/ws', socketFactory: factory, reconnect: fast });
  await a.join('r1');
  const peerId = a.peerId;
  const states = [];
  a.on('state', (e) => states.push(e.state));
  server.peers.get(peerId).socket.deliver(notice);
  await until(() => states.at(-1) === 'joined', 2000, 'resumed');
  assert.deepEqual(states, ['reconnecting', 'joined']);
  assert.deepEqual(opened, ['wss://rtc.example/ws', 'wss://rtc.example/ws']);
  assert.equal(a.peerId, peerId);
});

test('moveOnDraining: false only reports the notice', async () => {
  const server = new FakeServer();
  const a = new Signaling({ url: 'ws://x/ws', socketFactory: server.factory(), reconnect: fast, moveOnDraining: false });
  await a.join('r1');
  let told = 0;
  a.on('draining', () => told++);
  server.peers.get(a.peerId).socket.deliver(notice);
  await until(() => told === 1, 1000, 'notice');
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(a.state, 'joined');
  assert.equal(server.frames.filter((f) => f.type === 'join').length, 1);
});

test('a join refused with server-draining is tried again on the next URL', async () => {
  const server = new FakeServer();
  server.drainingUrls.add('ws://node-a/ws');
  const { opened, factory } = recording(server);
  const a = new Signaling({ urls: ['ws://node-a/ws', 'ws://node-b/ws'], socketFactory: factory, reconnect: fast });
  const errors = [];
  a.on('error', (e) => errors.push(e.code));
  const w = await a.join('r1', { name: 'alice' });
  assert.equal(w.resumed, false);
  assert.equal(a.state, 'joined');
  assert.deepEqual(errors, ['server-draining']);
  assert.deepEqual(opened, ['ws://node-a/ws', 'ws://node-b/ws']);
  const joins = server.frames.filter((f) => f.type === 'join');
  assert.deepEqual(joins, [{ type: 'join', room: 'r1', name: 'alice' }, { type: 'join', room: 'r1', name: 'alice' }]);
});

test('a lost socket reconnects to the next URL (its node may be dead)', async () => {
  const server = new FakeServer();
  const { opened, factory } = recording(server);
  const a = new Signaling({ urls: ['ws://node-a/ws', 'ws://node-b/ws'], socketFactory: factory, reconnect: fast });
  await a.join('r1');
  a.dropSocket();
  await until(() => a.state === 'reconnecting', 1000, 'reconnecting');
  await until(() => a.state === 'joined', 2000, 'resumed');
  assert.deepEqual(opened, ['ws://node-a/ws', 'ws://node-b/ws']);
});
