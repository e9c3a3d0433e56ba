package io.converge.kpi.domain;

/**
 * Ordinary least squares y = intercept + slope × x.
 *
 * @param r2                  coefficient of determination (1 when the residuals are all 0 and y varies; 0 when y is
 *                            constant: there is nothing to explain)
 * @param slopeStdErr         standard error of the slope: sqrt(SSE / (n − 2)) / sqrt(Sxx)
 * @param residualStdDev      sqrt(SSE / (n − 2))
 */
public record LinearFit(double slope, double intercept, double r2, double slopeStdErr, double residualStdDev,
                        int n) {

    /** Needs at least 3 points and x not all equal. */
    public static LinearFit of(double[] x, double[] y, int from, int to) {
        int n = to - from;
        if (n < 3) {
            throw new IllegalArgumentException("a regression needs at least 3 points, got " + n);
        }
        double mx = 0;
        double my = 0;
        for (int i = from; i < to; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = from; i < to; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("a regression needs at least two distinct x values");
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double sse = Math.max(0, syy - slope * sxy);
        double r2 = syy == 0 ? 0 : Math.min(1, Math.max(0, 1 - sse / syy));
        double s = Math.sqrt(sse / (n - 2));
        return new LinearFit(slope, intercept, r2, s / Math.sqrt(sxx), s, n);
    }

    public static LinearFit of(double[] x, double[] y) {
        return of(x, y, 0, x.length);
    }

    public double predict(double x) {
        return intercept + slope * x;
    }
}
