package io.converge.kpi.domain;

import static io.converge.kpi.domain.StateTimelineTest.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalTest {

    static Interval iv(int a, int b) {
        return new Interval(at(a), at(b));
    }

    @Test
    void unionSubtractIntersect() {
        assertEquals(List.of(iv(0, 20), iv(30, 40)), Interval.union(List.of(iv(10, 20), iv(0, 15), iv(30, 40),
                iv(20, 20))));
        assertEquals(List.of(iv(0, 25)), Interval.union(List.of(iv(0, 10), iv(10, 25)))); // touching merge
        assertEquals(List.of(iv(0, 5), iv(12, 20)), Interval.subtract(List.of(iv(0, 20)), List.of(iv(5, 8),
                iv(7, 12))));
        assertEquals(List.of(iv(5, 10), iv(30, 35)), Interval.intersect(List.of(iv(0, 10), iv(30, 40)),
                List.of(iv(5, 35))));
        assertEquals(Duration.ofMinutes(20), Interval.total(List.of(iv(0, 10), iv(5, 20)))); // 0..20
        assertNull(iv(0, 10).intersect(iv(10, 20)));
        assertThrows(IllegalArgumentException.class, () -> iv(10, 0));
    }
}
