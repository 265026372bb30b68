// skyrtc JS client SDK: plain ES module, no dependencies. See skyrtc.d.ts and web-demo/README.md.
export { Signaling, browserSocketFactory, wechatSocketFactory } from './signaling.js';
export { SkyRtcCall } from './call.js';
export { statsSampler } from './stats.js';
export { qualitySampler, grade } from './quality.js';
export { listDevices, openDevice } from './devices.js';
export { Emitter } from './emitter.js';
