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

/**
 * Gives a fresh room token when a resume is refused (the token the peer joined with expired, or the
 * grace period ended); the session then joins again with it as a new peer.
 */
export type RefreshToken = (context: { room: string; reason: string }) => string | Promise<string>;

export interface SignalingOptions {
  /** The node (or load balancer) to use; or give `urls`. */
  url?: string;
  /** Several nodes: each reconnect (and each move off a draining node) goes to the next one. */
  urls?: string[];
  /** On `draining`, resume on the next URL at once (default true); a join refused with `server-draining` is tried there too. */
  moveOnDraining?: boolean;
  socketFactory?: SocketFactory;
  /** Back-off between reconnect attempts: min doubling to max, with jitter (defaults 250 / 5000 ms). */
  reconnect?: { minMs?: number; maxMs?: number; maxAttempts?: number };
  refreshToken?: RefreshToken;
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
  /** Another peer sent `update`: `peer.meta` is its meta now. */
  'peer-updated': { type: 'peer-updated'; peer: PeerInfo };
  /** The node drains (it goes away by `deadlineMs`); unless `moveOnDraining` is false the session moves now. */
  draining: { type: 'draining'; deadlineMs: number; inMs: number };
  /** Fresh TURN credentials, before those of the last welcome expire (not a room frame). */
  'ice-servers': { type: 'ice-servers'; iceServers: IceServer[] };
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
  /** Replaces the meta the others see (they get 'peer-updated'); a rejoin carries it. */
  update(meta: Record<string, unknown>): void;
  leave(): void;
  /** Drops the socket without leaving (as a network failure would); the SDK resumes. */
  dropSocket(): void;
}

export interface CallOptions extends SignalingOptions {
  rtc?: { RTCPeerConnection: typeof RTCPeerConnection };
  iceTransportPolicy?: RTCIceTransportPolicy;
  localStream?: MediaStream;
  signaling?: Signaling;
  /** false: no peer-to-peer data channel (default: one per peer, label 'skyrtc', negotiated id 0). */
  dataChannel?: boolean;
  /** 'quality' events this often per connected peer (default 2000 ms; 0 = none). */
  qualityIntervalMs?: number;
  /** For switchDevice (default: navigator.mediaDevices). */
  mediaDevices?: Pick<MediaDevices, 'getUserMedia' | 'enumerateDevices'>;
}

/** Mute and camera state as the SDK announces it in meta (false = off); other keys are the app's. */
export interface MediaMeta { audio?: boolean; video?: boolean; [key: string]: unknown }

export type QualityGrade = 'good' | 'fair' | 'poor';

/** Over the last interval: packetLoss is a fraction (0..1) of inbound packets. */
export interface Quality {
  quality: QualityGrade;
  rttMs: number | null;
  packetLoss: number;
  jitterMs: number | null;
  inKbps: number;
  outKbps: number;
}

/** JSON, or binary (an ArrayBuffer on receipt). */
export type DirectPayload = unknown;

export interface Device { deviceId: string; kind: 'audio' | 'video'; label: string; groupId: string }

export interface CallEvents {
  state: { state: SignalingState; reason?: string };
  welcome: Welcome;
  error: ServerError;
  track: { peerId: string; stream: MediaStream; track: MediaStreamTrack };
  'peer-joined': PeerInfo;
  /** A peer changed its meta (e.g. muted: `meta.audio === false`). */
  'peer-updated': PeerInfo;
  /** reason: the server's (leave, timeout, kicked, closed, shutdown), or 'leave' / 'rejoined' locally. */
  'peer-left': { peerId: string; reason: string };
  'peer-state': { peerId: string; state: RTCPeerConnectionState };
  /** Through the server. */
  data: { from: string; payload: unknown };
  /** Peer to peer, over the data channel. */
  'peer-data': { from: string; payload: DirectPayload };
  channel: { peerId: string; state: 'open' | 'closed' };
  /** Fresh TURN credentials were applied; `restarted`: the peers whose ICE was restarted with them. */
  'ice-servers': { iceServers: IceServer[]; restarted: string[] };
  quality: Quality & { peerId: string };
}

export interface RemotePeer {
  readonly peerId: string;
  readonly pc: RTCPeerConnection;
  readonly stream: MediaStream | null;
  /** The peer-to-peer data channel; null with dataChannel: false. */
  readonly channel: RTCDataChannel | null;
}

export declare class SkyRtcCall extends Emitter<CallEvents> {
  constructor(options: CallOptions);
  readonly signaling: Signaling;
  readonly peerId: string | null;
  /** Media connections, one per other peer. */
  readonly peers: Map<string, RemotePeer>;
  /** Everyone else in the room as they present themselves (meta updated by 'peer-updated'). */
  readonly members: Map<string, PeerInfo>;
  /** Our own meta as the others see it. */
  readonly meta: MediaMeta;
  readonly iceServers: IceServer[];
  join(room: string, options?: JoinOptions): Promise<Welcome>;
  leave(): void;
  sendData(payload: unknown, to?: string): void;
  /** Peer to peer over the data channel, to one peer or all; returns the peer ids it went to. */
  sendDirect(payload: DirectPayload | ArrayBuffer | ArrayBufferView, to?: string): string[];
  updateMeta(meta: MediaMeta): void;
  /** Mute/unmute; announces `{[kind]: enabled}` in meta unless announce is false. */
  setEnabled(kind: 'audio' | 'video', enabled: boolean, options?: { announce?: boolean }): void;
  replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void>;
  /** Sends from another camera/microphone (a deviceId from listDevices()); returns the new track. */
  switchDevice(kind: 'audio' | 'video', deviceId: string, constraints?: MediaTrackConstraints): Promise<MediaStreamTrack>;
  addTrack(track: MediaStreamTrack, stream: MediaStream): void;
  removeTrack(kind: 'audio' | 'video'): void;
}

export interface Stats {
  inKbps: number; outKbps: number; rttMs: number | null; pair: string | null;
  localType: string | null; framesDecoded: number;
}
export declare function statsSampler(pc: RTCPeerConnection): () => Promise<Stats>;
export declare function qualitySampler(pc: RTCPeerConnection, now?: () => number): () => Promise<Quality>;
/** poor from 10% loss or 400 ms RTT, fair from 3% or 200 ms, else good. */
export declare function grade(sample: { rttMs: number | null; packetLoss: number }): QualityGrade;
/** Cameras and microphones; labels need a granted permission. */
export declare function listDevices(mediaDevices?: Pick<MediaDevices, 'enumerateDevices'>): Promise<Device[]>;
export declare function openDevice(kind: 'audio' | 'video', deviceId: string, constraints?: MediaTrackConstraints,
  mediaDevices?: Pick<MediaDevices, 'getUserMedia'>): Promise<MediaStreamTrack>;
