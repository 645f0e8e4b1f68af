package io.arrears.kpi;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * The KPIs of docs/kpis.md computed by SQL in DuckDB, straight from a replay input file: an independent
 * reference for the streaming job. Written from the definitions, not from the job's code; the only
 * non-SQL step is the cash application fold ({@link CashApplicationFold}). Business time zone UTC.
 *
 * <p>Follow-up checks, promise checks and dispute SLAs move when a policy version comes into force while they
 * are pending; the SQL handles one such change per pending deadline and {@link #check()} refuses histories
 * with more.
 */
final class KpiBatchReference implements AutoCloseable {

    private static final long DAY = 86_400_000L;

    private final Connection db;
    private final int windowDays;

    KpiBatchReference(Path events, Map<String, BigDecimal> rates, int windowDays) throws SQLException {
        this.windowDays = windowDays;
        db = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement sql = db.createStatement()) {
            sql.execute("SET TimeZone = 'UTC'");
            sql.execute("CREATE TABLE raw AS SELECT * FROM read_json('" + events.toAbsolutePath().toString()
                    .replace("'", "''") + "', format = 'newline_delimited', columns = {stream: 'VARCHAR', "
                    + "eventId: 'VARCHAR', eventType: 'VARCHAR', customerId: 'VARCHAR', invoiceId: 'VARCHAR', "
                    + "paymentId: 'VARCHAR', disputeId: 'VARCHAR', segment: 'VARCHAR', collectorId: 'VARCHAR', "
                    + "currency: 'VARCHAR', amount: 'DECIMAL(18,2)', issueDate: 'DATE', dueDate: 'DATE', "
                    + "allocations: 'STRUCT(invoiceId VARCHAR, amount DECIMAL(18,2))[]', activityType: 'VARCHAR', "
                    + "promisedAmount: 'DECIMAL(18,2)', promisedDate: 'DATE', followUpSlaDays: 'INTEGER', "
                    + "disputeSlaDays: 'INTEGER', promiseGraceDays: 'INTEGER', eventTime: 'VARCHAR'})");
            sql.execute("CREATE TABLE e AS SELECT *, epoch_ms(CAST(eventTime AS TIMESTAMPTZ)) AS t, "
                    + "CAST(amount * 100 AS BIGINT) AS cents FROM raw");
            sql.execute("CREATE TABLE rates (currency VARCHAR, rate DECIMAL(18,6))");
            for (Map.Entry<String, BigDecimal> rate : rates.entrySet()) {
                sql.execute("INSERT INTO rates VALUES ('" + rate.getKey() + "', " + rate.getValue().toPlainString()
                        + ")");
            }
            sql.execute("CREATE MACRO conv(cents, rate) AS CAST(round(CAST(cents AS DECIMAL(38,0)) * rate) AS BIGINT)");
            sql.execute("CREATE MACRO day_start(d) AS epoch_ms(CAST(d AS TIMESTAMP))");
            // Policies: a segment's own version in force, else the default segment's, else the contract defaults.
            sql.execute("CREATE TABLE pv AS SELECT segment, t, followUpSlaDays AS follow_up, disputeSlaDays AS "
                    + "dispute_sla, promiseGraceDays AS promise_grace FROM e WHERE stream = 'policies'");
            sql.execute("CREATE TABLE cust_seg AS SELECT customerId AS customer_id, "
                    + "arg_max(segment, t) AS segment FROM e WHERE stream = 'customers' GROUP BY customerId");
            CashApplicationFold.run(db);
            sql.execute("""
                    CREATE TABLE ic AS SELECT c.*, conv(open, rate) AS conv_open, conv(total, rate) AS conv_total
                    FROM invoice_changes c JOIN rates USING (currency)""");
            sql.execute("""
                    CREATE TABLE pc AS SELECT c.*, conv(unapplied, rate) AS conv_unapplied
                    FROM payment_changes c JOIN rates USING (currency)""");
            sql.execute("""
                    CREATE TABLE flows AS
                    SELECT customerId AS customer_id, t,
                           CASE WHEN stream = 'payments' AND eventType = 'RECEIVED' THEN conv(cents, rate)
                                WHEN stream = 'payments' AND eventType IN ('REVERSED', 'REFUNDED')
                                    THEN -conv(cents, rate) ELSE 0 END AS collections,
                           CASE WHEN stream = 'invoices' AND eventType = 'WRITTEN_OFF' THEN conv(cents, rate)
                                ELSE 0 END AS write_offs
                    FROM e JOIN rates USING (currency) WHERE stream IN ('payments', 'invoices')""");
            // Disputes: opened by the first OPENED or UPDATED, resolved by the first RESOLVED after that.
            sql.execute("""
                    CREATE TABLE dsp AS
                    WITH opened AS (
                        SELECT disputeId, any_value(customerId) AS customer_id, any_value(invoiceId) AS invoice_id,
                               min(t) AS opened_at
                        FROM e WHERE stream = 'disputes' AND eventType IN ('OPENED', 'UPDATED') GROUP BY disputeId),
                    resolved AS (
                        SELECT o.disputeId, min(r.t) AS resolved_at FROM opened o
                        JOIN e r ON r.stream = 'disputes' AND r.eventType = 'RESOLVED' AND r.disputeId = o.disputeId
                              AND r.t >= o.opened_at
                        GROUP BY o.disputeId),
                    currency AS (
                        SELECT invoiceId AS invoice_id, arg_min(currency, t) AS currency
                        FROM e WHERE stream = 'invoices' AND eventType = 'ISSUED' GROUP BY invoiceId),
                    base AS (
                        SELECT o.*, r.resolved_at, cs.segment, rates.rate,
                               COALESCE(own.dispute_sla, star.dispute_sla, 7) AS sla0
                        FROM opened o LEFT JOIN resolved r USING (disputeId)
                        LEFT JOIN cust_seg cs USING (customer_id)
                        JOIN currency c USING (invoice_id) JOIN rates ON rates.currency = c.currency
                        ASOF LEFT JOIN pv own ON own.segment = cs.segment AND o.opened_at >= own.t
                        ASOF LEFT JOIN pv star ON star.segment = '*' AND o.opened_at >= star.t),
                    changed AS (
                        SELECT b.*, (SELECT min(p.t) FROM pv p WHERE p.segment IN (b.segment, '*')
                                     AND p.t > b.opened_at AND p.t < b.opened_at + b.sla0 * 86400000
                                     AND (b.resolved_at IS NULL OR p.t <= b.resolved_at)) AS change_at
                        FROM base b),
                    sla1 AS (
                        SELECT c.*, COALESCE(own.dispute_sla, star.dispute_sla, 7) AS sla1
                        FROM changed c
                        ASOF LEFT JOIN pv own ON own.segment = c.segment AND c.change_at >= own.t
                        ASOF LEFT JOIN pv star ON star.segment = '*' AND c.change_at >= star.t)
                    SELECT disputeId, customer_id, invoice_id, opened_at, resolved_at, rate,
                           CASE WHEN change_at IS NULL THEN opened_at + sla0 * 86400000
                                ELSE greatest(change_at, opened_at + sla1 * 86400000) END AS breach_at
                    FROM sla1""");
            sql.execute("""
                    CREATE TABLE dsp_amount AS
                    SELECT d.disputeId, d.rate, a.t, a.cents FROM dsp d
                    JOIN e a ON a.stream = 'disputes' AND a.eventType IN ('OPENED', 'UPDATED')
                         AND a.disputeId = d.disputeId""");
            // Follow-up checks, one per opening of an invoice (FOLLOW_UP_MISSED in docs/alerts.md).
            sql.execute("""
                    CREATE TABLE fu AS
                    WITH base AS (
                        SELECT o.*, cs.segment, CAST(o.due_day AS INTEGER) AS due,
                               COALESCE(own.follow_up, star.follow_up, 5) AS f0
                        FROM openings o LEFT JOIN cust_seg cs USING (customer_id)
                        ASOF LEFT JOIN pv own ON own.segment = cs.segment AND o.opened_at >= own.t
                        ASOF LEFT JOIN pv star ON star.segment = '*' AND o.opened_at >= star.t),
                    first AS (
                        SELECT b.*, day_start(DATE '1970-01-01' + due + 1 + f0) AS a0,
                               day_start(DATE '1970-01-01' + due + 1) AS window_start FROM base b),
                    changed AS (
                        SELECT f.*, (SELECT min(p.t) FROM pv p WHERE p.segment IN (f.segment, '*')
                                     AND p.t > f.opened_at AND p.t < f.a0 AND p.t <= f.closed_at) AS change_at
                        FROM first f WHERE f.a0 > f.opened_at),
                    moved AS (
                        SELECT c.*, day_start(DATE '1970-01-01' + due + 1
                                   + COALESCE(own.follow_up, star.follow_up, 5)) AS a1
                        FROM changed c
                        ASOF LEFT JOIN pv own ON own.segment = c.segment AND c.change_at >= own.t
                        ASOF LEFT JOIN pv star ON star.segment = '*' AND c.change_at >= star.t),
                    checked AS (
                        SELECT m.*, CASE WHEN change_at IS NULL THEN a0 ELSE greatest(change_at, a1) END AS ts
                        FROM moved m)
                    SELECT c.customer_id, c.invoice_id, c.ts,
                           EXISTS (SELECT 1 FROM e a WHERE a.stream = 'activities' AND a.activityType <> 'NOTE'
                                   AND a.customerId = c.customer_id
                                   AND (a.invoiceId = c.invoice_id OR a.invoiceId IS NULL)
                                   AND a.t >= c.window_start AND a.t <= c.ts) AS made
                    FROM checked c
                    WHERE (c.closed_at > c.ts OR (c.ts = c.change_at AND c.closed_at = c.change_at))
                      AND NOT EXISTS (SELECT 1 FROM dsp d WHERE d.invoice_id = c.invoice_id
                                      AND d.opened_at <= c.ts AND (d.resolved_at IS NULL OR d.resolved_at > c.ts))""");
            // Promise checks (PROMISE_BROKEN): kept if cash received after the promise, net of reversals,
            // reaches the promised amount by the check.
            sql.execute("""
                    CREATE TABLE pr AS
                    WITH base AS (
                        SELECT p.eventId, p.customerId AS customer_id, p.t AS made_at,
                               CAST(p.promisedAmount * 100 AS BIGINT) AS promised,
                               p.promisedDate, cs.segment,
                               COALESCE(own.promise_grace, star.promise_grace, 1) AS g0
                        FROM e p LEFT JOIN cust_seg cs ON cs.customer_id = p.customerId
                        ASOF LEFT JOIN pv own ON own.segment = cs.segment AND p.t >= own.t
                        ASOF LEFT JOIN pv star ON star.segment = '*' AND p.t >= star.t
                        WHERE p.stream = 'activities' AND p.activityType = 'PROMISE_TO_PAY'),
                    first AS (SELECT b.*, day_start(b.promisedDate + 1 + g0) AS a0 FROM base b),
                    changed AS (
                        SELECT f.*, (SELECT min(p.t) FROM pv p WHERE p.segment IN (f.segment, '*')
                                     AND p.t > f.made_at AND p.t < f.a0) AS change_at FROM first f),
                    moved AS (
                        SELECT c.*, day_start(c.promisedDate + 1
                                   + COALESCE(own.promise_grace, star.promise_grace, 1)) AS a1
                        FROM changed c
                        ASOF LEFT JOIN pv own ON own.segment = c.segment AND c.change_at >= own.t
                        ASOF LEFT JOIN pv star ON star.segment = '*' AND c.change_at >= star.t),
                    checked AS (
                        SELECT m.*, CASE WHEN a0 <= made_at THEN made_at WHEN change_at IS NULL THEN a0
                                         ELSE greatest(change_at, a1) END AS ts FROM moved m),
                    received AS (
                        SELECT paymentId, any_value(customerId) AS customer_id, min(t) AS received_at,
                               arg_min(cents, t) AS cents FROM e
                        WHERE stream = 'payments' AND eventType = 'RECEIVED' GROUP BY paymentId),
                    reversed AS (
                        SELECT paymentId, min(t) AS reversed_at FROM e
                        WHERE stream = 'payments' AND eventType = 'REVERSED' GROUP BY paymentId)
                    SELECT c.customer_id, c.ts,
                           COALESCE((SELECT sum(r.cents) - sum(CASE WHEN v.reversed_at <= c.ts THEN r.cents ELSE 0 END)
                                     FROM received r LEFT JOIN reversed v USING (paymentId)
                                     WHERE r.customer_id = c.customer_id AND r.received_at > c.made_at
                                       AND r.received_at <= c.ts), 0) >= c.promised AS kept
                    FROM checked c""");
        }
    }

    /** Refuses a history whose pending deadlines see more than one policy change (see the class comment). */
    long policyChangesBeyondTheReference() throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet r = sql.executeQuery("""
                SELECT count(*) FROM openings o LEFT JOIN cust_seg cs USING (customer_id)
                WHERE (SELECT count(*) FROM pv p WHERE p.segment IN (cs.segment, '*') AND p.t > o.opened_at
                       AND p.t < least(o.closed_at, day_start(DATE '1970-01-01' + CAST(o.due_day AS INTEGER) + 60))) > 1""")) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * Every KPI of every scope (PORTFOLIO, SEGMENT, COLLECTOR, CUSTOMER) at {@code asOf}: scope key
     * "SCOPE:scopeId" to field name to value (amounts in cents as Long, counts as Long, the rest Double or null).
     */
    Map<String, Map<String, Object>> kpisAt(Instant asOf) throws SQLException {
        long t = asOf.toEpochMilli();
        long today = LocalDate.ofInstant(asOf, ZoneOffset.UTC).toEpochDay();
        String query = QUERY.replace(":tw", Long.toString(t - windowDays * DAY)).replace(":t", Long.toString(t))
                .replace(":d", Long.toString(today)).replace(":w", Integer.toString(windowDays));
        Map<String, Map<String, Object>> result = new HashMap<>();
        try (PreparedStatement statement = db.prepareStatement(query); ResultSet rows = statement.executeQuery()) {
            ResultSetMetaData meta = rows.getMetaData();
            while (rows.next()) {
                Map<String, Object> values = new HashMap<>();
                for (int column = 3; column <= meta.getColumnCount(); column++) {
                    Object value = rows.getObject(column);
                    values.put(meta.getColumnLabel(column), value instanceof Number n
                            ? (value instanceof Double || value instanceof Float || value instanceof BigDecimal
                                    ? (Object) n.doubleValue() : (Object) n.longValue())
                            : value);
                }
                result.put(rows.getString(1) + ":" + rows.getString(2), values);
            }
        }
        return result;
    }

    /** Per customer components at :t, summed per scope, then the definitions. Days are epoch days (:d). */
    private static final String QUERY = """
            WITH
            inv AS (
                SELECT * FROM ic WHERE ts <= :t
                QUALIFY row_number() OVER (PARTITION BY invoice_id ORDER BY ts DESC, seq DESC) = 1),
            inv_begin AS (
                SELECT * FROM ic WHERE ts <= :tw
                QUALIFY row_number() OVER (PARTITION BY invoice_id ORDER BY ts DESC, seq DESC) = 1),
            pay AS (
                SELECT * FROM pc WHERE ts <= :t
                QUALIFY row_number() OVER (PARTITION BY payment_id ORDER BY ts DESC, seq DESC) = 1),
            customers AS (
                SELECT customerId AS customer_id FROM e WHERE customerId IS NOT NULL AND t <= :t GROUP BY customerId),
            profile AS (
                SELECT customerId AS customer_id, arg_max(segment, t) AS segment,
                       arg_max(COALESCE(collectorId, 'unassigned'), t) AS collector
                FROM e WHERE stream = 'customers' AND t <= :t GROUP BY customerId),
            ar AS (
                SELECT customer_id,
                       sum(conv_open) FILTER (WHERE :d - due_day <= 0) AS ar_current,
                       sum(conv_open) FILTER (WHERE :d - due_day BETWEEN 1 AND 30) AS ar_1_30,
                       sum(conv_open) FILTER (WHERE :d - due_day BETWEEN 31 AND 60) AS ar_31_60,
                       sum(conv_open) FILTER (WHERE :d - due_day BETWEEN 61 AND 90) AS ar_61_90,
                       sum(conv_open) FILTER (WHERE :d - due_day > 90) AS ar_over_90,
                       sum(conv_total) FILTER (WHERE status <> 'CANCELLED' AND issue_day > :d - :w
                                               AND issue_day <= :d) AS credit_sales,
                       count(*) FILTER (WHERE status = 'PAID' AND paid_at > :tw) AS paid_n,
                       sum(conv_total) FILTER (WHERE status = 'PAID' AND paid_at > :tw) AS paid_total,
                       sum(conv_total * (CAST(epoch_ms(paid_at) AS DATE) - DATE '1970-01-01' - issue_day))
                           FILTER (WHERE status = 'PAID' AND paid_at > :tw) AS paid_days,
                       sum(conv_total * greatest(0, CAST(epoch_ms(paid_at) AS DATE) - DATE '1970-01-01' - due_day))
                           FILTER (WHERE status = 'PAID' AND paid_at > :tw) AS paid_beyond,
                       count(*) FILTER (WHERE status = 'PAID' AND paid_at > :tw
                           AND CAST(epoch_ms(paid_at) AS DATE) - DATE '1970-01-01' <= due_day) AS paid_in_terms,
                       count(*) FILTER (WHERE status <> 'CANCELLED' AND issue_day + 30 > :d - :w
                           AND issue_day + 30 <= :d) AS due30_n,
                       count(*) FILTER (WHERE status <> 'CANCELLED' AND issue_day + 30 > :d - :w
                           AND issue_day + 30 <= :d AND status = 'PAID'
                           AND CAST(epoch_ms(paid_at) AS DATE) - DATE '1970-01-01' <= issue_day + 30) AS due30_paid
                FROM inv GROUP BY customer_id),
            slices AS (
                SELECT customer_id, CAST(floor((:d - issue_day) / 30) AS INTEGER) AS k, sum(conv_total) AS sales
                FROM inv WHERE status <> 'CANCELLED' AND issue_day <= :d AND issue_day > :d - 360
                GROUP BY ALL),
            begin_ar AS (SELECT customer_id, sum(conv_open) AS begin_ar FROM inv_begin GROUP BY customer_id),
            unapplied AS (SELECT customer_id, sum(conv_unapplied) AS unapplied FROM pay GROUP BY customer_id),
            moved AS (
                SELECT customer_id, sum(collections) AS collections, sum(write_offs) AS write_offs
                FROM flows WHERE t > :tw AND t <= :t GROUP BY customer_id),
            dispute_amount AS (
                SELECT disputeId, conv(arg_max(cents, t), any_value(rate)) AS amount
                FROM dsp_amount WHERE t <= :t GROUP BY disputeId),
            disputes AS (
                SELECT d.customer_id,
                       count(*) FILTER (WHERE d.opened_at <= :t AND (d.resolved_at IS NULL OR d.resolved_at > :t))
                           AS open_disputes,
                       sum(a.amount) FILTER (WHERE d.opened_at <= :t AND (d.resolved_at IS NULL OR d.resolved_at > :t))
                           AS disputed_amount,
                       count(*) FILTER (WHERE d.opened_at <= :t AND (d.resolved_at IS NULL OR d.resolved_at > :t)
                           AND d.breach_at <= :t) AS past_sla,
                       count(*) FILTER (WHERE d.resolved_at > :tw AND d.resolved_at <= :t) AS resolved_n,
                       sum(d.resolved_at - d.opened_at) FILTER (WHERE d.resolved_at > :tw AND d.resolved_at <= :t)
                           AS resolved_ms,
                       count(*) FILTER (WHERE d.resolved_at > :tw AND d.resolved_at <= :t
                           AND d.breach_at >= d.resolved_at) AS resolved_in_sla
                FROM dsp d LEFT JOIN dispute_amount a USING (disputeId) GROUP BY d.customer_id),
            follow_ups AS (
                SELECT customer_id, count(*) AS fu_n, count(*) FILTER (WHERE made) AS fu_made
                FROM fu WHERE ts > :tw AND ts <= :t GROUP BY customer_id),
            promises AS (
                SELECT customer_id, count(*) AS pr_n, count(*) FILTER (WHERE kept) AS pr_kept
                FROM pr WHERE ts > :tw AND ts <= :t GROUP BY customer_id),
            per_customer AS (
                SELECT c.customer_id, COALESCE(p.segment, 'unknown') AS segment,
                       COALESCE(p.collector, 'unassigned') AS collector, ar.*, b.begin_ar, u.unapplied,
                       m.collections, m.write_offs, d.open_disputes, d.disputed_amount, d.past_sla, d.resolved_n,
                       d.resolved_ms, d.resolved_in_sla, f.fu_n, f.fu_made, pr.pr_n, pr.pr_kept
                FROM customers c LEFT JOIN profile p USING (customer_id) LEFT JOIN ar USING (customer_id)
                LEFT JOIN begin_ar b USING (customer_id) LEFT JOIN unapplied u USING (customer_id)
                LEFT JOIN moved m USING (customer_id) LEFT JOIN disputes d USING (customer_id)
                LEFT JOIN follow_ups f USING (customer_id) LEFT JOIN promises pr USING (customer_id)),
            membership AS (
                SELECT customer_id, 'PORTFOLIO' AS scope, 'all' AS scope_id FROM per_customer
                UNION ALL SELECT customer_id, 'SEGMENT', segment FROM per_customer
                UNION ALL SELECT customer_id, 'COLLECTOR', collector FROM per_customer
                UNION ALL SELECT customer_id, 'CUSTOMER', customer_id FROM per_customer),
            scoped AS (
                SELECT m.scope, m.scope_id,
                       COALESCE(sum(ar_current), 0) AS ar_current, COALESCE(sum(ar_1_30), 0) AS ar_1_30,
                       COALESCE(sum(ar_31_60), 0) AS ar_31_60, COALESCE(sum(ar_61_90), 0) AS ar_61_90,
                       COALESCE(sum(ar_over_90), 0) AS ar_over_90, COALESCE(sum(credit_sales), 0) AS credit_sales,
                       COALESCE(sum(begin_ar), 0) AS begin_ar, COALESCE(sum(unapplied), 0) AS unapplied,
                       COALESCE(sum(collections), 0) AS collections, COALESCE(sum(write_offs), 0) AS write_offs,
                       COALESCE(sum(paid_n), 0) AS paid_n, COALESCE(sum(paid_total), 0) AS paid_total,
                       COALESCE(sum(paid_days), 0) AS paid_days, COALESCE(sum(paid_beyond), 0) AS paid_beyond,
                       COALESCE(sum(paid_in_terms), 0) AS paid_in_terms, COALESCE(sum(due30_n), 0) AS due30_n,
                       COALESCE(sum(due30_paid), 0) AS due30_paid,
                       COALESCE(sum(open_disputes), 0) AS open_disputes,
                       COALESCE(sum(disputed_amount), 0) AS disputed_amount, COALESCE(sum(past_sla), 0) AS past_sla,
                       COALESCE(sum(resolved_n), 0) AS resolved_n, COALESCE(sum(resolved_ms), 0) AS resolved_ms,
                       COALESCE(sum(resolved_in_sla), 0) AS resolved_in_sla, COALESCE(sum(fu_n), 0) AS fu_n,
                       COALESCE(sum(fu_made), 0) AS fu_made, COALESCE(sum(pr_n), 0) AS pr_n,
                       COALESCE(sum(pr_kept), 0) AS pr_kept
                FROM membership m JOIN per_customer USING (customer_id) GROUP BY m.scope, m.scope_id),
            totals AS (
                SELECT *, ar_current + ar_1_30 + ar_31_60 + ar_61_90 + ar_over_90 AS ar_total FROM scoped),
            scope_slices AS (
                SELECT m.scope, m.scope_id, k.k, COALESCE(sum(s.sales), 0) AS sales
                FROM (SELECT DISTINCT scope, scope_id FROM membership) m CROSS JOIN range(0, 12) k(k)
                LEFT JOIN membership mm ON mm.scope = m.scope AND mm.scope_id = m.scope_id
                LEFT JOIN slices s ON s.customer_id = mm.customer_id AND s.k = k.k
                GROUP BY ALL),
            cumulative AS (
                SELECT *, sum(sales) OVER (PARTITION BY scope, scope_id ORDER BY k) AS upto FROM scope_slices),
            countback AS (
                SELECT t.scope, t.scope_id,
                       CASE WHEN t.ar_total = 0 THEN 0.0 ELSE COALESCE(
                           min(30.0 * c.k + 30.0 * (t.ar_total - (c.upto - c.sales)) / c.sales)
                               FILTER (WHERE t.ar_total <= c.upto), 360.0) END AS countback_dso
                FROM totals t JOIN cumulative c USING (scope, scope_id) GROUP BY t.scope, t.scope_id, t.ar_total)
            SELECT t.scope, t.scope_id,
                   t.ar_total AS arTotal, t.ar_current AS arCurrent, t.ar_1_30 AS ar1to30, t.ar_31_60 AS ar31to60,
                   t.ar_61_90 AS ar61to90, t.ar_over_90 AS arOver90,
                   (t.ar_total - t.ar_current) / NULLIF(t.ar_total, 0)::DOUBLE AS pastDueRatio,
                   t.ar_over_90 / NULLIF(t.ar_total, 0)::DOUBLE AS over90Ratio,
                   t.credit_sales AS creditSales,
                   t.ar_total::DOUBLE * :w / NULLIF(t.credit_sales, 0) AS dso,
                   t.ar_current::DOUBLE * :w / NULLIF(t.credit_sales, 0) AS bestPossibleDso,
                   t.ar_total::DOUBLE * :w / NULLIF(t.credit_sales, 0)
                       - t.ar_current::DOUBLE * :w / NULLIF(t.credit_sales, 0) AS averageDaysDelinquent,
                   cb.countback_dso::DOUBLE AS countbackDso,
                   t.begin_ar AS beginAr,
                   (t.begin_ar + t.credit_sales - t.ar_total) * 100.0::DOUBLE
                       / NULLIF(t.begin_ar + t.credit_sales - t.ar_current, 0) AS cei,
                   t.collections AS collections, t.unapplied AS unappliedCash,
                   t.unapplied::DOUBLE / NULLIF(t.collections, 0) AS unappliedCashRatio,
                   t.write_offs AS writeOffs, t.write_offs::DOUBLE / NULLIF(t.credit_sales, 0) AS badDebtRatio,
                   t.paid_n AS invoicesPaid,
                   t.paid_days::DOUBLE / NULLIF(t.paid_total, 0) AS avgDaysToPay,
                   t.paid_beyond::DOUBLE / NULLIF(t.paid_total, 0) AS avgDaysBeyondTerms,
                   t.paid_in_terms::DOUBLE / NULLIF(t.paid_n, 0) AS paidWithinTermsRatio,
                   t.due30_paid::DOUBLE / NULLIF(t.due30_n, 0) AS collectedWithin30DaysRatio,
                   t.open_disputes AS openDisputes, t.disputed_amount AS disputedAmount,
                   t.resolved_n AS disputesResolved,
                   t.resolved_ms::DOUBLE / NULLIF(t.resolved_n, 0) / 86400000.0 AS avgDisputeResolutionDays,
                   t.resolved_in_sla::DOUBLE / NULLIF(t.resolved_n + t.past_sla, 0) AS disputeSlaComplianceRatio,
                   t.fu_made::DOUBLE / NULLIF(t.fu_n, 0) AS followUpComplianceRatio,
                   t.pr_kept::DOUBLE / NULLIF(t.pr_n, 0) AS promiseKeptRatio
            FROM totals t JOIN countback cb USING (scope, scope_id)""";

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
