// Types for the skyrtc JS client SDK (skyrtc.js). Protocol: docs/PROTOCOL.md.

export type Unsubscribe = () => void;

/** Typed events: `on('peer-left', e => e.peerId)` knows `e`; an unknown event name does not compile. */
export declare class Emitter<Events extends object = Record<string, unknown>> {
  on<K extends keyof Events & string>(type: K, fn: (value: Events[K]) => void): Unsubscribe;
  off<K extends keyof Events & string>(type: K, fn: (value: Events[K]) => void): void;
  emit<K extends keyof Events & string>(type: K, value?: Events[K]): void;
}

/** Anything with the WebSocket surface the SDK uses. */
export interface SocketLike {
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((e: unknown) => void) | null;
  onmessage: ((e: { data: string }) => void) | null;
  onclose: ((e: { code: number; reason: string }) => void) | null;
  onerror: ((e: unknown) => void) | null;
}

export type SocketFactory = (url: string) => SocketLike;

export declare const browserSocketFactory: SocketFactory;
/** WeChat mini-program adapter over wx.connectSocket. */
export declare function wechatSocketFactory(wx: unknown): SocketFactory;

export interface IceServer { urls: string | string[]; username?: string; credential?: string }
export interface PeerInfo { peerId: string; name?: string; meta?: Record<string, unknown> }

export interface Welcome {
  type: 'welcome';
  peerId: string;
  room: string;
  peers: PeerInfo[];
  iceServers: IceServer[];
  resumeToken: string;
  pingIntervalMs: number;
  resumed?: boolean;
  grants: { canPublish: boolean; canSubscribe: boolean; canData: boolean };
  limits: Record<string, number>;
}

export interface ServerError { type: 'error'; code: string; message: string; ref?: string }

export type SignalingState = 'idle' | 'connecting' | 'joined' | 'reconnecting' | 'closed';

export interface SignalingOptions {
  url: string;
  socketFactory?: SocketFactory;
  /** Back-off between reconnect attempts: min doubling to max, with jitter (defaults 250 / 5000 ms). */
  reconnect?: { minMs?: number; maxMs?: number; maxAttempts?: number };
}

export interface JoinOptions { name?: string; token?: string; meta?: Record<string, unknown> }

/** A message another peer sent through the server ({@code from} is its peerId). */
export interface Relayed { from: string }

export interface SignalingEvents {
  state: { state: SignalingState; reason?: string };
  welcome: Welcome;
  error: ServerError;
  'peer-joined': { type: 'peer-joined'; peer: PeerInfo };
  'peer-left': { type: 'peer-left'; peerId: string; reason: string };
  offer: Relayed & { type: 'offer'; sdp: string };
  answer: Relayed & { type: 'answer'; sdp: string };
  candidate: Relayed & { type: 'candidate'; candidate: RTCIceCandidateInit | null };
  data: Relayed & { type: 'data'; payload: unknown };
}

export declare class Signaling extends Emitter<SignalingEvents> {
  constructor(options: SignalingOptions);
  readonly state: SignalingState;
  readonly peerId: string | null;
  readonly resumeToken: string | null;
  join(room: string, options?: JoinOptions): Promise<Welcome>;
  send(message: Record<string, unknown>): void;
  leave(): void;
  /** Drops the socket without leaving (as a network failure would); the SDK resumes. */
  dropSocket(): void;
}

export interface CallOptions extends SignalingOptions {
  rtc?: { RTCPeerConnection: typeof RTCPeerConnection };
  iceTransportPolicy?: RTCIceTransportPolicy;
  localStream?: MediaStream;
  signaling?: Signaling;
}

export interface CallEvents {
  state: { state: SignalingState; reason?: string };
  welcome: Welcome;
  error: ServerError;
  track: { peerId: string; stream: MediaStream; track: MediaStreamTrack };
  'peer-joined': PeerInfo;
  'peer-left': { peerId: string; reason: string };
  'peer-state': { peerId: string; state: RTCPeerConnectionState };
  data: { from: string; payload: unknown };
}

export declare class SkyRtcCall extends Emitter<CallEvents> {
  constructor(options: CallOptions);
  readonly signaling: Signaling;
  readonly peerId: string | null;
  readonly peers: Map<string, { peerId: string; pc: RTCPeerConnection; stream: MediaStream | null }>;
  join(room: string, options?: JoinOptions): Promise<Welcome>;
  leave(): void;
  sendData(payload: unknown, to?: string): void;
  setEnabled(kind: 'audio' | 'video', enabled: boolean): void;
  replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void>;
  addTrack(track: MediaStreamTrack, stream: MediaStream): void;
  removeTrack(kind: 'audio' | 'video'): void;
}

export interface Stats {
  inKbps: number; outKbps: number; rttMs: number | null; pair: string | null;
  localType: string | null; framesDecoded: number;
}
export declare function statsSampler(pc: RTCPeerConnection): () => Promise<Stats>;
