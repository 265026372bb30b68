// A user's code against the packed SDK: must type-check with `tsc --noEmit` (test/package.test.mjs).
// The @ts-expect-error lines prove the events are typed: with `any` types they would be unused (an error).
import { SkyRtcCall, Signaling, statsSampler, wechatSocketFactory, browserSocketFactory, Emitter } from '@skyrtc/sdk';
import type { Welcome, CallEvents, SignalingEvents, ServerError, Stats } from '@skyrtc/sdk';

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
  const off = call.on('peer-left', () => undefined);
  off();
  call.leave();

  // @ts-expect-error an event the SDK never emits
  call.on('peer-joind', () => undefined);
  // @ts-expect-error peer-left carries {peerId, reason}, not a PeerInfo with a name
  call.on('peer-left', (e) => console.log(e.name));
  // @ts-expect-error setEnabled takes 'audio' | 'video'
  call.setEnabled('screen', true);

  const s = new Signaling({ url: 'wss://rtc.example.com/ws', socketFactory: browserSocketFactory,
    reconnect: { minMs: 100, maxMs: 2000 } });
  s.on('offer', (m) => console.log(m.from, m.sdp.length));
  s.on('welcome', (m) => console.log(m.resumeToken));
  // @ts-expect-error a data message's payload is unknown until checked
  s.on('data', (m) => m.payload.hp.toFixed());
  const wx = { connectSocket: () => ({}) };
  console.log(wechatSocketFactory(wx), Emitter.name);
  const events: (keyof CallEvents | keyof SignalingEvents)[] = ['track', 'offer'];
  console.log(events);
}
