package io.converge.security.domain;

import io.converge.rest.DomainException;
import io.converge.rest.FieldError;
import java.util.List;

/** A rule (or rule set) that cannot be used: answered 422 with one field error per problem. */
public class RuleValidationException extends DomainException {

    public RuleValidationException(String detail, List<FieldError> errors) {
        super(Kind.UNPROCESSABLE, detail, errors);
    }
}
