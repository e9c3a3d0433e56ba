package io.converge.patch.config;

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
        // outbox payloads (deployment, campaign and firmware events, integrity findings) and kpi-service's events
        io.converge.events.CloudEvent.class, io.converge.events.DeploymentEventData.class,
        io.converge.events.CampaignEventData.class, io.converge.events.FirmwareEventData.class,
        io.converge.events.SecurityFindingData.class, io.converge.events.KpiWindowData.class,
        io.converge.events.KpiAlarmData.class,
        // bodies parsed by hand
        io.converge.patch.api.RevokeInput.class, io.converge.patch.api.ScheduleInput.class,
        // Response entities
        io.converge.patch.store.CampaignRepository.Detail.class, io.converge.patch.store.CampaignRepository.Campaign.class,
        io.converge.patch.store.FirmwareRepository.Firmware.class, io.converge.patch.store.VendorKeyRepository.VendorKey.class,
        io.converge.patch.api.SiteWindowResource.View.class, io.converge.patch.api.DeviceResource.ActionView.class,
        // gateway calls and the campaign rollback answer (records nested in the declared return types)
        io.converge.patch.api.GatewayResource.PollAnswer.class, io.converge.patch.api.GatewayResource.FeedbackAnswer.class,
        io.converge.patch.api.GatewayResource.TaggedAction.class, io.converge.patch.api.GatewayResource.Result.class,
        io.converge.patch.api.CampaignTransitions.RollbackResult.class,
        io.converge.patch.store.DeploymentRepository.RollbackDecision.class,
        // asset-service's answers (AssetClient)
        io.converge.patch.registry.AssetClient.AssetPage.class, io.converge.patch.registry.AssetClient.Asset.class
})
final class NativeReflection {
    private NativeReflection() {
    }
}
