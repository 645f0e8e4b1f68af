package io.arrears.cli.benchmark;

import java.time.Duration;
import java.util.Locale;

/** How the benchmark's table writes numbers. */
final class Format {

    private Format() {
    }

    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 120 ? (seconds / 60) + " min" : seconds > 0 ? seconds + " s" : duration.toMillis() + " ms";
    }

    static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }

    static String rate(Double perSecond) {
        return perSecond == null ? "-" : String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    static String ratio(Double ratio) {
        return ratio == null ? "-" : String.format(Locale.ROOT, ratio < 0.1 ? "%.4f" : "%.2f", ratio);
    }

    static String bytes(Long bytes) {
        if (bytes == null) {
            return "-";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String millis(Long millis) {
        return millis == null ? "-" : String.format(Locale.ROOT, "%,d ms", millis);
    }
}
