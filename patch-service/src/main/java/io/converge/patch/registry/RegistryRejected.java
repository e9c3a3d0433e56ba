package io.converge.patch.registry;

/** asset-service answered a 4xx to a target filter: the filter is wrong, retrying will not help. */
public final class RegistryRejected extends RuntimeException {

    private final int status;

    public RegistryRejected(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
