// A small event emitter (EventTarget is missing in some mini-program runtimes).
export class Emitter {
  constructor() { this.handlers = new Map(); }

  on(type, fn) {
    if (!this.handlers.has(type)) this.handlers.set(type, new Set());
    this.handlers.get(type).add(fn);
    return () => this.off(type, fn);
  }

  off(type, fn) { this.handlers.get(type)?.delete(fn); }

  emit(type, value) {
    for (const fn of [...(this.handlers.get(type) ?? [])]) {
      try { fn(value); } catch (e) { console.error(`skyrtc: '${type}' handler failed`, e); }
    }
  }
}
