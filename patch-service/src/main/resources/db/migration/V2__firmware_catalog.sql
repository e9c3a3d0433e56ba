-- Firmware catalog: vendors' signing keys and the verified artifacts. The artifact bytes live in the storage directory
-- (converge.firmware.storage-dir, a volume in Kubernetes), never in the database: storage_path is relative to it.

CREATE TABLE vendor_key (
    id           uuid        PRIMARY KEY,
    vendor       text        NOT NULL,
    name         text        NOT NULL,
    algorithm    text        NOT NULL CHECK (algorithm IN ('ed25519', 'ecdsa-p256')),
    public_key   text        NOT NULL, -- X.509 SubjectPublicKeyInfo, DER, base64
    fingerprint  text        NOT NULL, -- SHA-256 of the DER, hex
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_by   text,
    revoked_at   timestamptz,
    CONSTRAINT vendor_key_fingerprint_unique UNIQUE (vendor, fingerprint)
);
CREATE INDEX vendor_key_vendor ON vendor_key (vendor);

CREATE TABLE firmware (
    id                 uuid        PRIMARY KEY,
    vendor             text        NOT NULL,
    version            text        NOT NULL,
    compatible_models  text[]      NOT NULL,
    release_notes      text,
    sha256             text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size               bigint      NOT NULL CHECK (size >= 0),
    signature          text        NOT NULL, -- base64
    key_id             uuid        NOT NULL REFERENCES vendor_key (id),
    state              text        NOT NULL CHECK (state IN ('uploaded', 'verified', 'released', 'revoked')),
    storage_path       text        NOT NULL,
    version_no         bigint      NOT NULL DEFAULT 1, -- the row's version (ETag), + 1 on every change
    created_by         text        NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    released_by        text,
    released_at        timestamptz,
    revoked_by         text,
    revoked_at         timestamptz,
    revoke_reason      text,
    CONSTRAINT firmware_vendor_version_unique UNIQUE (vendor, version)
);
CREATE INDEX firmware_list ON firmware (created_at DESC, id DESC);
CREATE INDEX firmware_models ON firmware USING gin (compatible_models);
