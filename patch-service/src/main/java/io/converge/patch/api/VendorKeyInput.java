package io.converge.patch.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A vendor's public signing key to register.
 *
 * @param publicKey PEM ({@code -----BEGIN PUBLIC KEY-----}) or bare base64 of the X.509 SubjectPublicKeyInfo (DER)
 */
public record VendorKeyInput(
        @NotNull @Pattern(regexp = Params.NAME, message = "must be a name of letters, digits, '.', '_', '-'")
        String vendor,
        @NotBlank @Size(max = 200) String name,
        @NotNull @Pattern(regexp = "ed25519|ecdsa-p256", message = "must be ed25519 or ecdsa-p256") String algorithm,
        @NotBlank @Size(max = 8000) String publicKey) {
}
