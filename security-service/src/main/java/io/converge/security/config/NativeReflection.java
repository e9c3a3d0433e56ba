package io.converge.security.config;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What Jackson reaches at run time beyond what Quarkus registers by itself for a native executable (the declared
 * parameter and return types of REST resources and REST clients): entities returned inside a {@code Response},
 * outbox payloads written with {@code ObjectMapper.writeValueAsString}, Kafka records read with an
 * {@code ObjectMapper}, JSON stored in PostgreSQL (rule suggestions, action results), REST-client answers read from a
 * {@code Response}, and the problem+json body of every error. {@code registerFullHierarchy} also registers their
 * components.
 */
@RegisterForReflection(registerFullHierarchy = true, targets = {
        io.converge.rest.Problem.class, io.converge.rest.FieldError.class,
        // outbox payloads and consumed records
        io.converge.events.CloudEvent.class, io.converge.events.SecurityAlertData.class,
        io.converge.events.SecurityFindingData.class, io.converge.events.AssetEventData.class,
        io.converge.events.CampaignEventData.class, io.converge.events.DeploymentEventData.class,
        // Response entities and JSON kept in PostgreSQL
        io.converge.security.store.AlertView.class, io.converge.security.store.AlertView.Technique.class,
        io.converge.security.store.AlertView.Suggestion.class, io.converge.security.store.AlertView.ActionResult.class,
        io.converge.security.api.RuleResource.RuleView.class, io.converge.security.domain.Rule.ResponseSuggestion.class,
        io.converge.security.domain.AttackIcs.Technique.class, io.converge.security.intake.SecurityPipeline.Outcome.class,
        io.converge.security.store.EventStore.StoredEvent.class,
        // REST-client answers read from a Response
        io.converge.security.context.PatchClient.Window.class, io.converge.security.context.AssetRegistryClient.Zone.class,
        io.converge.security.context.AssetRegistryClient.Conduit.class,
        io.converge.security.context.AssetRegistryClient.Page.class,
})
public final class NativeReflection {

    private NativeReflection() {
    }
}
