package io.arrears.ledger;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Calendar days in the business time zone: what "the start of day dueDate + 30" and "days past due" mean.
 */
public final class BusinessCalendar implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ZoneId zone;

    public BusinessCalendar(ZoneId zone) {
        this.zone = zone;
    }

    public static BusinessCalendar utc() {
        return new BusinessCalendar(ZoneId.of("UTC"));
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDate dateOf(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(zone).toLocalDate();
    }

    /** The first instant of {@code date} (epoch milliseconds). */
    public long startOf(LocalDate date) {
        return date.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** Days past due at business time {@code now}: the calendar date of now minus the due date. */
    public long daysPastDue(LocalDate dueDate, long now) {
        return ChronoUnit.DAYS.between(dueDate, dateOf(now));
    }
}
