// skyrtc mesh call: one RTCPeerConnection per remote peer, perfect negotiation (glare-safe),
// trickle ICE, ICE restart on failure; peer connections survive a signaling reconnect.

import { Emitter } from './emitter.js';
import { Signaling } from './signaling.js';

/**
 * Events: 'state' (signaling state), 'welcome', 'peer-joined' (peer), 'peer-left' ({peerId, reason}),
 * 'track' ({peerId, stream, track}), 'peer-state' ({peerId, state}), 'data' ({from, payload}),
 * 'error' (server error message).
 */
export class SkyRtcCall extends Emitter {
  /**
   * @param options.url            wss://host/ws
   * @param options.socketFactory  (url) => WebSocket-like (default: browser WebSocket)
   * @param options.rtc            { RTCPeerConnection } (default: the global one)
   * @param options.iceTransportPolicy 'all' (default) or 'relay'
   * @param options.localStream    MediaStream to send (optional; without one the call only receives)
   */
  constructor(options = {}) {
    super();
    this.options = options;
    this.RTCPeerConnection = options.rtc?.RTCPeerConnection ?? globalThis.RTCPeerConnection;
    this.signaling = options.signaling ?? new Signaling(options);
    this.localStream = options.localStream ?? null;
    this.peers = new Map();       // peerId -> RemotePeer
    this.iceServers = [];
    const s = this.signaling;
    s.on('state', (e) => this.emit('state', e));
    s.on('welcome', (w) => this.onWelcome(w));
    s.on('peer-joined', (m) => { this.emit('peer-joined', m.peer); });
    s.on('peer-left', (m) => this.removePeer(m.peerId, m.reason));
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
  join(room, opts) { return this.signaling.join(room, opts); }

  leave() {
    this.signaling.leave();
    for (const id of [...this.peers.keys()]) this.removePeer(id, 'leave');
  }

  /** JSON data to one peer, to everyone (no `to`), or to the game server (`to: 'server'`). */
  sendData(payload, to) { this.signaling.send(to ? { type: 'data', to, payload } : { type: 'data', payload }); }

  /** Mute/unmute without renegotiation. */
  setEnabled(kind, enabled) {
    this.localStream?.getTracks().filter((t) => t.kind === kind).forEach((t) => { t.enabled = enabled; });
  }

  /** Replaces the outgoing track of `kind` (screen share, camera switch; null = stop sending). */
  async replaceTrack(kind, track) {
    for (const p of this.peers.values()) {
      const sender = p.pc.getSenders().find((s) => s.track?.kind === kind || s.kindHint === kind);
      if (sender) { sender.kindHint = kind; await sender.replaceTrack(track); }
    }
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
    this.iceServers = w.iceServers ?? [];
    this.emit('welcome', w);
    if (w.resumed) return;                                // peer connections carry on as they were
    for (const p of w.peers) this.addPeer(p.peerId, true);
  }

  addPeer(peerId, weCall) {
    const p = new RemotePeer(this, peerId, weCall);
    this.peers.set(peerId, p);
    return p;
  }

  removePeer(peerId, reason) {
    const p = this.peers.get(peerId);
    if (!p) return;
    this.peers.delete(peerId);
    p.pc.close();
    this.emit('peer-left', { peerId, reason });
  }
}

/** One remote peer: its RTCPeerConnection and the perfect-negotiation state. */
class RemotePeer {
  constructor(call, peerId, weCall) {
    this.call = call;
    this.peerId = peerId;
    this.polite = call.peerId > peerId;    // both sides agree on who yields in a glare
    this.makingOffer = false;
    this.ignoreOffer = false;
    this.stream = null;
    const pc = new call.RTCPeerConnection({
      iceServers: call.iceServers,
      iceTransportPolicy: call.options.iceTransportPolicy ?? 'all',
    });
    this.pc = pc;
    pc.onnegotiationneeded = () => this.negotiate();
    pc.onicecandidate = (e) => this.signal({ type: 'candidate', candidate: e.candidate ? toInit(e.candidate) : null });
    // a removed peer's connection may still deliver events queued before close() (e.g. the state change
    // that the leaver's DTLS close caused): they must not resurrect it in the application
    pc.ontrack = (e) => {
      if (!this.current()) return;
      this.stream = e.streams[0] ?? this.stream ?? new globalThis.MediaStream([e.track]);
      call.emit('track', { peerId, stream: this.stream, track: e.track });
    };
    pc.onconnectionstatechange = () => {
      if (!this.current()) return;
      call.emit('peer-state', { peerId, state: pc.connectionState });
      if (pc.connectionState === 'failed') pc.restartIce();   // fires negotiationneeded with an ICE restart
    };
    const local = call.localStream;
    if (local) {
      local.getTracks().forEach((t) => pc.addTrack(t, local));
    } else if (weCall) {                   // nothing to send: still ask to receive audio and video
      pc.addTransceiver('audio', { direction: 'recvonly' });
      pc.addTransceiver('video', { direction: 'recvonly' });
    }
  }

  /** False once the peer was removed (left, or replaced). */
  current() { return this.call.peers.get(this.peerId) === this; }

  signal(msg) {
    if (!this.current()) return;    // removed meanwhile
    this.call.signaling.send({ ...msg, to: this.peerId });
  }

  async negotiate() {
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      this.signal({ type: 'offer', sdp: this.pc.localDescription.sdp });
    } catch (e) {
      console.warn('skyrtc: negotiation with', this.peerId, 'failed', e);
    } finally {
      this.makingOffer = false;
    }
  }

  async onDescription(description) {
    const pc = this.pc;
    const collision = description.type === 'offer' && (this.makingOffer || pc.signalingState !== 'stable');
    this.ignoreOffer = !this.polite && collision;
    if (this.ignoreOffer) return;          // the impolite side keeps its own offer
    try {
      await pc.setRemoteDescription(description);   // the polite side rolls back implicitly
      if (description.type === 'offer') {
        await pc.setLocalDescription();
        this.signal({ type: 'answer', sdp: pc.localDescription.sdp });
      }
    } catch (e) {
      console.warn('skyrtc: description from', this.peerId, 'failed', e);
    }
  }

  async onCandidate(candidate) {
    try {
      await this.pc.addIceCandidate(candidate ?? undefined);
    } catch (e) {
      if (!this.ignoreOffer) console.warn('skyrtc: candidate from', this.peerId, 'failed', e);
    }
  }
}

function toInit(c) {
  return typeof c.toJSON === 'function' ? c.toJSON()
    : { candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex, usernameFragment: c.usernameFragment };
}
