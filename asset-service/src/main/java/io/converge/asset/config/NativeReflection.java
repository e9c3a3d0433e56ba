package io.converge.asset.config;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What Jackson (or this service's own reflection) reaches at run time beyond what Quarkus registers by itself for a
 * native executable (the declared parameter and return types of REST resources and REST clients): entities returned
 * inside a {@code Response}, outbox event payloads written with {@code ObjectMapper.writeValueAsString}, Kafka
 * records read with an {@code ObjectMapper}, JSON documents stored in PostgreSQL, bodies parsed by hand, and the
 * problem+json body of every error. The JVM needs none of this; a native executable reads records through
 * reflection, and a record missing here serializes as {@code {}} or fails. {@code registerFullHierarchy} also registers
 * the types of their components (nested records, enums). Found by going through every {@code ObjectMapper} call and
 * every {@code Response} entity of the service; the images workflow's smoke test calls the API of the native image.
 */
@RegisterForReflection(registerFullHierarchy = true, targets = {
        // problem+json of every error (platform/rest)
        io.converge.rest.Problem.class, io.converge.rest.FieldError.class,
        // outbox payloads (AssetEvents) and patch-service's deployment events (PatchEventsConsumer)
        io.converge.events.CloudEvent.class, io.converge.events.AssetEventData.class,
        io.converge.events.DeploymentEventData.class,
        // Response entities and audit documents (AuditLog: before/after)
        io.converge.asset.domain.Asset.class, io.converge.asset.domain.SecurityZone.class,
        io.converge.asset.domain.Conduit.class, io.converge.asset.domain.HierarchyNode.class
}, classNames = {
        // list cursors (Keyset: a private record, Base64 of its JSON)
        "io.converge.asset.store.Keyset$CursorBody"
})
final class NativeReflection {
    private NativeReflection() {
    }
}
