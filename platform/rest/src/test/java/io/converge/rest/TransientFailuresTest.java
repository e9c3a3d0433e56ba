package io.converge.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** What PostgreSQL going away looks like to a service (seen while it is stopped under load): passing, so 503. */
class TransientFailuresTest {

    @Test
    void theDatabaseGoingAwayIsTransient() {
        // the server stopping (pg_ctlcluster … stop -m fast) terminates the sessions it had
        assertTrue(TransientFailures.test(new PgException("terminating connection due to administrator command",
                "FATAL", "57P01", null)));
        // a connection reset mid-query, wrapped as the reactive client hands it on
        assertTrue(TransientFailures.test(new CompletionException(new SocketException("Connection reset"))));
        assertTrue(TransientFailures.test(new ConnectException("Connection refused")));
        assertTrue(TransientFailures.test(new PgException("could not serialize access", "ERROR", "40001", null)));
        assertTrue(TransientFailures.test(new DomainException(DomainException.Kind.UNAVAILABLE, "the registry view is loading")));
    }

    @Test
    void aBugOrABadValueIsNot() {
        assertFalse(TransientFailures.test(new IllegalStateException("boom")));
        assertFalse(TransientFailures.test(new PgException("duplicate key", "ERROR", "23505", null)));
        assertFalse(TransientFailures.test(new PgException("invalid input syntax", "ERROR", "22P02", null)));
        assertFalse(TransientFailures.test(DomainException.badRequest("bad")));
    }
}
