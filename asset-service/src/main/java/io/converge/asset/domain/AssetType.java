package io.converge.asset.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an asset is; each type belongs to the IT or the OT domain. */
public enum AssetType {
    // IT
    SERVER(AssetDomain.IT), WORKSTATION(AssetDomain.IT), LAPTOP(AssetDomain.IT), VIRTUAL_MACHINE(AssetDomain.IT),
    NETWORK_SWITCH(AssetDomain.IT), ROUTER(AssetDomain.IT), FIREWALL(AssetDomain.IT), WIRELESS_AP(AssetDomain.IT),
    STORAGE(AssetDomain.IT), PRINTER(AssetDomain.IT), MOBILE_DEVICE(AssetDomain.IT), IP_CAMERA(AssetDomain.IT),
    // OT
    PLC(AssetDomain.OT), RTU(AssetDomain.OT), HMI(AssetDomain.OT), SCADA_SERVER(AssetDomain.OT),
    HISTORIAN(AssetDomain.OT), ENGINEERING_WORKSTATION(AssetDomain.OT), SAFETY_CONTROLLER(AssetDomain.OT),
    SENSOR(AssetDomain.OT), ACTUATOR(AssetDomain.OT), DRIVE(AssetDomain.OT), METER(AssetDomain.OT),
    ROBOT(AssetDomain.OT), CNC(AssetDomain.OT), INDUSTRIAL_GATEWAY(AssetDomain.OT), BADGE_READER(AssetDomain.OT),
    DOOR_CONTROLLER(AssetDomain.OT), MEDICAL_DEVICE(AssetDomain.OT), BUILDING_CONTROLLER(AssetDomain.OT);

    private final AssetDomain domain;

    AssetType(AssetDomain domain) {
        this.domain = domain;
    }

    public AssetDomain domain() {
        return domain;
    }

    @JsonValue
    public String value() {
        return name().toLowerCase().replace('_', '-');
    }

    @Override
    public String toString() {
        return value();
    }

    public static AssetType parse(String v) {
        return Enums.parse(AssetType.class, v);
    }
}
