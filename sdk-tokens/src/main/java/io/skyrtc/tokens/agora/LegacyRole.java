package io.skyrtc.tokens.agora;

/**
 * Roles of the legacy "006" RtcTokenBuilder with Agora's documented privileges (as in its Node and
 * Python builders): attendee, publisher and admin may join and publish; a subscriber may only join.
 * (Agora's Java 006 builder maps attendee to join-only and subscriber to publish: a known bug.)
 */
public enum LegacyRole {
    ATTENDEE(true), PUBLISHER(true), SUBSCRIBER(false), ADMIN(true);

    private final boolean publishes;

    LegacyRole(boolean publishes) {
        this.publishes = publishes;
    }

    public boolean publishes() {
        return publishes;
    }
}
