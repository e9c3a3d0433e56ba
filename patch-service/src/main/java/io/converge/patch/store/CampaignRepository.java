package io.converge.patch.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.patch.domain.Target;
import io.converge.patch.domain.WavePlan;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Campaigns with their frozen target list, excluded assets and audit trail. */
@ApplicationScoped
public class CampaignRepository {

    /** A campaign; {@code revision} is the row's version (ETag), + 1 on every change. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Campaign(UUID id, String name, UUID firmwareId, JsonNode target, JsonNode plan, String state,
            int targetCount, int waveCount, String createdBy, Instant createdAt, Instant updatedAt,
            String approvedBy, Instant approvedAt, long revision, int currentWave, Instant startAt) {
    }

    /** A campaign with its wave sizes and the assets left out. */
    public record Detail(@JsonUnwrapped Campaign campaign, List<WaveSize> waves, List<Excluded> excluded) {
    }

    public record WaveSize(int index, String name, int size) {
    }

    /** An asset the filter matched but the campaign leaves out, and why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Excluded(UUID assetId, String tag, String model, String reason) {
    }

    /**
     * One device of the frozen target list; {@code rollbackState} (pending, offered, …, succeeded, failed, or
     * unavailable with {@code rollbackReason}) once a rollback was decided for it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TargetRow(int seq, UUID assetId, String tag, UUID siteId, UUID lineId, String model,
            String previousFirmware, String criticality, int wave, String deploymentState, String rollbackState,
            String rollbackReason) {
    }

    /** One audited action. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuditEntry(long seq, String action, String actor, Instant at, String fromState, String toState,
            String detail) {
    }

    public record Page<T>(List<T> items, String nextCursor) {
    }

    private static final String COLUMNS = "id, name, firmware_id, target_filter::text AS target_filter,"
            + " plan_spec::text AS plan_spec, state, target_count, wave_count, created_by, created_at, updated_at,"
            + " approved_by, approved_at, version_no, current_wave, start_at";

    private final Pool pool;
    private final ObjectMapper json;

    public CampaignRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<Campaign> insert(SqlClient c, UUID id, String name, UUID firmwareId, Object filter, Object plan,
            int targetCount, int waveCount, String createdBy) {
        return c.preparedQuery("INSERT INTO campaign (id, name, firmware_id, target_filter, plan_spec, state,"
                + " target_count, wave_count, created_by) VALUES ($1, $2, $3, $4::text::jsonb, $5::text::jsonb, 'draft', $6, $7,"
                + " $8) RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] {id, name, firmwareId, write(filter), write(plan), targetCount,
                        waveCount, createdBy}))
                .map(rs -> map(rs.iterator().next()));
    }

    /**
     * The firmware's state, share-locked until the transaction ends: a revocation (which locks the row for update)
     * waits for a campaign being created on it, so it then sees that campaign and stops it.
     */
    public Uni<Optional<String>> lockFirmwareState(SqlClient c, UUID firmwareId) {
        return c.preparedQuery("SELECT state FROM firmware WHERE id = $1 FOR SHARE").execute(Tuple.of(firmwareId))
                .map(rs -> rs.size() == 0 ? Optional.empty() : Optional.of(rs.iterator().next().getString(0)));
    }

    /** Campaigns on a firmware that are not in a terminal state, oldest first. */
    public Uni<List<UUID>> activeOnFirmware(UUID firmwareId) {
        return pool.preparedQuery("SELECT id FROM campaign WHERE firmware_id = $1"
                + " AND state NOT IN ('completed', 'cancelled', 'failed') ORDER BY created_at")
                .execute(Tuple.of(firmwareId)).map(rs -> {
                    List<UUID> out = new ArrayList<>();
                    rs.forEach(r -> out.add(r.getUUID(0)));
                    return out;
                });
    }

    /** The plan's targets, canary first, in one statement (arrays + unnest). */
    public Uni<Void> insertTargets(SqlClient c, UUID campaign, WavePlan plan) {
        int n = plan.targetCount();
        Integer[] seq = new Integer[n];
        UUID[] asset = new UUID[n];
        String[] tag = new String[n];
        UUID[] site = new UUID[n];
        UUID[] line = new UUID[n];
        String[] model = new String[n];
        String[] previous = new String[n];
        String[] crit = new String[n];
        Integer[] wave = new Integer[n];
        int i = 0;
        for (WavePlan.Wave w : plan.waves()) {
            for (Target t : w.targets()) {
                seq[i] = i;
                asset[i] = t.assetId();
                tag[i] = t.tag();
                site[i] = t.siteId();
                line[i] = t.lineId();
                model[i] = t.model();
                previous[i] = t.currentFirmware();
                crit[i] = t.criticality().value();
                wave[i] = w.index();
                i++;
            }
        }
        return c.preparedQuery("INSERT INTO campaign_target (campaign_id, seq, asset_id, tag, site_id, line_id, model,"
                + " previous_firmware, criticality, wave_index) SELECT $1, * FROM unnest($2::int[], $3::uuid[],"
                + " $4::text[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::text[], $10::int[])")
                .execute(Tuple.from(new Object[] {campaign, seq, asset, tag, site, line, model, previous, crit, wave}))
                .replaceWithVoid();
    }

    public Uni<Void> insertExcluded(SqlClient c, UUID campaign, List<Excluded> excluded) {
        if (excluded.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("INSERT INTO campaign_excluded (campaign_id, asset_id, tag, model, reason)"
                + " SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[])")
                .execute(Tuple.of(campaign, excluded.stream().map(Excluded::assetId).toArray(UUID[]::new),
                        excluded.stream().map(Excluded::tag).toArray(String[]::new),
                        excluded.stream().map(Excluded::model).toArray(String[]::new),
                        excluded.stream().map(Excluded::reason).toArray(String[]::new)))
                .replaceWithVoid();
    }

    public Uni<Void> audit(SqlClient c, UUID campaign, String action, String actor, String from, String to,
            String detail) {
        return c.preparedQuery("INSERT INTO campaign_audit (campaign_id, action, actor, from_state, to_state, detail)"
                + " VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.from(new Object[] {campaign, action, actor, from, to, detail})).replaceWithVoid();
    }

    public Uni<Optional<Campaign>> find(UUID id) {
        return find(pool, id, false);
    }

    /** The campaign, row-locked until the transaction ends when {@code lock}. */
    public Uni<Optional<Campaign>> find(SqlClient c, UUID id, boolean lock) {
        return c.preparedQuery("SELECT " + COLUMNS + " FROM campaign WHERE id = $1" + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(id))
                .map(rs -> rs.size() == 0 ? Optional.empty() : Optional.of(map(rs.iterator().next())));
    }

    /** Sets the state (and who approved, on approve), bumps the revision. */
    public Uni<Campaign> changeState(SqlClient c, UUID id, String state, String approvedBy) {
        return c.preparedQuery("UPDATE campaign SET state = $2, updated_at = now(), version_no = version_no + 1,"
                + " approved_by = COALESCE($3, approved_by),"
                + " approved_at = CASE WHEN $3::text IS NULL THEN approved_at ELSE now() END"
                + " WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.of(id, state, approvedBy)).map(rs -> map(rs.iterator().next()));
    }

    /** When a scheduled campaign starts by itself (null: on an explicit start only). */
    public Uni<Campaign> setStartAt(SqlClient c, UUID id, Instant startAt) {
        return c.preparedQuery("UPDATE campaign SET start_at = $2 WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.of(id, startAt == null ? null : startAt.atOffset(ZoneOffset.UTC)))
                .map(rs -> map(rs.iterator().next()));
    }

    /** Scheduled campaigns whose start time has come by {@code now}, earliest first. */
    public Uni<List<UUID>> due(Instant now) {
        return pool.preparedQuery("SELECT id FROM campaign WHERE state = 'scheduled' AND start_at IS NOT NULL"
                + " AND start_at <= $1 ORDER BY start_at, id").execute(Tuple.of(now.atOffset(ZoneOffset.UTC)))
                .map(rs -> {
                    List<UUID> out = new ArrayList<>();
                    rs.forEach(r -> out.add(r.getUUID(0)));
                    return out;
                });
    }

    /** Moves a running campaign to its next wave, bumps the revision. */
    public Uni<Campaign> advanceWave(SqlClient c, UUID id, int wave) {
        return c.preparedQuery("UPDATE campaign SET current_wave = $2, accepted_errors = 0, updated_at = now(),"
                + " version_no = version_no + 1"
                + " WHERE id = $1 RETURNING " + COLUMNS).execute(Tuple.of(id, wave))
                .map(rs -> map(rs.iterator().next()));
    }

    public Uni<Detail> detail(Campaign c) {
        Uni<List<WaveSize>> waves = pool.preparedQuery("SELECT wave_index, count(*) AS size FROM campaign_target"
                + " WHERE campaign_id = $1 GROUP BY wave_index ORDER BY wave_index").execute(Tuple.of(c.id()))
                .map(rs -> {
                    List<WaveSize> out = new ArrayList<>();
                    rs.forEach(r -> {
                        int index = r.getInteger("wave_index");
                        out.add(new WaveSize(index, index == 0 ? WavePlan.CANARY : "wave-" + index,
                                r.getLong("size").intValue()));
                    });
                    return out;
                });
        Uni<List<Excluded>> excluded = pool.preparedQuery("SELECT asset_id, tag, model, reason FROM campaign_excluded"
                + " WHERE campaign_id = $1 ORDER BY tag").execute(Tuple.of(c.id()))
                .map(rs -> {
                    List<Excluded> out = new ArrayList<>();
                    rs.forEach(r -> out.add(new Excluded(r.getUUID("asset_id"), r.getString("tag"),
                            r.getString("model"), r.getString("reason"))));
                    return out;
                });
        return Uni.combine().all().unis(waves, excluded).asTuple()
                .map(t -> new Detail(c, t.getItem1(), t.getItem2()));
    }

    /** Newest first, optionally in one state. */
    public Uni<Page<Campaign>> list(String state, FirmwareRepository.Cursor after, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM campaign WHERE ($1::text IS NULL OR state = $1)"
                + " AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3::uuid))"
                + " ORDER BY created_at DESC, id DESC LIMIT $4")
                .execute(Tuple.from(new Object[] {state,
                        after == null ? null : after.createdAt().atOffset(ZoneOffset.UTC),
                        after == null ? null : after.id(), limit + 1}))
                .map(rs -> {
                    List<Campaign> items = new ArrayList<>(rs.size());
                    rs.forEach(r -> items.add(map(r)));
                    if (items.size() <= limit) {
                        return new Page<>(items, null);
                    }
                    items.remove(limit);
                    Campaign last = items.get(limit - 1);
                    return new Page<>(items, Cursors.encode(new FirmwareRepository.Cursor(last.createdAt(),
                            last.id())));
                });
    }

    /** The frozen target list in plan order (canary first), optionally one wave; {@code after} = last seq seen. */
    public Uni<Page<TargetRow>> targets(UUID campaign, Integer wave, int after, int limit) {
        return pool.preparedQuery("SELECT seq, asset_id, tag, site_id, line_id, model, previous_firmware,"
                + " criticality, wave_index, deployment_state, rollback_state, rollback_reason FROM campaign_target"
                + " WHERE campaign_id = $1"
                + " AND ($2::int IS NULL OR wave_index = $2) AND seq > $3 ORDER BY seq LIMIT $4")
                .execute(Tuple.of(campaign, wave, after, limit + 1))
                .map(rs -> {
                    List<TargetRow> items = new ArrayList<>(rs.size());
                    rs.forEach(r -> items.add(new TargetRow(r.getInteger("seq"), r.getUUID("asset_id"),
                            r.getString("tag"), r.getUUID("site_id"), r.getUUID("line_id"), r.getString("model"),
                            r.getString("previous_firmware"), r.getString("criticality"),
                            r.getInteger("wave_index"), r.getString("deployment_state"),
                            r.getString("rollback_state"), r.getString("rollback_reason"))));
                    if (items.size() <= limit) {
                        return new Page<>(items, null);
                    }
                    items.remove(limit);
                    return new Page<>(items, Integer.toString(items.get(limit - 1).seq()));
                });
    }

    public Uni<List<AuditEntry>> audit(UUID campaign) {
        return pool.preparedQuery("SELECT seq, action, actor, at, from_state, to_state, detail FROM campaign_audit"
                + " WHERE campaign_id = $1 ORDER BY seq").execute(Tuple.of(campaign))
                .map(rs -> {
                    List<AuditEntry> out = new ArrayList<>();
                    rs.forEach(r -> out.add(new AuditEntry(r.getLong("seq"), r.getString("action"),
                            r.getString("actor"), VendorKeyRepository.instant(r.getOffsetDateTime("at")),
                            r.getString("from_state"), r.getString("to_state"), r.getString("detail"))));
                    return out;
                });
    }

    private Campaign map(Row r) {
        return new Campaign(r.getUUID("id"), r.getString("name"), r.getUUID("firmware_id"),
                read(r.getString("target_filter")), read(r.getString("plan_spec")), r.getString("state"),
                r.getInteger("target_count"), r.getInteger("wave_count"), r.getString("created_by"),
                VendorKeyRepository.instant(r.getOffsetDateTime("created_at")),
                VendorKeyRepository.instant(r.getOffsetDateTime("updated_at")), r.getString("approved_by"),
                VendorKeyRepository.instant(r.getOffsetDateTime("approved_at")), r.getLong("version_no"),
                r.getInteger("current_wave"), VendorKeyRepository.instant(r.getOffsetDateTime("start_at")));
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a campaign document", e);
        }
    }

    private JsonNode read(String s) {
        try {
            return json.readTree(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable campaign document", e);
        }
    }
}
