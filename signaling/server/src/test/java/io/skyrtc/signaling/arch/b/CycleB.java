package io.skyrtc.signaling.arch.b;

/** The other half of ArchitectureTest's deliberate package cycle. */
public final class CycleB {
    public io.skyrtc.signaling.arch.a.CycleA other;
}
