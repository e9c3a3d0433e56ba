package io.converge.patch.api;

import io.converge.patch.domain.KeyAlgorithm;
import io.converge.patch.domain.VendorKeys;
import io.converge.patch.store.VendorKeyRepository;
import io.converge.patch.store.VendorKeyRepository.VendorKey;
import io.converge.rest.RequestParams;
import io.converge.rest.DomainException;
import io.converge.rest.FieldError;
import io.converge.rest.RoleNames;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Vendors' public signing keys (Ed25519 or ECDSA P-256): engineers register and revoke them, viewers read them.
 * DELETE revokes: the key stays listed (firmware keeps naming the key it was verified with) but verifies no new
 * upload.
 */
@Path("/api/v1/firmware/vendor-keys")
@Produces(MediaType.APPLICATION_JSON)
public class VendorKeyResource {

    private final VendorKeyRepository keys;
    private final SecurityIdentity identity;

    public VendorKeyResource(VendorKeyRepository keys, SecurityIdentity identity) {
        this.keys = keys;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(RoleNames.ENGINEER)
    @Operation(summary = "Register a vendor's public key (PEM or base64 SubjectPublicKeyInfo); unusable key → 422")
    public Uni<Response> create(@Valid @NotNull VendorKeyInput body) {
        KeyAlgorithm algorithm = KeyAlgorithm.parse(body.algorithm()).orElseThrow();
        VendorKeys.Parsed parsed;
        try {
            parsed = VendorKeys.parse(algorithm, body.publicKey());
        } catch (IllegalArgumentException e) {
            throw DomainException.unprocessable(e.getMessage(), List.of(FieldError.of("publicKey", e.getMessage())));
        }
        return keys.insert(UUID.randomUUID(), body.vendor(), body.name().strip(), algorithm.wire(),
                parsed.derBase64(), parsed.fingerprint(), identity.getPrincipal().getName())
                .map(k -> Response.created(URI.create("/api/v1/firmware/vendor-keys/" + k.id())).entity(k).build());
    }

    @GET
    @RolesAllowed({RoleNames.VIEWER, RoleNames.DEVICE})
    @Operation(summary = "Registered keys, revoked ones included; filter by vendor")
    public Uni<List<VendorKey>> list(@QueryParam("vendor") String vendor) {
        return keys.list(Params.name("vendor", vendor), false);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({RoleNames.VIEWER, RoleNames.DEVICE})
    public Uni<VendorKey> get(@PathParam("id") String id) {
        UUID key = RequestParams.uuid("id", id);
        return keys.find(key).map(k -> k.orElseThrow(() -> DomainException.notFound("vendor key", key)));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(RoleNames.ENGINEER)
    @Operation(summary = "Revoke a key: it verifies no new upload (idempotent)")
    public Uni<Response> revoke(@PathParam("id") String id) {
        UUID key = RequestParams.uuid("id", id);
        return keys.revoke(key, identity.getPrincipal().getName()).map(k -> {
            k.orElseThrow(() -> DomainException.notFound("vendor key", key));
            return Response.noContent().build();
        });
    }
}
