package io.arrears.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money inside Arrears is a long count of minor units (cents): exact, and far cheaper than BigDecimal in state
 * and in the hot path. BigDecimal exists only at the edges (Avro, JSON), converted here.
 */
public final class Money {

    private static final int SCALE = 2;
    /** Digits before the point that a long of cents can hold in every case (decimal(18,2) holds 16). */
    private static final int MAX_INTEGER_DIGITS = 16;
    /** About 48 digits: more than any amount needs, few enough that precision and scale are cheap to check. */
    private static final int MAX_UNSCALED_BITS = 160;

    private Money() {
    }

    /**
     * Exact cents of a decimal amount; refuses amounts with more than two decimals instead of rounding, and
     * amounts with more than 16 digits before the point. Hostile forms (1e999999999, 1e-999999999, a million
     * digits) are refused by their size, without computing with them.
     */
    public static long toCents(BigDecimal amount) {
        if (amount.unscaledValue().bitLength() > MAX_UNSCALED_BITS
                || (long) amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
            throw new ContractViolation(ReasonCode.LIMIT, "amount " + shortForm(amount)
                    + " has more than " + MAX_INTEGER_DIGITS + " digits before the point");
        }
        BigDecimal exact = amount.scale() > SCALE ? amount.stripTrailingZeros() : amount;
        if (exact.scale() > SCALE) {
            throw new ContractViolation("amount " + shortForm(amount) + " is not a whole number of cents");
        }
        return exact.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    /** At most about 60 characters, whatever the amount's scale and digits. */
    private static String shortForm(BigDecimal amount) {
        int bits = amount.unscaledValue().bitLength();
        if (bits > MAX_UNSCALED_BITS) {
            return "of about " + Math.round(bits * Math.log10(2)) + " digits";
        }
        String text = amount.toString(); // scientific notation for extreme scales: never a billion zeros
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }

    public static BigDecimal toDecimal(long cents) {
        return BigDecimal.valueOf(cents, SCALE);
    }

    /** For messages a person reads: "1,234.50 USD". */
    public static String format(long cents, String currency) {
        return String.format("%,.2f %s", toDecimal(cents), currency);
    }
}
