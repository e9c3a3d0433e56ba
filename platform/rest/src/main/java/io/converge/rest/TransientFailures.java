package io.converge.rest;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/** Classifies failures that go away by themselves, so callers retry them instead of failing or dead-lettering. */
public final class TransientFailures {

    private TransientFailures() {
    }

    /**
     * True for: database unreachable or restarting (SQLSTATE classes 08, 53, 57), serialization failures and
     * deadlocks (40), closed or reset connections, connection refused, timeouts, and {@link DomainException.Kind#UNAVAILABLE}.
     */
    public static boolean test(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DomainException d) {
                return d.kind() == DomainException.Kind.UNAVAILABLE;
            }
            if (t instanceof PgException pg) {
                String state = pg.getSqlState() == null ? "" : pg.getSqlState();
                return state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                        || state.startsWith("40");
            }
            if (t instanceof java.net.ConnectException || t instanceof java.net.SocketException
                    || t instanceof ClosedConnectionException
                    || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof io.vertx.core.impl.NoStackTraceThrowable) {
                return true;
            }
        }
        return false;
    }
}
