package io.converge.telemetry.config;

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
        // outbox payloads (TelemetryEvents: points, security findings) and the registry view's asset events
        io.converge.events.CloudEvent.class, io.converge.events.TelemetryPointsData.class,
        io.converge.events.TelemetryPointsData.Sample.class, io.converge.events.SecurityFindingData.class,
        io.converge.events.AssetEventData.class
}, classNames = {
        // MqttSessionRestart reaches into SmallRye's MQTT client registry (field Clients.clients, ClientHolder.getClient)
        "io.smallrye.reactive.messaging.mqtt.Clients", "io.smallrye.reactive.messaging.mqtt.Clients$ClientHolder"
})
final class NativeReflection {
    private NativeReflection() {
    }
}
