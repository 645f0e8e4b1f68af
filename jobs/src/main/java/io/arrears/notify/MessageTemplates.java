package io.arrears.notify;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns alert transitions into messages a collector can act on. Templates name fields in braces: {customer},
 * {invoice}, {dispute}, {amount}, {currency}, {days} (days past due, or the stage in days), {severity},
 * {alertType}, {status}, {message}, {nextStep}, {link}; digests also {count}, {customers}, {recipient}.
 * A field without a value shows as "-".
 */
public record MessageTemplates(String subject, String body, String digestSubject, String digestLine,
                               String dashboardUrl) implements Serializable {

    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z]+)}");

    /** One alert transition on its own (critical ones). */
    public Message single(Channel channel, MessageAlert alert) {
        Map<String, String> fields = fields(alert);
        return new Message(channel, "alert:" + channel.id() + ":" + alert.transitionKey(),
                fill(subject, fields), fill(body, fields), List.of(alert));
    }

    /** Several transitions for one recipient, grouped by customer, each customer with its dashboard link. */
    public Message digest(Channel channel, List<MessageAlert> alerts) {
        Map<String, List<MessageAlert>> byCustomer = new TreeMap<>();
        for (MessageAlert alert : alerts) {
            byCustomer.computeIfAbsent(alert.customerId(), c -> new java.util.ArrayList<>()).add(alert);
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, List<MessageAlert>> customer : byCustomer.entrySet()) {
            text.append("Customer ").append(customer.getKey()).append(" (")
                    .append(fill("{link}", fields(customer.getValue().get(0)))).append(")\n");
            for (MessageAlert alert : customer.getValue()) {
                text.append(fill(digestLine, fields(alert))).append('\n');
            }
            text.append('\n');
        }
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("count", Integer.toString(alerts.size()));
        summary.put("customers", Integer.toString(byCustomer.size()));
        summary.put("recipient", channel.address());
        String key = "digest:" + channel.id() + ":" + hash(alerts.stream().map(MessageAlert::transitionKey).sorted()
                .toList());
        return new Message(channel, key, fill(digestSubject, summary), text.toString().stripTrailing(),
                List.copyOf(alerts));
    }

    private Map<String, String> fields(MessageAlert alert) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("customer", alert.customerId());
        fields.put("invoice", alert.invoiceId());
        fields.put("dispute", alert.disputeId());
        fields.put("amount", alert.amount());
        fields.put("currency", alert.currency());
        fields.put("days", alert.stageDays() == null ? null : alert.stageDays().toString());
        fields.put("severity", alert.severity());
        fields.put("alertType", alert.alertType());
        fields.put("status", alert.status());
        fields.put("message", alert.message());
        fields.put("nextStep", NextStep.of(alert));
        fields.put("link", dashboardUrl.replace("{customer}", alert.customerId()));
        return fields;
    }

    private static String fill(String template, Map<String, String> fields) {
        Matcher matcher = FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = fields.containsKey(matcher.group(1)) ? fields.get(matcher.group(1)) : matcher.group();
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "-" : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String hash(List<String> keys) {
        return Sha256.hex(String.join("\n", keys), 16);
    }
}
