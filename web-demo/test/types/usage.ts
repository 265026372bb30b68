// A user's code against the packed SDK: must type-check with `tsc --noEmit` (test/package.test.mjs).
// The @ts-expect-error lines prove the events are typed: with `any` types they would be unused (an error).
import { SkyRtcCall, Signaling, statsSampler, wechatSocketFactory, browserSocketFactory, Emitter, listDevices,
  qualitySampler, grade } from '@skyrtc/sdk';
import type { Welcome, CallEvents, SignalingEvents, ServerError, Stats, Quality, Device } from '@skyrtc/sdk';

export async function demo(local: MediaStream, token: string): Promise<void> {
  const call = new SkyRtcCall({ url: 'wss://rtc.example.com/ws', localStream: local, iceTransportPolicy: 'relay' });
  call.on('track', ({ peerId, stream, track }) => console.log(peerId, stream.id, track.kind));
  call.on('peer-joined', (peer) => console.log(peer.peerId, peer.name ?? ''));
  call.on('peer-left', ({ peerId, reason }) => console.log(peerId, reason));
  call.on('peer-state', ({ state }) => { const s: RTCPeerConnectionState = state; console.log(s); });
  call.on('state', ({ state }) => { if (state === 'reconnecting') console.log('signaling down'); });
  call.on('data', ({ from, payload }) => console.log(from, payload));
  call.on('error', (e: ServerError) => console.log(e.code, e.message));
  const w: Welcome = await call.join('match-42', { token, name: 'Alice' });
  console.log(w.peerId, w.iceServers.length, w.grants.canPublish);
  call.setEnabled('audio', false);
  await call.replaceTrack('video', null);
  call.sendData({ hp: 7 }, 'server');
  for (const p of call.peers.values()) {
    const sample: () => Promise<Stats> = statsSampler(p.pc);
    console.log((await sample()).inKbps);
  }
  call.on('peer-updated', (peer) => console.log(peer.peerId, peer.meta?.audio === false ? 'muted' : ''));
  call.on('peer-data', ({ from, payload }) => console.log(from, payload));
  call.on('channel', ({ peerId, state }) => { const s: 'open' | 'closed' = state; console.log(peerId, s); });
  call.on('quality', (q: Quality & { peerId: string }) => console.log(q.peerId, q.quality, q.rttMs, q.packetLoss));
  call.on('ice-servers', ({ iceServers, restarted }) => console.log(iceServers.length, restarted.join()));
  const sentTo: string[] = call.sendDirect({ move: [1, 2] });
  call.sendDirect(new Uint8Array([1, 2, 3]), sentTo[0]);
  call.updateMeta({ audio: false, status: 'away' });
  call.setEnabled('video', false, { announce: false });
  console.log(call.members.get('p_x')?.meta, call.meta.audio, call.peers.get('p_x')?.channel?.readyState);
  const devices: Device[] = await listDevices();
  const cam = devices.find((d) => d.kind === 'video');
  if (cam) { const t: MediaStreamTrack = await call.switchDevice('video', cam.deviceId, { width: 640 }); console.log(t.id); }
  for (const p of call.peers.values()) console.log((await qualitySampler(p.pc)()).jitterMs, grade({ rttMs: 10, packetLoss: 0 }));
  const refreshing = new SkyRtcCall({ url: 'wss://rtc.example.com/ws', qualityIntervalMs: 0, dataChannel: false,
    refreshToken: async ({ room, reason }) => `${room}:${reason}` });
  console.log(refreshing.iceServers);
  const off = call.on('peer-left', () => undefined);
  off();
  call.leave();

  // @ts-expect-error an event the SDK never emits
  call.on('peer-joind', () => undefined);
  // @ts-expect-error peer-left carries {peerId, reason}, not a PeerInfo with a name
  call.on('peer-left', (e) => console.log(e.name));
  // @ts-expect-error setEnabled takes 'audio' | 'video'
  call.setEnabled('screen', true);
  // @ts-expect-error a quality event has no 'score', its grade is 'quality'
  call.on('quality', (q) => console.log(q.score));
  // @ts-expect-error switchDevice needs a device id
  await call.switchDevice('video');
  // @ts-expect-error the refresh hook returns a token string
  new Signaling({ url: 'wss://x/ws', refreshToken: () => 42 });

  const s = new Signaling({ url: 'wss://rtc.example.com/ws', socketFactory: browserSocketFactory,
    reconnect: { minMs: 100, maxMs: 2000 } });
  s.on('offer', (m) => console.log(m.from, m.sdp.length));
  s.on('welcome', (m) => console.log(m.resumeToken));
  s.on('peer-updated', (m) => console.log(m.peer.meta));
  s.on('ice-servers', (m) => console.log(m.iceServers[0]?.username));
  s.update({ audio: true });
  // @ts-expect-error a data message's payload is unknown until checked
  s.on('data', (m) => m.payload.hp.toFixed());
  const wx = { connectSocket: () => ({}) };
  console.log(wechatSocketFactory(wx), Emitter.name);
  const events: (keyof CallEvents | keyof SignalingEvents)[] = ['track', 'offer'];
  console.log(events);
}
