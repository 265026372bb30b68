// skyrtc signaling session: one room over protocol v1 (docs/PROTOCOL.md), with reconnect + resume.
// No browser APIs beyond an injected socket factory, so it runs in browsers, Node and mini-programs.

import { Emitter } from './emitter.js';

/** Frames that count toward `join.received` on resume (docs/PROTOCOL.md). */
const ROOM_FRAMES = new Set(['peer-joined', 'peer-left', 'peer-updated', 'offer', 'answer', 'candidate', 'data']);

/** Errors after which a resume cannot work: start over with a fresh join. */
const FATAL_ON_RESUME = new Set(['resume-invalid']);

export const browserSocketFactory = (url) => new WebSocket(url);

/**
 * Adapter for WeChat mini-programs: `new Signaling({ url, socketFactory: wechatSocketFactory(wx) })`.
 * wx.connectSocket returns a SocketTask with onOpen/onMessage/onClose/onError; this gives it the
 * WebSocket shape the SDK uses.
 */
export function wechatSocketFactory(wx) {
  return (url) => {
    const task = wx.connectSocket({ url });
    const socket = { readyState: 0, onopen: null, onmessage: null, onclose: null, onerror: null };
    task.onOpen(() => { socket.readyState = 1; socket.onopen?.({}); });
    task.onMessage((res) => socket.onmessage?.({ data: res.data }));
    task.onClose((res) => { socket.readyState = 3; socket.onclose?.({ code: res.code, reason: res.reason }); });
    task.onError((err) => socket.onerror?.(err));
    socket.send = (data) => task.send({ data });
    socket.close = (code, reason) => task.close({ code, reason });
    return socket;
  };
}

/**
 * Events: 'state' ({state: 'connecting'|'joined'|'reconnecting'|'closed', reason?}), 'welcome',
 * 'peer-joined', 'peer-left', 'peer-updated', 'ice-servers', 'offer', 'answer', 'candidate', 'data',
 * 'error' — each with the server's message.
 *
 * `refreshToken({room, reason})` (optional, returns a room token or a promise of one): called when a
 * resume is refused (the room token this peer joined with expired, or the grace period ended); the
 * session then joins afresh with the new token, as a new peer ('welcome' with resumed false).
 *
 * `urls` (optional): the nodes to use, in order; each reconnect goes to the next one. With one URL (a
 * load balancer) reconnects go there again. On 'draining' (the node is going away: emitted too) the
 * session moves at once: a new socket to the next URL, `resume` with what it received, then the old
 * socket is closed; the room and the peer id stay, nothing is lost. A join refused with
 * `server-draining` is tried again on the next URL, after the reconnect back-off.
 * `moveOnDraining: false` keeps the session where it is (a single node with no other to go to).
 */
export class Signaling extends Emitter {
  constructor({ url, urls, socketFactory = browserSocketFactory, reconnect = {}, timers = globalThis, refreshToken,
    moveOnDraining = true } = {}) {
    super();
    this.urls = urls?.length ? [...urls] : [url];
    if (!this.urls[0]) throw new Error('url is required, e.g. wss://rtc.example.com/ws');
    this.urlIndex = 0;
    this.url = this.urls[0];
    this.moveOnDraining = moveOnDraining;
    this.drainMoves = 0;      // draining moves in a row: the next waits longer (we may land on a draining node)
    this.refreshToken = refreshToken ?? null;
    this.socketFactory = socketFactory;
    this.reconnect = { minMs: 250, maxMs: 5000, maxAttempts: Infinity, ...reconnect };
    this.timers = timers;
    this.state = 'idle';
    this.peerId = null;
    this.room = null;
    this.resumeToken = null;
    this.received = 0;        // room frames since the last welcome
    this.pending = [];        // sent while the socket is down: flushed after the resumed welcome
    this.attempts = 0;
    this.socket = null;
  }

  /** Joins `room`; resolves with the welcome, rejects with the server's error. */
  join(room, { name, token, meta } = {}) {
    if (this.state !== 'idle' && this.state !== 'closed') throw new Error(`cannot join while ${this.state}`);
    this.room = room;
    this.joinArgs = { name, token, meta };
    return new Promise((resolve, reject) => {
      this.joinWaiter = { resolve, reject };
      this.open({ type: 'join', room, ...defined({ name, token, meta }) });
    });
  }

  /** Sends a message to the server; queued while reconnecting. */
  send(message) {
    if (this.state === 'joined' && this.socket?.readyState === 1) {
      this.socket.send(JSON.stringify(message));
    } else if (this.state === 'reconnecting' || this.state === 'connecting') {
      this.pending.push(message);
    } else {
      throw new Error(`not joined (${this.state})`);
    }
  }

  /** Replaces the meta the others see ('peer-updated' to them); kept for a rejoin. */
  update(meta) {
    this.joinArgs = { ...this.joinArgs, meta };
    this.send({ type: 'update', meta });
  }

  leave() {
    if (this.state === 'closed') return;
    this.setState('closed', 'leave');
    try { this.socket?.send(JSON.stringify({ type: 'leave' })); } catch { /* socket already gone */ }
    this.stop();
  }

  /** Drops the socket without leaving, as a network failure would (tests, demos). */
  dropSocket() {
    this.socket?.close(4000, 'dropped by the client');
  }

  open(first) {
    if (this.state !== 'reconnecting') this.setState(this.resumeToken ? 'reconnecting' : 'connecting');
    const socket = this.socketFactory(this.url);
    this.socket = socket;
    socket.onopen = () => socket.send(JSON.stringify(first));
    socket.onmessage = (e) => this.onFrame(socket, e.data);
    socket.onclose = (e) => this.onClose(socket, e);
    socket.onerror = () => { /* onclose follows */ };
  }

  onFrame(socket, text) {
    if (socket !== this.socket) return;
    let msg;
    try { msg = JSON.parse(text); } catch { return; }
    if (ROOM_FRAMES.has(msg.type)) this.received++;
    switch (msg.type) {
      case 'welcome': return this.onWelcome(msg);
      case 'pong': return;
      case 'error': return this.onError(msg);
      case 'draining':
        this.emit('draining', msg);
        if (this.moveOnDraining && this.state === 'joined') this.moveElsewhere();
        return;
      default: this.emit(msg.type, msg);
    }
  }

  onWelcome(msg) {
    const rejoined = this.rejoining;
    this.rejoining = false;
    this.peerId = msg.peerId;
    this.resumeToken = msg.resumeToken;
    this.received = 0;
    this.attempts = 0;
    if (this.drainMoves && Date.now() - this.lastDrainMove > 60_000) this.drainMoves = 0;
    this.setState('joined');
    this.startPing(msg.pingIntervalMs);
    const queued = rejoined ? [] : this.pending;      // after a rejoin, what was queued was the old peer's
    this.pending = [];
    queued.forEach((m) => this.send(m));
    this.emit('welcome', msg);
    this.joinWaiter?.resolve(msg);
    this.joinWaiter = null;
  }

  onError(msg) {
    if (this.rejoining && !this.peerId) {           // the fresh join with a refreshed token was refused
      this.rejoining = false;
      this.setState('closed', msg.code);
      this.stop();
      this.emit('error', msg);
      return;
    }
    if (msg.code === 'server-draining' && !this.peerId && this.moveOnDraining
        && ++this.attempts <= this.reconnect.maxAttempts) {
      this.emit('error', msg);                      // this node takes no joins: try the next one
      this.retryJoinElsewhere();
      return;
    }
    if (this.joinWaiter && !this.peerId) {          // the first join was refused
      this.joinWaiter.reject(Object.assign(new Error(msg.message), { code: msg.code }));
      this.joinWaiter = null;
      this.setState('closed', msg.code);
      this.stop();
      return;
    }
    if (FATAL_ON_RESUME.has(msg.code) && this.state === 'reconnecting') {
      this.resumeToken = null;                      // the old peer is gone: join afresh, or the app must
      if (this.refreshToken) {
        this.emit('error', msg);
        this.rejoin(msg.message);
        return;
      }
      this.setState('closed', msg.code);
      this.stop();
    }
    this.emit('error', msg);
  }

  /** A fresh join with a token from the refreshToken hook; what was queued for the old peer is dropped. */
  async rejoin(reason) {
    this.pending = [];
    this.peerId = null;
    this.rejoining = true;
    let token;
    try {
      token = await this.refreshToken({ room: this.room, reason });
    } catch (e) {
      this.setState('closed', `refreshToken failed: ${e?.message ?? e}`);
      this.stop();
      return;
    }
    if (this.state !== 'reconnecting') return;     // left meanwhile
    this.stop();
    this.joinArgs = { ...this.joinArgs, token };
    this.joinWaiter = null;
    this.open({ type: 'join', room: this.room, ...defined(this.joinArgs) });
  }

  /** The next URL of `urls` (the same one when there is only one: a load balancer picks the node). */
  nextUrl() {
    this.urlIndex = (this.urlIndex + 1) % this.urls.length;
    this.url = this.urls[this.urlIndex];
  }

  /** Reconnect back-off for attempt `n` (1, 2, …): doubling from minMs to maxMs, with jitter. */
  backoff(n) {
    const base = Math.min(this.reconnect.maxMs, this.reconnect.minMs * 2 ** (n - 1));
    return base / 2 + Math.random() * base / 2;
  }

  /**
   * The node drains: resume on the next one now (once more later if that one drains too). The old
   * socket is closed after the new one is asked for, and what it still receives is not counted: the
   * room replays it after `received`.
   */
  moveElsewhere() {
    const old = this.socket;
    this.socket = null;
    this.stopPing();
    this.nextUrl();
    this.setState('reconnecting', 'draining');
    const delay = this.drainMoves === 0 ? 0 : this.backoff(this.drainMoves);
    this.drainMoves++;
    this.lastDrainMove = Date.now();
    const resume = () => this.open({ type: 'join', room: this.room, resume: this.resumeToken, received: this.received });
    if (delay === 0) resume();
    else this.retryTimer = this.timers.setTimeout(resume, delay);
    try { old?.close(1000, 'draining: moving to another node'); } catch { /* already closed */ }
  }

  /** A join refused with server-draining: the same join on the next URL, after the back-off. */
  retryJoinElsewhere() {
    const old = this.socket;
    this.socket = null;
    try { old?.close(1000, 'server-draining'); } catch { /* the server closes it too */ }
    this.nextUrl();
    const first = { type: 'join', room: this.room, ...defined(this.joinArgs) };
    this.retryTimer = this.timers.setTimeout(() => this.open(first), this.backoff(this.attempts));
  }

  onClose(socket, e) {
    if (socket !== this.socket || this.state === 'closed') return;
    this.stopPing();
    if (!this.resumeToken || e.code === 1000) {     // never joined, or closed by the server on purpose
      this.setState('closed', e.reason || `socket closed (${e.code})`);
      return;
    }
    if (++this.attempts > this.reconnect.maxAttempts) {
      this.setState('closed', 'gave up reconnecting');
      return;
    }
    this.setState('reconnecting');
    this.nextUrl();                                 // that node may be gone: any other takes the resume
    const delay = this.backoff(this.attempts);
    this.retryTimer = this.timers.setTimeout(() => this.open({
      type: 'join', room: this.room, resume: this.resumeToken, received: this.received,
    }), delay);
  }

  startPing(intervalMs) {
    this.stopPing();
    if (intervalMs > 0) {
      this.pingTimer = this.timers.setInterval(() => {
        if (this.socket?.readyState === 1) this.socket.send('{"type":"ping"}');
      }, intervalMs);
    }
  }

  stopPing() {
    if (this.pingTimer) this.timers.clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  stop() {
    this.stopPing();
    if (this.retryTimer) this.timers.clearTimeout(this.retryTimer);
    try { this.socket?.close(1000, 'leave'); } catch { /* already closed */ }
  }

  setState(state, reason) {
    if (this.state === state) return;
    this.state = state;
    this.emit('state', { state, reason });
  }
}

function defined(obj) {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && v !== null));
}
