package io.converge.asset.api;

import io.converge.asset.domain.NetworkAddresses;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An IP (v4 or v6) or MAC address literal; null and empty pass (use @NotBlank to require one). */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NetworkAddress.Validator.class)
public @interface NetworkAddress {

    enum Kind { IP, MAC }

    Kind value();

    String message() default "{io.converge.asset.api.NetworkAddress.message}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<NetworkAddress, String> {
        private Kind kind;

        @Override
        public void initialize(NetworkAddress a) {
            kind = a.value();
        }

        @Override
        public boolean isValid(String v, ConstraintValidatorContext ctx) {
            if (v == null || v.isEmpty()) {
                return true;
            }
            boolean ok = kind == Kind.IP ? NetworkAddresses.isIp(v) : NetworkAddresses.isMac(v);
            if (!ok) {
                ctx.disableDefaultConstraintViolation();
                ctx.buildConstraintViolationWithTemplate(kind == Kind.IP ? "must be an IPv4 or IPv6 address"
                        : "must be a MAC address like 00:1b:1b:aa:bb:01").addConstraintViolation();
            }
            return ok;
        }
    }
}
