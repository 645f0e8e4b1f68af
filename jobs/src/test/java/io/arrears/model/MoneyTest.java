package io.arrears.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void convertsExactlyBothWays() {
        assertThat(Money.toCents(new BigDecimal("1234.5"))).isEqualTo(123450L);
        assertThat(Money.toCents(new BigDecimal("0.01"))).isEqualTo(1L);
        assertThat(Money.toCents(new BigDecimal("-7.10"))).isEqualTo(-710L);
        assertThat(Money.toCents(new BigDecimal("12.000"))).isEqualTo(1200L);
        assertThat(Money.toDecimal(123450L)).isEqualTo(new BigDecimal("1234.50"));
    }

    @Test
    void refusesFractionsOfACentInsteadOfRounding() {
        assertThatThrownBy(() -> Money.toCents(new BigDecimal("10.005")))
                .isInstanceOf(ContractViolation.class)
                .hasMessageContaining("10.005 is not a whole number of cents");
    }

    @Test
    void refusesAmountsBeyondALongOfCents() {
        assertThatThrownBy(() -> Money.toCents(new BigDecimal("1e30"))).isInstanceOf(ContractViolation.class);
    }

    @Test
    void refusesHostileFormsQuicklyAndSaysWhatTheyAre() {
        // Each of these would take minutes or gigabytes if the amount were computed with.
        assertThatThrownBy(() -> Money.toCents(new BigDecimal("1e999999999")))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("amount 1E+999999999 has more than 16 digits before the point")
                .extracting(e -> ((ContractViolation) e).reasonCode()).isEqualTo(ReasonCode.LIMIT);
        assertThatThrownBy(() -> Money.toCents(new BigDecimal("1e-999999999")))
                .hasMessage("amount 1E-999999999 is not a whole number of cents");
        assertThatThrownBy(() -> Money.toCents(new BigDecimal(java.math.BigInteger.TEN.pow(200_000), 2)))
                .hasMessageStartingWith("amount of about 2000").hasMessageEndingWith("digits has more than 16 digits before the point");
        assertThatThrownBy(() -> Money.toCents(new BigDecimal(java.math.BigInteger.ONE, Integer.MIN_VALUE + 1)))
                .hasMessageContaining("has more than 16 digits before the point");
        assertThat(Money.toCents(new BigDecimal("9999999999999999.99"))).isEqualTo(999_999_999_999_999_999L);
        assertThat(Money.toCents(new BigDecimal("1.0000000000000000000000000000"))).isEqualTo(100L);
    }

    @Test
    void formatsForPeople() {
        assertThat(Money.format(123456789L, "USD")).isEqualTo("1,234,567.89 USD");
    }
}
