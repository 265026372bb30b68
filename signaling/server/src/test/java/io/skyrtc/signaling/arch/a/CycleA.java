package io.skyrtc.signaling.arch.a;

/** Half of a deliberate package cycle: ArchitectureTest shows its rule finds one. */
public final class CycleA {
    public io.skyrtc.signaling.arch.b.CycleB other;
}
