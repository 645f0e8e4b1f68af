package io.arrears.notify;

import java.io.Serializable;
import java.net.URI;
import java.util.Locale;

import io.arrears.model.Severity;

/**
 * One destination: a mailbox or a webhook URL, and the least severe alert it wants. Its id names it in state,
 * metrics, logs and dead letters, so the same address configured twice is one channel. A webhook URL is a secret
 * (Slack's carry their token), so its id shows only the host and a hash: "slack:hooks.slack.com#1f3a9c0e".
 */
public record Channel(ChannelType type, String address, Severity minSeverity) implements Serializable {

    public Channel {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("a " + type.name().toLowerCase(Locale.ROOT) + " channel needs an address");
        }
        if (type == ChannelType.EMAIL && !address.matches("[^@\\s]+@[^@\\s]+")) {
            throw new IllegalArgumentException("'" + address + "' is not an email address");
        }
        if (type != ChannelType.EMAIL && !(address.matches("https?://\\S+") && hasHost(address))) {
            // Not quoted: a webhook URL may carry a token.
            throw new IllegalArgumentException("a " + type.name().toLowerCase(Locale.ROOT)
                    + " channel needs an http(s) URL with a host");
        }
    }

    /** Whether the URL parses and names a host: what the pattern alone lets through may not. */
    private static boolean hasHost(String url) {
        try {
            return URI.create(url).getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public String id() {
        String type = this.type.name().toLowerCase(Locale.ROOT);
        if (this.type == ChannelType.EMAIL) {
            return type + ":" + address;
        }
        return type + ":" + URI.create(address).getHost() + "#" + Sha256.hex(address, 4);
    }

    public boolean accepts(Severity severity) {
        return severity.ordinal() >= minSeverity.ordinal();
    }
}
