package io.converge.asset.domain;

/** IT or OT: which world an asset belongs to. */
public enum AssetDomain {
    IT, OT
}
