package io.converge.telemetry.ingest;

import io.converge.telemetry.domain.Point;
import io.converge.telemetry.domain.Rejection;
import java.util.List;

/**
 * A batch as read from the wire: {@code points} has one slot per point of the request, {@code null} where the point
 * could not be read at all (its rejection is in {@code malformed}, with the same index).
 */
public record ParsedBatch(List<Point> points, List<Rejection> malformed) {

    public static ParsedBatch of(List<Point> points) {
        return new ParsedBatch(points, List.of());
    }

    public int size() {
        return points.size();
    }
}
