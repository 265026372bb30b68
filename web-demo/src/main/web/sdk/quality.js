// Connection quality from getStats(): round-trip time, packet loss and jitter over the last interval,
// graded good / fair / poor.

/** Grades: poor from 10% loss or 400 ms RTT, fair from 3% loss or 200 ms RTT, else good. */
export function grade({ rttMs, packetLoss }) {
  if ((packetLoss ?? 0) >= 0.10 || (rttMs ?? 0) >= 400) return 'poor';
  if ((packetLoss ?? 0) >= 0.03 || (rttMs ?? 0) >= 200) return 'fair';
  return 'good';
}

/**
 * Returns a function that, called periodically, gives {rttMs, packetLoss, jitterMs, inKbps, outKbps,
 * quality} for one peer connection since the previous call (packetLoss is a fraction 0..1).
 */
export function qualitySampler(pc, now = () => globalThis.performance?.now() ?? Date.now()) {
  let last = null;
  return async () => {
    const at = now();
    let received = 0; let lost = 0; let inBytes = 0; let outBytes = 0; let jitter = null; let rtt = null;
    const byId = new Map();
    const report = await pc.getStats();
    report.forEach((s) => byId.set(s.id, s));
    report.forEach((s) => {
      if (s.type === 'inbound-rtp') {
        received += s.packetsReceived ?? 0;
        lost += Math.max(0, s.packetsLost ?? 0);
        inBytes += s.bytesReceived ?? 0;
        if (s.jitter != null) jitter = Math.max(jitter ?? 0, s.jitter);
      }
      if (s.type === 'outbound-rtp') outBytes += s.bytesSent ?? 0;
      if (s.type === 'transport' && s.selectedCandidatePairId) {
        rtt = byId.get(s.selectedCandidatePairId)?.currentRoundTripTime ?? rtt;
      }
    });
    const secs = last ? (at - last.at) / 1000 : 0;
    const dReceived = last ? received - last.received : received;
    const dLost = last ? lost - last.lost : lost;
    const sample = {
      rttMs: rtt != null ? Math.round(rtt * 1000) : null,
      packetLoss: dReceived + dLost > 0 ? Math.max(0, dLost) / (dReceived + dLost) : 0,
      jitterMs: jitter != null ? Math.round(jitter * 1000) : null,
      inKbps: secs > 0 ? Math.round(((inBytes - last.inBytes) * 8) / secs / 1000) : 0,
      outKbps: secs > 0 ? Math.round(((outBytes - last.outBytes) * 8) / secs / 1000) : 0,
    };
    last = { at, received, lost, inBytes, outBytes };
    return { ...sample, quality: grade(sample) };
  };
}
