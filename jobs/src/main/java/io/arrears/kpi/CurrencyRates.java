package io.arrears.kpi;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/**
 * Static rates into the reporting currency. An amount converts as amount x rate rounded to the cent, half away
 * from zero: per invoice open amount, per payment's unapplied cash, per dispute, per event amount (docs/kpis.md).
 * Rates have at most six decimals and are kept as millionths, so conversion is exact integer arithmetic.
 */
public final class CurrencyRates implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final long MILLION = 1_000_000L;

    private final String reporting;
    private final Map<String, Long> millionths;

    private CurrencyRates(String reporting, Map<String, Long> millionths) {
        this.reporting = reporting;
        this.millionths = millionths;
    }

    /**
     * @param rates {@code CODE=rate} pairs separated by commas, for example {@code EUR=1.08,GBP=1.27}; the
     *     reporting currency itself has rate 1 without being listed
     * @throws IllegalArgumentException naming what is wrong
     */
    public static CurrencyRates parse(String reporting, String rates) {
        if (!reporting.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("reporting currency '" + reporting + "' is not a three-letter ISO code");
        }
        Map<String, Long> parsed = new TreeMap<>();
        parsed.put(reporting, MILLION);
        for (String pair : rates.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.trim().split("=");
            if (parts.length != 2 || !parts[0].trim().matches("[A-Z]{3}")) {
                throw new IllegalArgumentException("rate '" + pair.trim() + "' is not CODE=rate, for example EUR=1.08");
            }
            BigDecimal rate;
            try {
                rate = new BigDecimal(parts[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("rate '" + pair.trim() + "' is not a decimal number");
            }
            if (rate.signum() <= 0 || rate.scale() > 6) {
                throw new IllegalArgumentException("rate '" + pair.trim()
                        + "' must be positive with at most six decimals");
            }
            String code = parts[0].trim();
            if (code.equals(reporting) && rate.compareTo(BigDecimal.ONE) != 0) {
                throw new IllegalArgumentException("the reporting currency " + reporting + " must have rate 1");
            }
            parsed.put(code, rate.movePointRight(6).longValueExact());
        }
        return new CurrencyRates(reporting, Map.copyOf(parsed));
    }

    public String reporting() {
        return reporting;
    }

    public boolean knows(String currency) {
        return currency != null && millionths.containsKey(currency);
    }

    /** {@code cents} of {@code currency} in reporting-currency cents; a currency without a rate is refused. */
    public long convert(long cents, String currency) {
        Long rate = currency == null ? Long.valueOf(MILLION) : millionths.get(currency);
        if (rate == null) {
            throw new IllegalArgumentException("no rate from " + currency + " to " + reporting);
        }
        if (rate == MILLION) {
            return cents;
        }
        return scale(cents, rate);
    }

    /** {@code cents} at the largest rate, in reporting-currency cents: what the largest amount can become. */
    public long largestConversion(long cents) {
        long largest = millionths.values().stream().mapToLong(Long::longValue).max().orElse(MILLION);
        return scale(cents, Math.max(largest, MILLION));
    }

    /**
     * Rounded half away from zero. Exact: a product beyond a long (only for amounts the input limits and the
     * configuration check keep out) is computed in a BigInteger, and a result beyond a long is refused.
     */
    private static long scale(long cents, long rate) {
        long magnitude = Math.abs(cents);
        long rounded;
        if (Math.multiplyHigh(magnitude, rate) == 0 && magnitude * rate >= 0
                && magnitude * rate <= Long.MAX_VALUE - MILLION / 2) {
            rounded = (magnitude * rate + MILLION / 2) / MILLION;
        } else {
            rounded = BigInteger.valueOf(magnitude).multiply(BigInteger.valueOf(rate))
                    .add(BigInteger.valueOf(MILLION / 2)).divide(BigInteger.valueOf(MILLION)).longValueExact();
        }
        return cents < 0 ? -rounded : rounded;
    }

    /** The rates as configured, for documentation and the batch reference. */
    public Map<String, BigDecimal> rates() {
        Map<String, BigDecimal> rates = new TreeMap<>();
        millionths.forEach((code, rate) -> rates.put(code, BigDecimal.valueOf(rate, 6).stripTrailingZeros()));
        return rates;
    }
}
