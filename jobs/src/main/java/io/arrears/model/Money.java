package io.arrears.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money inside Arrears is a long count of minor units (cents): exact, and far cheaper than BigDecimal in state
 * and in the hot path. BigDecimal exists only at the edges (Avro, JSON), converted here.
 */
public final class Money {

    private static final int SCALE = 2;

    private Money() {
    }

    /** Exact cents of a decimal amount; refuses amounts with more than two decimals instead of rounding. */
    public static long toCents(BigDecimal amount) {
        try {
            return amount.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new ContractViolation("amount " + amount.toPlainString()
                    + " is not a whole number of cents or is out of range");
        }
    }

    public static BigDecimal toDecimal(long cents) {
        return BigDecimal.valueOf(cents, SCALE);
    }

    /** For messages a person reads: "1,234.50 USD". */
    public static String format(long cents, String currency) {
        return String.format("%,.2f %s", toDecimal(cents), currency);
    }
}
