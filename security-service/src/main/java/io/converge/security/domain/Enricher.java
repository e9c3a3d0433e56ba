package io.converge.security.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Adds context to a normalized event (the fields of {@link RuleFields#CONTEXT}):
 * <ul>
 * <li>{@code asset.*}: the asset the event is about — {@code device.uid}, else {@code device.name} (tag), else
 * {@code device.ip}, else the destination ({@code dst_endpoint.ip}, {@code dst_endpoint.hostname} as tag);</li>
 * <li>{@code src_asset.*}, {@code dst_asset.*}: the assets behind the source and destination addresses;</li>
 * <li>{@code conduit.declared}: for traffic into a known zone, whether it stays in one zone or crosses a declared
 * conduit (a source outside every zone has none);</li>
 * <li>{@code site.in_maintenance_window}: whether the asset's site window is open at the event time (absent when it
 * cannot be told: a rule should then treat it as closed);</li>
 * <li>{@code campaign.covering}: for a firmware change, whether a campaign deployed that version to the asset.</li>
 * </ul>
 */
public final class Enricher {

    private final SecurityContext ctx;

    public Enricher(SecurityContext ctx) {
        this.ctx = ctx;
    }

    public SecurityEvent enrich(SecurityEvent e) {
        Map<String, Object> f = new HashMap<>();
        Optional<AssetView> src = ip(e.text("src_endpoint.ip"));
        Optional<AssetView> dst = ip(e.text("dst_endpoint.ip"))
                .or(() -> tag(e.text("dst_endpoint.hostname")));
        Optional<AssetView> asset = subject(e);
        asset.ifPresent(a -> put(f, "asset", a, true));
        if (asset.isEmpty()) {
            // a producer that knows the asset id (another Converge service) is believed before the view catches up
            uuid(e.text("device.uid")).ifPresent(id -> {
                f.put("asset.id", id.toString());
                putIf(f, "asset.tag", e.text("device.name"));
            });
        }
        src.ifPresent(a -> put(f, "src_asset", a, false));
        dst.ifPresent(a -> put(f, "dst_asset", a, true));
        dst.map(AssetView::zoneId).ifPresent(dz -> {
            UUID sz = src.map(AssetView::zoneId).orElse(null);
            f.put("conduit.declared", sz != null && (sz.equals(dz) || ctx.conduitDeclared(sz, dz)));
        });
        asset.map(AssetView::siteId).flatMap(site -> ctx.inMaintenanceWindow(site, e.time()))
                .ifPresent(open -> f.put("site.in_maintenance_window", open));
        if (e.ocsfClass() == OcsfClass.DEVICE_CONFIG_STATE_CHANGE && asset.isPresent()) {
            String version = e.text("unmapped.firmware.current");
            f.put("campaign.covering", version != null && ctx.campaignCovers(asset.get().id(), version, e.time()));
        }
        return e.withFields(f);
    }

    /** The asset the event is about (as {@link #enrich} resolves {@code asset.*}). */
    public Optional<AssetView> subject(SecurityEvent e) {
        Optional<AssetView> dst = ip(e.text("dst_endpoint.ip")).or(() -> tag(e.text("dst_endpoint.hostname")));
        return uuid(e.text("device.uid")).flatMap(ctx::assetById)
                .or(() -> tag(e.text("device.name")))
                .or(() -> tag(e.text("device.hostname")))
                .or(() -> ip(e.text("device.ip")))
                .or(() -> dst);
    }

    private void put(Map<String, Object> f, String prefix, AssetView a, boolean full) {
        f.put(prefix + ".id", a.id().toString());
        putIf(f, prefix + ".tag", a.tag());
        putIf(f, prefix + ".type", a.type());
        putIf(f, prefix + ".domain", a.domain());
        if (full) {
            putIf(f, prefix + ".criticality", a.criticality());
            putIf(f, prefix + ".status", a.status());
        }
        if (prefix.equals("asset")) {
            putIf(f, "asset.site_id", a.siteId());
            putIf(f, "asset.line_id", a.lineId());
        }
        if (a.zoneId() != null) {
            f.put(prefix + ".zone_id", a.zoneId().toString());
            ctx.zone(a.zoneId()).ifPresent(z -> {
                f.put(prefix + ".zone.sl_t", (long) z.slT());
                if (full) {
                    putIf(f, prefix + ".zone.name", z.name());
                }
            });
        }
    }

    private static void putIf(Map<String, Object> f, String k, Object v) {
        if (v != null) {
            f.put(k, v.toString());
        }
    }

    private Optional<AssetView> ip(String ip) {
        return ip == null ? Optional.empty() : ctx.assetByIp(ip);
    }

    private Optional<AssetView> tag(String tag) {
        return tag == null ? Optional.empty() : ctx.assetByTag(tag);
    }

    private static Optional<UUID> uuid(String s) {
        if (s == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
