package io.converge.patch.api;

import io.converge.outbox.OutboxStore;
import io.converge.patch.config.PatchConfig;
import io.converge.patch.domain.Criticality;
import io.converge.patch.domain.FirmwareState;
import io.converge.patch.domain.Target;
import io.converge.patch.domain.WavePlan;
import io.converge.patch.domain.WavePlanner;
import io.converge.patch.messaging.CampaignEvents;
import io.converge.patch.messaging.PatchOutboxRelay;
import io.converge.patch.registry.AssetClient.Asset;
import io.converge.patch.registry.AssetDirectory;
import io.converge.patch.registry.RegistryRejected;
import io.converge.patch.registry.TargetQuery;
import io.converge.patch.store.CampaignRepository;
import io.converge.patch.store.CampaignRepository.Campaign;
import io.converge.patch.store.CampaignRepository.Excluded;
import io.converge.patch.store.FirmwareRepository;
import io.converge.patch.store.FirmwareRepository.Firmware;
import io.converge.rest.DomainException;
import io.converge.rest.FieldError;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Creates a draft campaign: the firmware must exist and be released (422), the target filter is resolved through
 * asset-service into a frozen target list (asset-service unavailable → 503), incompatible models are excluded and
 * reported, nothing compatible → 422; the plan is cut by {@link WavePlanner}. Everything is written in one
 * transaction at the very end, so any failure before leaves nothing behind.
 */
@ApplicationScoped
public class CampaignCreation {

    private static final Logger LOG = Logger.getLogger(CampaignCreation.class);

    private final FirmwareRepository firmware;
    private final CampaignRepository campaigns;
    private final AssetDirectory directory;
    private final Pool pool;
    private final OutboxStore outbox;
    private final CampaignEvents events;
    private final PatchOutboxRelay relay;
    private final PatchConfig config;

    public CampaignCreation(FirmwareRepository firmware, CampaignRepository campaigns, AssetDirectory directory,
            Pool pool, OutboxStore outbox, CampaignEvents events, PatchOutboxRelay relay, PatchConfig config) {
        this.firmware = firmware;
        this.campaigns = campaigns;
        this.directory = directory;
        this.pool = pool;
        this.outbox = outbox;
        this.events = events;
        this.relay = relay;
        this.config = config;
    }

    /** The targets a filter resolved to: the compatible ones and those left out. */
    record Resolution(List<Target> targets, List<Excluded> excluded) {
    }

    public Uni<Campaign> create(CampaignRequests.Checked req, String actor) {
        return released(req.firmwareId())
                .flatMap(fw -> resolve(req.query()).map(assets -> split(assets, req.models(), fw)))
                .flatMap(r -> {
                    WavePlan plan = WavePlanner.plan(r.targets(), req.spec());
                    UUID id = UUID.randomUUID();
                    return pool.withTransaction(c -> campaigns.lockFirmwareState(c, req.firmwareId())
                            .invoke(state -> {
                                if (!state.equals(Optional.of(FirmwareState.RELEASED.wire()))) {
                                    throw DomainException.unprocessable("firmware " + req.firmwareId()
                                            + " was revoked while the campaign was being created",
                                            List.of(FieldError.of("firmwareId", "is no longer released")));
                                }
                            })
                            .flatMap(ignored -> campaigns.insert(c, id, req.name(), req.firmwareId(),
                                    req.filter(), req.plan(), plan.targetCount(), plan.waves().size(), actor))
                            .call(() -> campaigns.insertTargets(c, id, plan))
                            .call(() -> campaigns.insertExcluded(c, id, r.excluded()))
                            .call(k -> campaigns.audit(c, id, "create", actor, null, k.state(),
                                    plan.targetCount() + " targets in " + plan.waves().size() + " waves, "
                                            + r.excluded().size() + " excluded"))
                            .call(k -> outbox.add(c, events.changed(k, null, "create", actor, null))));
                })
                .invoke(relay::kick);
    }

    private Uni<Firmware> released(UUID id) {
        return firmware.find(id).map(f -> {
            if (f.isEmpty()) {
                throw DomainException.unprocessable("firmware " + id + " does not exist",
                        List.of(FieldError.of("firmwareId", "no such firmware")));
            }
            if (!FirmwareState.RELEASED.wire().equals(f.get().state())) {
                throw DomainException.unprocessable("firmware " + id + " is " + f.get().state()
                        + ": only released firmware can be used by a campaign",
                        List.of(FieldError.of("firmwareId", "is " + f.get().state() + ", not released")));
            }
            return f.get();
        });
    }

    /** Every asset matching the filter, page by page; asset-service unavailable → 503, filter refused → 400. */
    Uni<List<Asset>> resolve(TargetQuery q) {
        return pages(q, null, new LinkedHashMap<>())
                .map(m -> (List<Asset>) new ArrayList<>(m.values()))
                .onFailure(e -> !(e instanceof DomainException)).transform(e -> {
                    if (e instanceof RegistryRejected r) {
                        return new DomainException(DomainException.Kind.BAD_REQUEST, r.getMessage(),
                                List.of(FieldError.of("target", "asset-service refused this filter")));
                    }
                    LOG.warnf("asset-service unavailable while resolving campaign targets: %s", e.toString());
                    return new DomainException(DomainException.Kind.UNAVAILABLE,
                            "asset-service is unavailable, so the targets cannot be resolved; nothing was created,"
                                    + " retry shortly");
                });
    }

    private Uni<Map<UUID, Asset>> pages(TargetQuery q, String cursor, Map<UUID, Asset> acc) {
        return directory.page(q, config.campaigns().registryPageSize(), cursor).flatMap(p -> {
            if (p.items() != null) {
                p.items().forEach(a -> acc.putIfAbsent(a.id(), a));
            }
            if (acc.size() > config.campaigns().maxTargets()) {
                throw DomainException.unprocessable("the target filter matches more than "
                        + config.campaigns().maxTargets() + " assets; narrow it",
                        List.of(FieldError.of("target", "matches too many assets")));
            }
            return p.nextCursor() == null ? Uni.createFrom().item(acc) : pages(q, p.nextCursor(), acc);
        });
    }

    /**
     * Keeps the assets of the wanted models (all when none given), excludes with a reason those whose model the
     * firmware does not list (ignoring case) or that already run this firmware version; nothing left → 422.
     */
    static Resolution split(List<Asset> assets, List<String> models, Firmware fw) {
        Set<String> wanted = models.stream().map(m -> m.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Set<String> compatible = fw.compatibleModels().stream().map(m -> m.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        List<Target> targets = new ArrayList<>();
        List<Excluded> excluded = new ArrayList<>();
        int matched = 0;
        for (Asset a : assets) {
            String model = a.model() == null ? null : a.model().toLowerCase(Locale.ROOT);
            if (!wanted.isEmpty() && (model == null || !wanted.contains(model))) {
                continue;
            }
            matched++;
            if (model == null) {
                excluded.add(new Excluded(a.id(), a.tag(), null, "the asset has no model recorded"));
            } else if (!compatible.contains(model)) {
                excluded.add(new Excluded(a.id(), a.tag(), a.model(), "incompatible model: " + fw.vendor() + " "
                        + fw.version() + " supports " + String.join(", ", fw.compatibleModels())));
            } else if (fw.version().equals(a.firmwareVersion())) {
                excluded.add(new Excluded(a.id(), a.tag(), a.model(), "already runs " + fw.version()));
            } else {
                targets.add(new Target(a.id(), a.tag(), a.siteId(), a.lineId(), a.model(), a.firmwareVersion(),
                        criticality(a.criticality()), a.zoneId(), a.labels()));
            }
        }
        if (matched == 0) {
            throw DomainException.unprocessable("the target filter matches no asset",
                    List.of(FieldError.of("target", "matches no asset")));
        }
        if (targets.isEmpty()) {
            throw DomainException.unprocessable("the target filter matches " + matched
                    + " assets but none can take this firmware", excluded.stream().limit(50)
                    .map(x -> FieldError.of("target", x.tag() + ": " + x.reason())).toList());
        }
        return new Resolution(targets, excluded);
    }

    /** An asset without a (known) criticality is planned as medium, never first. */
    private static Criticality criticality(String raw) {
        try {
            return raw == null ? Criticality.MEDIUM : Criticality.parse(raw);
        } catch (IllegalArgumentException e) {
            return Criticality.MEDIUM;
        }
    }
}
