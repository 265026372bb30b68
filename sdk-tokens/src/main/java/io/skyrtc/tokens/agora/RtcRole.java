package io.skyrtc.tokens.agora;

/**
 * AccessToken2 roles: a publisher gets join + publish audio/video/data, a subscriber join only
 * (Agora enforces the difference only when co-host authentication is on for the project).
 */
public enum RtcRole { PUBLISHER, SUBSCRIBER }
