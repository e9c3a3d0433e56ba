package io.converge.kpi.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Predictive maintenance for one condition metric: EWMA smoothing, least-squares regression of the smoothed
 * values over a sliding window of the last {@code windowSize} samples, and the predicted time until the alarm
 * threshold is crossed (rising or falling).
 *
 * <p>Documented choices:
 * <ul>
 *   <li>EWMA lag: on a linear trend the EWMA trails the signal by Δ(1 − α)/α in time (Δ = mean sampling
 *       interval), so the crossing predicted from the smoothed line is moved earlier by that lag.</li>
 *   <li>confidence = R² × clamp(1 − 2·SE(slope)/|slope|, 0, 1): 0 when the slope's ~95 % band includes 0, close
 *       to 1 for a clean, strong trend. It is a heuristic score in [0, 1], not a probability (the smoothed
 *       values are autocorrelated, so SE is optimistic).</li>
 *   <li>Anomaly: z = (x − ŷ) / se where ŷ is the prediction of a regression of the <em>raw</em> values in the
 *       window before x (trend-robust) and se = s·sqrt(1 + 1/n + (x₀ − x̄)²/Sxx) the standard error of a new
 *       observation; |z| &gt; zThreshold (default 3) flags. Needs {@link #MIN_SAMPLES_FOR_Z} samples.
 *       Anomalous values are still fed to the model (a real step change must not be ignored forever).</li>
 * </ul>
 */
public final class CrossingPredictor {

    public enum Direction { RISING, FALLING }

    public record Config(double alpha, int windowSize, double threshold, Direction direction, double zThreshold) {
        public Config {
            if (windowSize < 3) {
                throw new IllegalArgumentException("window size must be >= 3");
            }
            if (!Double.isFinite(threshold) || direction == null) {
                throw new IllegalArgumentException("a finite threshold and a direction are required");
            }
            if (!(zThreshold > 0)) {
                throw new IllegalArgumentException("z threshold must be > 0");
            }
            new Ewma(alpha); // validates alpha
        }

        public Config(double alpha, int windowSize, double threshold, Direction direction) {
            this(alpha, windowSize, threshold, direction, 3.0);
        }
    }

    public record Observation(Instant time, double value, double smoothed, KpiValue z, boolean anomaly) {
    }

    /**
     * @param timeToCrossingHours hours from {@code now} until the threshold is crossed (0 when already crossed),
     *                            undefined with a reason when not predictable
     */
    public record Prediction(KpiValue timeToCrossingHours, Instant predictedCrossing, double confidence,
                             LinearFit fit) {
    }

    private record Sample(Instant time, double raw, double smoothed) {
    }

    /** z-scores need a minimally stable residual spread. */
    public static final int MIN_SAMPLES_FOR_Z = 10;

    private final Config config;
    private final Ewma ewma;
    private final Deque<Sample> window = new ArrayDeque<>();

    public CrossingPredictor(Config config) {
        this.config = config;
        this.ewma = new Ewma(config.alpha());
    }

    public Observation add(Instant time, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, got " + value);
        }
        if (!window.isEmpty() && !time.isAfter(window.peekLast().time())) {
            throw new IllegalArgumentException("samples must be in increasing time order");
        }
        KpiValue z = KpiValue.undefined("fewer than " + MIN_SAMPLES_FOR_Z + " samples in the window");
        boolean anomaly = false;
        if (window.size() >= MIN_SAMPLES_FOR_Z) {
            Instant origin = window.peekFirst().time();
            double[] x = new double[window.size()];
            double[] y = new double[window.size()];
            int i = 0;
            for (Sample s : window) {
                x[i] = hours(origin, s.time());
                y[i++] = s.raw();
            }
            LinearFit fit = LinearFit.of(x, y);
            double xNew = hours(origin, time);
            double residual = value - fit.predict(xNew);
            double mx = 0;
            double sxx = 0;
            for (double xi : x) {
                mx += xi;
            }
            mx /= x.length;
            for (double xi : x) {
                sxx += (xi - mx) * (xi - mx);
            }
            // standard error of a new observation at xNew: s · sqrt(1 + 1/n + (xNew − x̄)² / Sxx)
            double se = fit.residualStdDev() * Math.sqrt(1 + 1.0 / x.length + (xNew - mx) * (xNew - mx) / sxx);
            if (se > 0) {
                z = KpiValue.of(residual / se);
                anomaly = Math.abs(z.value()) > config.zThreshold();
            } else {
                z = KpiValue.undefined("no variance in the window");
                anomaly = residual != 0;
            }
        }
        double smoothed = ewma.update(value);
        window.addLast(new Sample(time, value, smoothed));
        while (window.size() > config.windowSize()) {
            window.removeFirst();
        }
        return new Observation(time, value, smoothed, z, anomaly);
    }

    public Prediction predict(Instant now) {
        if (window.size() < 3) {
            return new Prediction(KpiValue.undefined("fewer than 3 samples in the window"), null, 0, null);
        }
        Instant origin = window.peekFirst().time();
        double[] x = new double[window.size()];
        double[] y = new double[window.size()];
        int i = 0;
        for (Sample s : window) {
            x[i] = hours(origin, s.time());
            y[i++] = s.smoothed();
        }
        LinearFit fit = LinearFit.of(x, y);
        double confidence = fit.slope() == 0 ? 0
                : fit.r2() * Math.clamp(1 - 2 * fit.slopeStdErr() / Math.abs(fit.slope()), 0.0, 1.0);
        boolean rising = config.direction() == Direction.RISING;
        double latest = window.peekLast().smoothed();
        if (rising ? latest >= config.threshold() : latest <= config.threshold()) {
            return new Prediction(KpiValue.of(0), now, confidence, fit);
        }
        if (rising ? fit.slope() <= 0 : fit.slope() >= 0) {
            return new Prediction(KpiValue.undefined("not trending towards the threshold"), null, confidence, fit);
        }
        double meanStepHours = x[x.length - 1] / (x.length - 1);
        double lagHours = meanStepHours * (1 - config.alpha()) / config.alpha();
        double crossingHours = (config.threshold() - fit.intercept()) / fit.slope() - lagHours;
        double untilHours = Math.max(0, crossingHours - hours(origin, now));
        KpiValue until = KpiValue.of(untilHours, "crossing time is not a finite number");
        Instant at = until.isDefined() && untilHours < 1e6
                ? now.plus(Duration.ofNanos((long) (untilHours * 3.6e12))) : null;
        return new Prediction(until, at, confidence, fit);
    }

    private static double hours(Instant origin, Instant t) {
        return Duration.between(origin, t).toNanos() / 3.6e12;
    }
}
