// Live stats for the demo: bitrate in/out from two getStats() snapshots, RTT, and the candidate pair.

/** Returns a function that, called periodically, gives {inKbps, outKbps, rttMs, pair, framesDecoded}. */
export function statsSampler(pc) {
  let last = null;
  return async () => {
    const report = await pc.getStats();
    const now = { at: performance.now(), inBytes: 0, outBytes: 0, framesDecoded: 0 };
    let pair = null;
    const byId = new Map();
    report.forEach((s) => byId.set(s.id, s));
    report.forEach((s) => {
      if (s.type === 'inbound-rtp') { now.inBytes += s.bytesReceived ?? 0; now.framesDecoded += s.framesDecoded ?? 0; }
      if (s.type === 'outbound-rtp') now.outBytes += s.bytesSent ?? 0;
      if (s.type === 'candidate-pair' && (s.nominated || s.selected) && s.state === 'succeeded') pair = s;
    });
    const local = pair && byId.get(pair.localCandidateId);
    const remote = pair && byId.get(pair.remoteCandidateId);
    const secs = last ? (now.at - last.at) / 1000 : 0;
    const out = {
      inKbps: secs ? Math.round(((now.inBytes - last.inBytes) * 8) / secs / 1000) : 0,
      outKbps: secs ? Math.round(((now.outBytes - last.outBytes) * 8) / secs / 1000) : 0,
      rttMs: pair?.currentRoundTripTime != null ? Math.round(pair.currentRoundTripTime * 1000) : null,
      pair: pair ? `${local?.candidateType}/${local?.protocol} ⇄ ${remote?.candidateType}` : null,
      localType: local?.candidateType ?? null,
      framesDecoded: now.framesDecoded,
    };
    last = now;
    return out;
  };
}
