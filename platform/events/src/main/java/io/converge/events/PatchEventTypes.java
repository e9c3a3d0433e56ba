package io.converge.events;

/** CloudEvents {@code type} values published by patch-service on {@link Topics#PATCH_EVENTS}. */
public final class PatchEventTypes {
    public static final String SOURCE = "/converge/patch-service";

    private PatchEventTypes() {
    }
}
