package io.lakemesh.catalog;

import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.governance.Principal;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A principal's subscription to the events of one product, delivered to an endpoint. Not to be
 * confused with an access request (which the CLI also calls a subscription): this one grants
 * nothing, it only tells.
 *
 * @param id the subscription's number, assigned when stored (0 in a draft)
 * @param subscriber who receives the events; it must be able to describe the product
 * @param table the product's table
 * @param kinds the kinds of event asked for (never empty)
 * @param endpoint where the events go
 * @param secret the key of the webhook signature; null for an endpoint that is not a webhook. Never
 *     printed: {@link #toString()} and every listing leave it out
 * @param cursor the number of the last event of the stream this subscription has looked at; events
 *     numbered after it are still to be considered
 * @param createdAt when it was made
 */
public record EventSubscription(
    long id,
    Principal subscriber,
    TableId table,
    Set<MeshEvent.Kind> kinds,
    Endpoint endpoint,
    String secret,
    long cursor,
    Instant createdAt) {
  /** What a listing shows in place of a secret. */
  public static final String HIDDEN_SECRET = "(hidden)";

  public EventSubscription {
    Objects.requireNonNull(subscriber, "subscriber");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(createdAt, "createdAt");
    if (kinds == null || kinds.isEmpty()) {
      throw new InvalidRequestException(
          "a subscription names the kinds of event it wants (--events published,rejected,... or"
              + " all)");
    }
    kinds = Set.copyOf(EnumSet.copyOf(kinds));
    if (endpoint.type() == Endpoint.Type.WEBHOOK && (secret == null || secret.isBlank())) {
      throw new InvalidRequestException("a webhook subscription needs a secret to sign with");
    }
  }

  /** The same subscription, having looked at the stream up to {@code seq}. */
  public EventSubscription withCursor(long seq) {
    return new EventSubscription(id, subscriber, table, kinds, endpoint, secret, seq, createdAt);
  }

  /** The same subscription as stored under {@code number}. */
  public EventSubscription numbered(long number) {
    return new EventSubscription(
        number, subscriber, table, kinds, endpoint, secret, cursor, createdAt);
  }

  /** The same subscription without its secret, as listings show it. */
  public EventSubscription withoutSecret() {
    return new EventSubscription(
        id,
        subscriber,
        table,
        kinds,
        endpoint,
        secret == null ? null : HIDDEN_SECRET,
        cursor,
        createdAt);
  }

  /** True when the event is about this subscription's product and of a kind it asked for. */
  public boolean asksFor(MeshEvent event) {
    return table.equals(event.table()) && kinds.contains(event.kind());
  }

  /** The kinds as users write them, in declaration order: {@code published,rejected}. */
  public String kindLabels() {
    return kinds.stream().sorted().map(MeshEvent.Kind::label).collect(Collectors.joining(","));
  }

  /**
   * The kinds a user named, comma-separated labels, or {@code all} for every kind.
   *
   * @throws IllegalArgumentException naming the kinds there are, for an unknown one
   */
  public static Set<MeshEvent.Kind> parseKinds(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("name the kinds of event (or all)");
    }
    if (text.trim().equalsIgnoreCase("all")) {
      return EnumSet.allOf(MeshEvent.Kind.class);
    }
    Set<MeshEvent.Kind> kinds = new TreeSet<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        kinds.add(MeshEvent.Kind.parse(part));
      }
    }
    return kinds;
  }

  @Override
  public String toString() {
    return "subscription "
        + id
        + " of "
        + subscriber
        + " to "
        + kindLabels()
        + " of "
        + table
        + " at "
        + endpoint;
  }

  /**
   * Where a subscription's events go: an HTTP(S) webhook, or an Amazon EventBridge event bus.
   *
   * @param address the webhook's URL, or the event bus's ARN
   */
  public record Endpoint(Type type, String address) {
    public enum Type {
      WEBHOOK,
      EVENTBRIDGE;

      public String label() {
        return name().toLowerCase(Locale.ROOT);
      }
    }

    public Endpoint {
      Objects.requireNonNull(type, "type");
      if (address == null || address.isBlank()) {
        throw new InvalidRequestException("an endpoint needs an address");
      }
      if (type == Type.WEBHOOK) {
        requireWebhook(address);
      } else if (!address.matches(
          "arn:aws[a-z-]*:events:[a-z0-9-]+:\\d{12}:event-bus/[A-Za-z0-9._/-]+")) {
        throw new InvalidRequestException(
            "'"
                + address
                + "' is not an EventBridge event bus ARN; give one such as"
                + " arn:aws:events:eu-west-1:123456789012:event-bus/default");
      }
    }

    public static Endpoint webhook(String url) {
      return new Endpoint(Type.WEBHOOK, url);
    }

    public static Endpoint eventBridge(String busArn) {
      return new Endpoint(Type.EVENTBRIDGE, busArn);
    }

    private static void requireWebhook(String url) {
      URI uri;
      try {
        uri = URI.create(url);
      } catch (IllegalArgumentException e) {
        uri = null;
      }
      if (uri == null
          || uri.getHost() == null
          || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          || uri.getUserInfo() != null) {
        throw new InvalidRequestException(
            "'"
                + url
                + "' is not a webhook URL; give an absolute http or https URL with no user"
                + " information in it, such as https://hooks.example.com/lakemesh");
      }
    }

    @Override
    public String toString() {
      return type.label() + " " + address;
    }
  }
}
