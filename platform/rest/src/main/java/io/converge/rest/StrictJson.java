package io.converge.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;

/**
 * Jackson reads what callers send strictly, in every service: no second document after the first
 * (FAIL_ON_TRAILING_TOKENS), no enum by its index ({@code "criticality": 3}), no fraction where a whole number is
 * expected ({@code "slTarget": 2.5} was read as 2), no NaN or infinite number (also {@code "Infinity"} as a string
 * and {@code 1e400}, which overflows to infinity), no text holding half of a UTF-16 surrogate pair (stored as '?'
 * otherwise), no instant outside {@link Instants#RANGE}, no key given twice, no number for text, and no body that
 * is not well-formed UTF-8 ({@link Utf8Check}: Jackson itself decodes an overlong {@code C0 AF} as '/'). Each is a {@link RefusedValue}: a 400 problem naming
 * the field.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** Applied last, after Quarkus registers its own modules (JavaTimeModule): these deserializers win. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // a number or a boolean where text is expected ({"tag": 12345}) is a wrong type, not text
        for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer,
                CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        mapper.getFactory().setInputDecorator(new Utf8Check());
        SimpleModule strict = new SimpleModule("converge-strict-json");
        strict.addDeserializer(Double.class, new FiniteDouble(Double.class, null));
        strict.addDeserializer(Double.TYPE, new FiniteDouble(Double.TYPE, 0.0));
        strict.addDeserializer(Float.class, new FiniteFloat(Float.class, null));
        strict.addDeserializer(Float.TYPE, new FiniteFloat(Float.TYPE, 0.0f));
        strict.addDeserializer(String.class, new WellFormedString());
        strict.addDeserializer(Instant.class, new BoundedInstant());
        mapper.registerModule(strict);
    }

    /** The index of the first unpaired surrogate of {@code s}, or -1. */
    public static int unpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    static final class FiniteDouble extends NumberDeserializers.DoubleDeserializer {

        FiniteDouble(Class<Double> type, Double nullValue) {
            super(type, nullValue);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Double v = super.deserialize(p, ctxt);
            if (v != null && !Double.isFinite(v)) {
                throw new RefusedValue(p, "must be a finite number", Double.class);
            }
            return v;
        }
    }

    static final class FiniteFloat extends NumberDeserializers.FloatDeserializer {

        FiniteFloat(Class<Float> type, Float nullValue) {
            super(type, nullValue);
        }

        @Override
        public Float deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Float v = super.deserialize(p, ctxt);
            if (v != null && !Float.isFinite(v)) {
                throw new RefusedValue(p, "must be a finite number", Float.class);
            }
            return v;
        }
    }

    static final class WellFormedString extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String v = super.deserialize(p, ctxt);
            if (v != null && unpairedSurrogate(v) >= 0) {
                throw new RefusedValue(p, "must be well-formed Unicode text (it holds half of a surrogate pair)",
                        String.class);
            }
            return v;
        }
    }

    static final class BoundedInstant extends StdScalarDeserializer<Instant> {

        BoundedInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Instant v = InstantDeserializer.INSTANT.deserialize(p, ctxt);
            if (v != null && !Instants.supported(v)) {
                throw new RefusedValue(p, "must be " + Instants.RANGE, Instant.class);
            }
            return v;
        }
    }
}
