package io.converge.patch.domain;

import static io.converge.patch.domain.DeploymentState.Feedback.DOWNLOADED;
import static io.converge.patch.domain.DeploymentState.Feedback.DOWNLOADING;
import static io.converge.patch.domain.DeploymentState.Feedback.FAILURE;
import static io.converge.patch.domain.DeploymentState.Feedback.INSTALLING;
import static io.converge.patch.domain.DeploymentState.Feedback.SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeploymentStateTest {

    @Test
    void theHappyPathAndSkippedSteps() {
        DeploymentState s = DeploymentState.OFFERED.after(DOWNLOADING).after(DOWNLOADED).after(INSTALLING);
        assertEquals(DeploymentState.INSTALLING, s);
        assertEquals(DeploymentState.SUCCEEDED, s.after(SUCCESS));
        assertEquals(DeploymentState.FAILED, DeploymentState.OFFERED.after(FAILURE), "a result may skip the steps");
        assertEquals(DeploymentState.SUCCEEDED, DeploymentState.DOWNLOADING.after(SUCCESS));
    }

    @Test
    void repeatedOrLaggingFeedbackChangesNothing() {
        assertEquals(DeploymentState.INSTALLING, DeploymentState.INSTALLING.after(DOWNLOADING));
        assertEquals(DeploymentState.DOWNLOADED, DeploymentState.DOWNLOADED.after(DOWNLOADED));
        assertEquals(DeploymentState.SUCCEEDED, DeploymentState.SUCCEEDED.after(SUCCESS), "idempotent result");
        assertEquals(60, DeploymentState.progress(60, 40));
        assertEquals(80, DeploymentState.progress(60, 80));
        assertEquals(60, DeploymentState.progress(60, null));
        assertThrows(IllegalArgumentException.class, () -> DeploymentState.progress(0, 101));
        assertThrows(IllegalArgumentException.class, () -> DeploymentState.progress(0, -1));
    }

    @Test
    void nothingFollowsAFinalStateButItsOwnRepeat() {
        assertThrows(DeploymentState.IllegalFeedback.class, () -> DeploymentState.SUCCEEDED.after(FAILURE));
        assertThrows(DeploymentState.IllegalFeedback.class, () -> DeploymentState.FAILED.after(DOWNLOADING));
        assertThrows(DeploymentState.IllegalFeedback.class, () -> DeploymentState.TIMED_OUT.after(SUCCESS));
    }

    @Test
    void silentDevicesTimeOut() {
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        Duration timeout = Duration.ofMinutes(30);
        assertEquals(DeploymentState.DOWNLOADING, DeploymentState.DOWNLOADING.checkTimeout(t, t.plusSeconds(1799),
                timeout));
        assertEquals(DeploymentState.TIMED_OUT, DeploymentState.DOWNLOADING.checkTimeout(t, t.plusSeconds(1800),
                timeout));
        assertEquals(DeploymentState.SUCCEEDED, DeploymentState.SUCCEEDED.checkTimeout(t, t.plusSeconds(9999),
                timeout));
        assertEquals(DeviceOutcome.TIMED_OUT, DeploymentState.TIMED_OUT.outcome());
        assertEquals(DeviceOutcome.IN_PROGRESS, DeploymentState.INSTALLING.outcome());
        assertEquals(DeploymentState.TIMED_OUT, DeploymentState.parse("timed-out"));
    }
}
