package io.arrears.notify.pipeline;

/**
 * A record of the routes control topic.
 *
 * @param channels a JSON list of channels; null or blank removes the route
 * @param offset where the record came from, for the dead letter of a bad one
 */
public record RouteUpdate(String key, String channels, int partition, long offset) {
}
