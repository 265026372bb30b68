// Test doubles for the SDK's Node tests: an in-memory skyrtc server speaking protocol v1 (enough of
// it: join/resume/relay/leave), sockets connected to it, and an RTCPeerConnection that models the
// signaling state machine (offers, answers, implicit rollback) and trickle ICE.

const tick = () => new Promise((r) => setTimeout(r, 0));

export class FakeServer {
  constructor() {
    this.peers = new Map();      // peerId -> {socket, room, resumeToken, queue: [], received: []}
    this.next = 1;
    this.frames = [];            // every client frame, for assertions
    this.refuseResume = null;    // a message: every resume is refused with resume-invalid and it
    this.tokens = [];            // the token of every fresh join
    this.drainingUrls = new Set(); // sockets to these URLs get server-draining on a fresh join
  }

  /** Pushes fresh iceServers to one peer, as the server does before TURN credentials expire. */
  pushIceServers(peerId, iceServers) {
    this.peers.get(peerId).socket.deliver({ type: 'ice-servers', iceServers });
  }

  factory() {
    return (url) => new FakeSocket(this, url);
  }

  onClientFrame(socket, text) {
    const m = JSON.parse(text);
    this.frames.push(m);
    if (m.type === 'join') return this.join(socket, m);
    if (m.type === 'ping') return socket.deliver({ type: 'pong' });
    const me = socket.peer;
    if (m.type === 'update') {
      me.meta = m.meta;
      return this.broadcast(me, { type: 'peer-updated', peer: this.info(me) });
    }
    if (m.type === 'leave') {
      this.peers.delete(me.peerId);
      this.broadcast(me, { type: 'peer-left', peerId: me.peerId, reason: 'leave' });
      return socket.serverClose(1000, 'leave');
    }
    const out = { ...m, from: me.peerId };
    delete out.to;
    if (m.to) this.sendTo(this.peers.get(m.to), out);
    else this.broadcast(me, out);
  }

  join(socket, m) {
    if (m.resume) {
      if (this.refuseResume) return socket.deliver({ type: 'error', code: 'resume-invalid', message: this.refuseResume });
      const p = [...this.peers.values()].find((x) => x.resumeToken === m.resume);
      if (!p) return socket.deliver({ type: 'error', code: 'resume-invalid', message: 'unknown resume token' });
      p.socket = socket;
      socket.peer = p;
      p.resumeToken = `rt-${this.next++}`;
      socket.deliver(this.welcome(p, true));
      const queued = p.queue;
      p.queue = [];
      queued.forEach((f) => socket.deliver(f));
      return;
    }
    if (this.drainingUrls.has(socket.url)) {
      socket.deliver({ type: 'error', code: 'server-draining', message: 'this node is draining' });
      return setTimeout(() => socket.serverClose(1001, 'server-draining'), 0);   // after the error, as the server does
    }
    if (m.room === 'full') return socket.deliver({ type: 'error', code: 'room-full', message: 'room is full' });
    if (m.token === 'expired') return socket.deliver({ type: 'error', code: 'token-expired', message: 'expired' });
    this.tokens.push(m.token);
    const p = { peerId: `p${this.next++}`, room: m.room, socket, resumeToken: `rt-${this.next++}`, queue: [],
      name: m.name, meta: m.meta };
    socket.peer = p;
    const others = [...this.peers.values()].filter((x) => x.room === m.room);
    this.peers.set(p.peerId, p);
    socket.deliver(this.welcome(p, false, others));
    others.forEach((o) => this.sendTo(o, { type: 'peer-joined', peer: this.info(p) }));
  }

  info(p) { return { peerId: p.peerId, name: p.name, meta: p.meta }; }

  welcome(p, resumed, others = []) {
    return { type: 'welcome', peerId: p.peerId, room: p.room, peers: others.map((o) => this.info(o)),
      iceServers: [], resumeToken: p.resumeToken, pingIntervalMs: 0, resumed, grants: {}, limits: {} };
  }

  broadcast(from, frame) {
    for (const p of this.peers.values()) if (p !== from && p.room === from.room) this.sendTo(p, frame);
  }

  sendTo(p, frame) {
    if (!p) return;
    if (p.socket.readyState === 1) p.socket.deliver(frame);
    else p.queue.push(frame);      // detached: kept for resume
  }
}

export class FakeSocket {
  constructor(server, url) {
    this.server = server;
    this.url = url;
    this.readyState = 0;
    setTimeout(() => { this.readyState = 1; this.onopen?.({}); }, 0);
  }

  send(text) {
    if (this.readyState !== 1) throw new Error('socket not open');
    setTimeout(() => this.server.onClientFrame(this, text), 0);
  }

  deliver(frame) {
    setTimeout(() => { if (this.readyState === 1) this.onmessage?.({ data: JSON.stringify(frame) }); }, 0);
  }

  close(code = 1000, reason = '') { this.serverClose(code, reason); }

  serverClose(code, reason) {
    if (this.readyState === 3) return;
    this.readyState = 3;
    setTimeout(() => this.onclose?.({ code, reason }), 0);
  }
}

let pcIds = 0;

/**
 * Like a browser's: operations run one after another (the operations chain), negotiationneeded fires
 * only in 'stable' and only while a sender (or an ICE restart) has not been negotiated yet, and an
 * offer arriving in 'have-local-offer' rolls back the local one.
 */
export class FakePC {
  static all = [];

  constructor(config) {
    this.id = ++pcIds;
    this.config = config;
    this.signalingState = 'stable';
    this.connectionState = 'new';
    this.localDescription = null;
    this.remoteDescription = null;
    this.senders = [];
    this.transceivers = [];
    this.candidates = [];
    this.offersMade = 0;
    this.rollbacks = 0;
    this.restartPending = false;
    this.negotiated = new Set();
    this.chain = Promise.resolve();
    this.channels = [];
    this.statsReport = [];       // what getStats() answers (a test sets it)
    FakePC.all.push(this);
  }

  getConfiguration() { return { ...this.config }; }
  setConfiguration(config) { this.config = config; }
  async getStats() { return new Map(this.statsReport.map((s) => [s.id, s])); }

  /** A channel that opens with the connection; `remote` (set by a test) receives what it sends. */
  createDataChannel(label, init) {
    const ch = { label, ...init, readyState: 'connecting', sent: [], remote: null,
      send(data) { this.sent.push(data); setTimeout(() => this.remote?.onmessage?.({ data }), 0); },
      close() { this.readyState = 'closed'; this.onclose?.(); } };
    this.channels.push(ch);
    return ch;
  }

  op(fn) {
    const run = this.chain.then(() => new Promise((r) => setTimeout(r, 0))).then(fn);
    this.chain = run.catch(() => {});
    return run;
  }

  addTrack(track, stream) {
    const sender = { track, stream, replaceTrack: async (t) => { sender.track = t; } };
    this.senders.push(sender);
    this.checkNegotiation();
    return sender;
  }

  addTransceiver(kind, init) { this.transceivers.push({ kind, ...init }); this.checkNegotiation(); }
  getSenders() { return this.senders; }
  removeTrack(sender) { this.senders = this.senders.filter((s) => s !== sender); this.checkNegotiation(); }
  restartIce() { this.restartPending = true; this.checkNegotiation(); }
  close() { this.signalingState = 'closed'; this.setConnection('closed'); }

  unnegotiated() {
    return this.restartPending || this.senders.some((s) => !this.negotiated.has(s.track.id))
      || this.transceivers.some((t) => !this.negotiated.has(`rx-${t.kind}`));
  }

  checkNegotiation() {
    setTimeout(() => {
      if (this.signalingState === 'stable' && this.unnegotiated() && !this.firing) {
        this.firing = true;
        setTimeout(() => { this.firing = false; if (this.signalingState === 'stable' && this.unnegotiated()) this.onnegotiationneeded?.(); }, 0);
      }
    }, 0);
  }

  describe(type) {
    return { type, sdp: `${type} tracks=${this.senders.map((s) => `${s.track.kind}:${s.track.id}`).join(',')}` };
  }

  setLocalDescription(desc) {
    return this.op(() => {
      const type = desc?.type ?? (this.signalingState === 'have-remote-offer' ? 'answer' : 'offer');
      if (type === 'offer') {
        if (this.signalingState !== 'stable') throw new Error('InvalidStateError: offer in ' + this.signalingState);
        this.offersMade++;
        this.offering = { senders: this.senders.map((s) => s.track.id), restart: this.restartPending };
        this.signalingState = 'have-local-offer';
      } else {
        if (this.signalingState !== 'have-remote-offer') throw new Error('InvalidStateError: answer in ' + this.signalingState);
        this.senders.forEach((s) => this.negotiated.add(s.track.id));
        this.transceivers.forEach((t) => this.negotiated.add(`rx-${t.kind}`));
        this.signalingState = 'stable';
        this.settled();
      }
      this.localDescription = this.describe(type);
      this.trickle();
    });
  }

  setRemoteDescription(desc) {
    return this.op(() => {
      if (desc.type === 'offer') {
        if (this.signalingState === 'have-local-offer') { this.rollbacks++; this.offering = null; }
        this.signalingState = 'have-remote-offer';
      } else {
        if (this.signalingState !== 'have-local-offer') throw new Error('InvalidStateError: answer in ' + this.signalingState);
        this.offering.senders.forEach((id) => this.negotiated.add(id));
        this.transceivers.forEach((t) => this.negotiated.add(`rx-${t.kind}`));
        if (this.offering.restart) this.restartPending = false;
        this.signalingState = 'stable';
      }
      this.remoteDescription = desc;
      for (const t of desc.sdp.split('tracks=')[1].split(',').filter(Boolean)) {
        const [kind, id] = t.split(':');
        this.ontrack?.({ track: { kind, id }, streams: [{ id: `stream-of-${id}` }] });
      }
      if (this.signalingState === 'stable') this.settled();
    });
  }

  addIceCandidate(c) {
    return this.op(() => {
      if (!this.remoteDescription) throw new Error('InvalidStateError: no remote description');
      this.candidates.push(c ?? null);
    });
  }

  settled() {
    if (this.localDescription || this.remoteDescription) this.setConnection('connected');
    this.checkNegotiation();
  }

  trickle() {
    setTimeout(() => {
      this.onicecandidate?.({ candidate: { candidate: `candidate:${this.id} 1 udp 1 127.0.0.1 9 typ host`, sdpMid: '0', sdpMLineIndex: 0 } });
      this.onicecandidate?.({ candidate: null });
    }, 0);
  }

  setConnection(state) {
    if (this.connectionState === state) return;
    this.connectionState = state;
    this.onconnectionstatechange?.();
    if (state === 'connected') {
      this.channels.filter((c) => c.readyState === 'connecting').forEach((c) => { c.readyState = 'open'; c.onopen?.(); });
    }
  }
}

export function fakeStream(prefix) {
  const track = (kind, id) => ({ kind, id, enabled: true, stopped: false, stop() { this.stopped = true; } });
  let tracks = [track('audio', `${prefix}-a`), track('video', `${prefix}-v`)];
  return { id: prefix, getTracks: () => tracks, removeTrack: (t) => { tracks = tracks.filter((x) => x !== t); },
    addTrack: (t) => { tracks = [...tracks, t]; } };
}

export async function until(cond, ms = 2000, what = 'condition') {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
