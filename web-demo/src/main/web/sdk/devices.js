// Media devices: listing cameras and microphones, and opening one by id.

const KINDS = { audio: 'audioinput', video: 'videoinput' };

/** The cameras and microphones ({deviceId, kind: 'audio'|'video', label}); labels need a granted permission. */
export async function listDevices(mediaDevices = globalThis.navigator?.mediaDevices) {
  if (!mediaDevices?.enumerateDevices) throw new Error('no mediaDevices here (needs a secure context: https or localhost)');
  const all = await mediaDevices.enumerateDevices();
  return all.filter((d) => d.kind === KINDS.audio || d.kind === KINDS.video)
    .map((d) => ({ deviceId: d.deviceId, kind: d.kind === KINDS.audio ? 'audio' : 'video', label: d.label, groupId: d.groupId }));
}

/** A new track of `kind` from the device `deviceId` (`constraints` merged in, e.g. a video size). */
export async function openDevice(kind, deviceId, constraints = {}, mediaDevices = globalThis.navigator?.mediaDevices) {
  if (!KINDS[kind]) throw new Error(`kind must be 'audio' or 'video', not ${kind}`);
  const stream = await mediaDevices.getUserMedia({ [kind]: { ...constraints, deviceId: { exact: deviceId } } });
  return stream.getTracks().find((t) => t.kind === kind);
}
