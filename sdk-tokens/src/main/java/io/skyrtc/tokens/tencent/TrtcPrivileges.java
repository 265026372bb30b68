package io.skyrtc.tokens.tencent;

/** PrivateMapKey privilege bits. */
public final class TrtcPrivileges {
    public static final int CREATE_ROOM = 1;
    public static final int ENTER_ROOM = 2;
    public static final int SEND_AUDIO = 4;
    public static final int RECV_AUDIO = 8;
    public static final int SEND_VIDEO = 16;
    public static final int RECV_VIDEO = 32;
    public static final int SEND_SUB_VIDEO = 64;
    public static final int RECV_SUB_VIDEO = 128;
    /** Every privilege. */
    public static final int ALL = 255;
    /** Enter and receive audio/video: an audience member. */
    public static final int AUDIENCE = ENTER_ROOM | RECV_AUDIO | RECV_VIDEO;

    private TrtcPrivileges() {
    }
}
