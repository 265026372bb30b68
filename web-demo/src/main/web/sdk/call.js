// skyrtc mesh call: one RTCPeerConnection per remote peer (peer.js), with peer-to-peer data channels,
// mute/camera state shared through the server (update → peer-updated), fresh TURN credentials applied
// when the server pushes them, device switching and quality events. Peer connections survive a
// signaling reconnect.

import { Emitter } from './emitter.js';
import { Signaling } from './signaling.js';
import { RemotePeer } from './peer.js';
import { openDevice } from './devices.js';
import { qualitySampler } from './quality.js';

/**
 * Events: 'state' (signaling state), 'welcome', 'peer-joined' (peer), 'peer-updated' (peer),
 * 'peer-left' ({peerId, reason}), 'track' ({peerId, stream, track}), 'peer-state' ({peerId, state}),
 * 'data' ({from, payload}, through the server), 'peer-data' ({from, payload}, peer to peer),
 * 'channel' ({peerId, state}), 'ice-servers' ({iceServers, restarted}), 'quality' ({peerId, quality,
 * rttMs, packetLoss, jitterMs, inKbps, outKbps}), 'error' (server error message).
 */
export class SkyRtcCall extends Emitter {
  /**
   * @param options.url            wss://host/ws
   * @param options.socketFactory  (url) => WebSocket-like (default: browser WebSocket)
   * @param options.rtc            { RTCPeerConnection } (default: the global one)
   * @param options.iceTransportPolicy 'all' (default) or 'relay'
   * @param options.localStream    MediaStream to send (optional; without one the call only receives)
   * @param options.dataChannel    false: no peer-to-peer data channel (default: one per peer)
   * @param options.qualityIntervalMs  'quality' events this often per connected peer (default 2000; 0 = none)
   * @param options.refreshToken   ({room, reason}) => token: rejoin when a resume is refused (Signaling)
   * @param options.mediaDevices   for switchDevice (default: navigator.mediaDevices)
   */
  constructor(options = {}) {
    super();
    this.options = options;
    this.RTCPeerConnection = options.rtc?.RTCPeerConnection ?? globalThis.RTCPeerConnection;
    this.signaling = options.signaling ?? new Signaling(options);
    this.timers = options.timers ?? globalThis;
    this.localStream = options.localStream ?? null;
    this.peers = new Map();       // peerId -> RemotePeer (a media connection)
    this.members = new Map();     // peerId -> {peerId, name?, meta?}: everyone else in the room
    this.meta = {};
    this.iceServers = [];
    const s = this.signaling;
    s.on('state', (e) => {
      if (e.state === 'closed') this.stopQuality();
      this.emit('state', e);
    });
    s.on('welcome', (w) => this.onWelcome(w));
    s.on('peer-joined', (m) => { this.members.set(m.peer.peerId, m.peer); this.emit('peer-joined', m.peer); });
    s.on('peer-updated', (m) => { this.members.set(m.peer.peerId, m.peer); this.emit('peer-updated', m.peer); });
    s.on('peer-left', (m) => this.removePeer(m.peerId, m.reason));
    s.on('ice-servers', (m) => this.onIceServers(m.iceServers));
    // an offer from a peer we have no connection with yet (a newcomer calling us) creates one;
    // answers and candidates from unknown peers (e.g. just left) are ignored
    s.on('offer', (m) => (this.peers.get(m.from) ?? this.addPeer(m.from, false)).onDescription({ type: 'offer', sdp: m.sdp }));
    s.on('answer', (m) => this.peers.get(m.from)?.onDescription({ type: 'answer', sdp: m.sdp }));
    s.on('candidate', (m) => this.peers.get(m.from)?.onCandidate(m.candidate));
    s.on('data', (m) => this.emit('data', { from: m.from, payload: m.payload }));
    s.on('error', (m) => this.emit('error', m));
  }

  get peerId() { return this.signaling.peerId; }

  /** Joins the room; peers already there are called (newcomers call us). */
  join(room, opts = {}) {
    this.meta = { ...this.meta, ...(opts.meta ?? {}) };      // a mute set before joining is announced
    const joining = this.signaling.join(room, Object.keys(this.meta).length ? { ...opts, meta: this.meta } : opts);
    this.startQuality();
    return joining;
  }

  leave() {
    this.signaling.leave();
    this.stopQuality();
    for (const id of new Set([...this.members.keys(), ...this.peers.keys()])) this.removePeer(id, 'leave');
  }

  /** JSON data through the server to one peer, to everyone (no `to`), or to the game server (`to: 'server'`). */
  sendData(payload, to) { this.signaling.send(to ? { type: 'data', to, payload } : { type: 'data', payload }); }

  /**
   * JSON (or binary: an ArrayBuffer or typed array) peer to peer over the data channel, to one peer or
   * every connected one; no server hop, no server rate limit. Returns the peer ids it went to (a
   * channel not open yet is skipped).
   */
  sendDirect(payload, to) {
    const targets = to ? [this.peers.get(to)].filter(Boolean) : [...this.peers.values()];
    return targets.filter((p) => p.sendDirect(payload)).map((p) => p.peerId);
  }

  /** Replaces what the others see as our meta (they get 'peer-updated'). */
  updateMeta(meta) {
    this.meta = { ...meta };
    this.signaling.update(this.meta);
  }

  /** Mute/unmute without renegotiation; the others see it in our meta (`audio` / `video`: false when off). */
  setEnabled(kind, enabled, { announce = true } = {}) {
    this.localStream?.getTracks().filter((t) => t.kind === kind).forEach((t) => { t.enabled = enabled; });
    const meta = { ...this.meta, [kind]: enabled };
    if (announce && ['joined', 'reconnecting'].includes(this.signaling.state)) this.updateMeta(meta);
    else this.meta = meta;
  }

  /** Replaces the outgoing track of `kind` (screen share, camera switch; null = stop sending). */
  async replaceTrack(kind, track) {
    for (const p of this.peers.values()) {
      const sender = p.pc.getSenders().find((s) => s.track?.kind === kind || s.kindHint === kind);
      if (sender) { sender.kindHint = kind; await sender.replaceTrack(track); }
    }
  }

  /**
   * Sends from another camera or microphone (an id from listDevices()) without renegotiation: the new
   * track replaces the old one in every connection and in localStream, keeps its mute state, and the
   * old one is stopped. Returns the new track.
   */
  async switchDevice(kind, deviceId, constraints = {}) {
    const track = await openDevice(kind, deviceId, constraints, this.options.mediaDevices ?? globalThis.navigator?.mediaDevices);
    const old = this.localStream?.getTracks().find((t) => t.kind === kind);
    if (old) track.enabled = old.enabled;
    await this.replaceTrack(kind, track);
    if (this.localStream && old) {
      this.localStream.removeTrack(old);
      this.localStream.addTrack(track);
    }
    old?.stop();
    return track;
  }

  /** Adds a track to every peer connection (renegotiates). */
  addTrack(track, stream) {
    this.localStream ??= stream;
    for (const p of this.peers.values()) p.pc.addTrack(track, stream);
  }

  /** Removes the local track of `kind` from every peer connection (renegotiates). */
  removeTrack(kind) {
    for (const p of this.peers.values()) {
      p.pc.getSenders().filter((s) => s.track?.kind === kind).forEach((s) => p.pc.removeTrack(s));
    }
  }

  onWelcome(w) {
    const fresh = !w.resumed;
    if (fresh) {                                          // a rejoin as a new peer: the old calls are over
      for (const id of new Set([...this.members.keys(), ...this.peers.keys()])) this.removePeer(id, 'rejoined');
    }
    this.members = new Map(w.peers.map((p) => [p.peerId, p]));
    this.iceServers = w.iceServers ?? [];
    if (!fresh) this.peers.forEach((p) => p.setIceServers(this.iceServers, false));   // a resume brings fresh ones
    this.emit('welcome', w);
    if (!fresh) return;                                   // peer connections carry on as they were
    for (const p of w.peers) this.addPeer(p.peerId, true);
  }

  /**
   * Fresh TURN credentials: every connection uses them from now on; one relaying through TURN (or every
   * one with iceTransportPolicy 'relay') restarts ICE, so its allocation is made again with them.
   */
  async onIceServers(iceServers) {
    this.iceServers = iceServers;
    const restarted = [];
    for (const p of [...this.peers.values()]) {
      let restart = this.options.iceTransportPolicy === 'relay';
      if (!restart) {
        try { restart = await p.relayed(); } catch { restart = false; }
      }
      p.setIceServers(iceServers, restart);
      if (restart) restarted.push(p.peerId);
    }
    this.emit('ice-servers', { iceServers, restarted });
  }

  addPeer(peerId, weCall) {
    const p = new RemotePeer(this, peerId, weCall);
    this.peers.set(peerId, p);
    return p;
  }

  removePeer(peerId, reason) {
    const known = this.members.delete(peerId);
    const p = this.peers.get(peerId);
    if (p) {
      this.peers.delete(peerId);
      p.close();
    }
    if (p || known) this.emit('peer-left', { peerId, reason });
  }

  startQuality() {
    const every = this.options.qualityIntervalMs ?? 2000;
    if (!every || this.qualityTimer) return;
    const samplers = new Map();     // RemotePeer -> sampler
    this.qualityTimer = this.timers.setInterval(async () => {
      for (const p of [...this.peers.values()]) {
        if (p.pc.connectionState !== 'connected') continue;
        if (!samplers.has(p)) samplers.set(p, qualitySampler(p.pc));
        try {
          this.emit('quality', { peerId: p.peerId, ...await samplers.get(p)() });
        } catch { /* closed meanwhile */ }
      }
      for (const p of samplers.keys()) if (this.peers.get(p.peerId) !== p) samplers.delete(p);
    }, every);
    this.qualityTimer?.unref?.();   // never keeps a Node process alive
  }

  stopQuality() {
    if (this.qualityTimer) this.timers.clearInterval(this.qualityTimer);
    this.qualityTimer = null;
  }
}
