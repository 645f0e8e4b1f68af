package io.arrears.notify;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arrears.model.Severity;

/**
 * Who hears about an alert. Routes are named "collector:ID", "segment:NAME" and "fallback"; each holds the
 * channels of that collector, the default channels of that segment, or the team channel. A customer's alert goes
 * to its collector's channels; when the collector has none, to its segment's; when the customer has no collector
 * (or neither has channels), to the fallback. Each channel then takes it only from its minimum severity up.
 *
 * <p>Routes come from the routing file and from the compacted control topic, whose records replace (or, with an
 * empty value, remove) one route each: the file is the base, the topic the changes.
 */
public final class Routing implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bounds of one route record: a route is a handful of channels, and is kept in every subtask's state. */
    private static final int MAX_KEY_LENGTH = 200;
    private static final int MAX_CHANNELS = 20;
    private static final int MAX_ROUTE_CHARS = 16 * 1024;
    public static final String FALLBACK = "fallback";

    private final Map<String, List<Channel>> routes;

    private Routing(Map<String, List<Channel>> routes) {
        this.routes = routes;
    }

    public static Routing empty() {
        return new Routing(Map.of());
    }

    /**
     * The routing file: {"collectors": {"col-1": [CHANNEL, ...]}, "segments": {"SMB": [...]}, "fallback": [...]},
     * where a CHANNEL is {"email": "anna@example.com"} or {"slack": URL} or {"webhook": URL}, with an optional
     * "minSeverity" (INFO, WARNING, CRITICAL; default INFO).
     */
    public static Routing parse(String json) {
        JsonNode root = read(json, "the routing file");
        Map<String, List<Channel>> routes = new LinkedHashMap<>();
        root.path("collectors").fields().forEachRemaining(e -> routes.put("collector:" + e.getKey(),
                channels(e.getValue(), "collectors." + e.getKey())));
        root.path("segments").fields().forEachRemaining(e -> routes.put("segment:" + e.getKey(),
                channels(e.getValue(), "segments." + e.getKey())));
        if (root.has(FALLBACK)) {
            routes.put(FALLBACK, channels(root.get(FALLBACK), FALLBACK));
        }
        root.fieldNames().forEachRemaining(name -> {
            if (!List.of("collectors", "segments", FALLBACK).contains(name)) {
                throw new IllegalArgumentException("the routing file has an unknown entry '" + name
                        + "'; it takes collectors, segments and fallback");
            }
        });
        return new Routing(routes);
    }

    /** One control-topic record: route key and its channels as a JSON array; null or blank removes the route. */
    public Routing with(String routeKey, String channelsJson) {
        checkKey(routeKey);
        Map<String, List<Channel>> changed = new LinkedHashMap<>(routes);
        if (channelsJson == null || channelsJson.isBlank()) {
            changed.remove(routeKey);
        } else {
            if (channelsJson.length() > MAX_ROUTE_CHARS) {
                throw new IllegalArgumentException(routeKey + ": a route of " + channelsJson.length()
                        + " characters is longer than " + MAX_ROUTE_CHARS);
            }
            changed.put(routeKey, channels(read(channelsJson, "route " + routeKey), routeKey));
        }
        return new Routing(changed);
    }

    /** The channels that take this alert transition: its route's, from the alert's severity up. */
    public List<Channel> channelsFor(MessageAlert alert) {
        List<Channel> route = routeFor(alert);
        return route == null ? List.of()
                : route.stream().filter(c -> c.accepts(alert.severityLevel())).toList();
    }

    /** Whether any route applies to the alert (a channel may still not want its severity). */
    public boolean reaches(MessageAlert alert) {
        return routeFor(alert) != null;
    }

    private List<Channel> routeFor(MessageAlert alert) {
        List<Channel> route = null;
        if (alert.collectorId() != null) {
            route = routes.get("collector:" + alert.collectorId());
            if (route == null && alert.segment() != null) {
                route = routes.get("segment:" + alert.segment());
            }
        }
        return route != null ? route : routes.get(FALLBACK);
    }

    public boolean hasEmailChannel() {
        return routes.values().stream().flatMap(List::stream).anyMatch(c -> c.type() == ChannelType.EMAIL);
    }

    public static void checkKey(String routeKey) {
        if (routeKey == null || routeKey.length() > MAX_KEY_LENGTH
                || !(routeKey.equals(FALLBACK) || routeKey.matches("(collector|segment):\\P{Cntrl}+"))) {
            throw new IllegalArgumentException("route key " + (routeKey == null ? "null"
                    : io.arrears.model.EventContract.quote(routeKey)) + " is none of collector:ID, segment:NAME, "
                    + "fallback (printable, at most " + MAX_KEY_LENGTH + " characters)");
        }
    }

    private static List<Channel> channels(JsonNode list, String where) {
        if (!list.isArray()) {
            throw new IllegalArgumentException(where + " must be a list of channels");
        }
        if (list.size() > MAX_CHANNELS) {
            throw new IllegalArgumentException(where + " has " + list.size() + " channels, more than "
                    + MAX_CHANNELS);
        }
        List<Channel> channels = new ArrayList<>();
        for (JsonNode spec : list) {
            channels.add(channel(spec, where));
        }
        return List.copyOf(channels);
    }

    private static Channel channel(JsonNode spec, String where) {
        Severity min = Severity.INFO;
        if (spec.has("minSeverity")) {
            try {
                min = Severity.valueOf(spec.get("minSeverity").asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": minSeverity must be INFO, WARNING or CRITICAL, was '"
                        + spec.get("minSeverity").asText() + "'");
            }
        }
        for (ChannelType type : ChannelType.values()) {
            JsonNode address = spec.get(type.name().toLowerCase(Locale.ROOT));
            if (address != null) {
                try {
                    return new Channel(type, address.asText(), min);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage());
                }
            }
        }
        // The entry is not quoted: under a mistyped key, its value may be a webhook URL with a token.
        throw new IllegalArgumentException(where + ": a channel needs one of \"email\", \"slack\", \"webhook\", had "
                + (spec.isObject() ? "the keys " + keys(spec) : "a " + spec.getNodeType().name().toLowerCase(Locale.ROOT)));
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(name -> keys.add(io.arrears.model.EventContract.quote(name)));
        return keys;
    }

    private static JsonNode read(String json, String what) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Not Jackson's message: it quotes the text it stumbled on, which may be part of a secret URL.
            throw new IllegalArgumentException(what + " is not valid JSON" + (e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
    }

    @Override
    public String toString() {
        return routes.toString();
    }
}
