package io.converge.security.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Request bodies of the alert endpoints. */
public final class AlertInputs {

    private AlertInputs() {
    }

    /** Move an alert: to new state, with an optional note. */
    public record Transition(@NotBlank String state, @Size(max = 4000) String note) {
    }

    /** Assign an alert (null assignee: unassign). */
    public record Assignment(@Size(max = 200) String assignee) {
    }

    public record Note(@NotBlank @Size(max = 4000) String text) {
    }

    public record Quarantine(@Size(max = 500) String reason) {
    }

    public record PauseCampaign(@NotNull UUID campaignId, @Size(max = 500) String reason) {
    }
}
