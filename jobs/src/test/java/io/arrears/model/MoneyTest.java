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
    void formatsForPeople() {
        assertThat(Money.format(123456789L, "USD")).isEqualTo("1,234,567.89 USD");
    }
}
