package io.arrears.testing;

import java.time.Duration;

/**
 * How long the outage tests keep a service down beyond what they need: nothing in the suite, minutes in the
 * soak profile ({@code ./mvnw verify -Psoak}).
 */
public final class Soak {

    private Soak() {
    }

    public static Duration outage() {
        String value = System.getProperty("arrears.soak.outage", "PT0S");
        return value.isBlank() ? Duration.ZERO : Duration.parse(value);
    }
}
