// One remote peer of a mesh call: its RTCPeerConnection, perfect negotiation (glare-safe), trickle ICE,
// ICE restart on failure, and a peer-to-peer data channel.

/** The built-in data channel: negotiated by both sides with a fixed id, so neither has to wait for it. */
export const CHANNEL = { label: 'skyrtc', id: 0 };

export class RemotePeer {
  constructor(call, peerId, weCall) {
    this.call = call;
    this.peerId = peerId;
    this.polite = call.peerId > peerId;    // both sides agree on who yields in a glare
    this.makingOffer = false;
    this.ignoreOffer = false;
    this.stream = null;
    this.channel = null;
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
    if (call.options.dataChannel !== false) this.openChannel();
    const local = call.localStream;
    if (local) {
      local.getTracks().forEach((t) => pc.addTrack(t, local));
    } else if (weCall) {                   // nothing to send: still ask to receive audio and video
      pc.addTransceiver('audio', { direction: 'recvonly' });
      pc.addTransceiver('video', { direction: 'recvonly' });
    }
  }

  openChannel() {
    const ch = this.pc.createDataChannel(CHANNEL.label, { negotiated: true, id: CHANNEL.id });
    ch.binaryType = 'arraybuffer';
    this.channel = ch;
    const { call, peerId } = this;
    ch.onopen = () => call.emit('channel', { peerId, state: 'open' });
    ch.onclose = () => call.emit('channel', { peerId, state: 'closed' });
    ch.onmessage = (e) => {
      let payload = e.data;
      if (typeof payload === 'string') {
        try { payload = JSON.parse(payload); } catch { return; }   // not ours: the SDK sends JSON text
      }
      call.emit('peer-data', { from: peerId, payload });
    };
  }

  /** JSON (or an ArrayBuffer / typed array as binary) over the data channel; false when it is not open. */
  sendDirect(payload) {
    if (this.channel?.readyState !== 'open') return false;
    const binary = payload instanceof ArrayBuffer || ArrayBuffer.isView(payload);
    this.channel.send(binary ? payload : JSON.stringify(payload));
    return true;
  }

  /** New iceServers (fresh TURN credentials): later gathering uses them; `restart` regathers now. */
  setIceServers(iceServers, restart) {
    const pc = this.pc;
    if (pc.signalingState === 'closed') return;
    pc.setConfiguration({ ...pc.getConfiguration(), iceServers });
    if (restart) pc.restartIce();
  }

  /** Whether the selected candidate pair goes through this side's TURN relay. */
  async relayed() {
    const stats = new Map();
    (await this.pc.getStats()).forEach((s) => stats.set(s.id, s));
    const transport = [...stats.values()].find((s) => s.type === 'transport');
    const pair = stats.get(transport?.selectedCandidatePairId);
    return stats.get(pair?.localCandidateId)?.candidateType === 'relay';
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

  close() {
    this.channel?.close();
    this.pc.close();
  }
}

function toInit(c) {
  return typeof c.toJSON === 'function' ? c.toJSON()
    : { candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex, usernameFragment: c.usernameFragment };
}
