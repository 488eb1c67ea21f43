package io.lakemesh.cli;

import io.lakemesh.catalog.EventDelivery;
import io.lakemesh.catalog.EventSubscription;
import io.lakemesh.catalog.EventSubscription.Endpoint;
import io.lakemesh.catalog.MeshEvent;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.delivery.DeliveryEngine;
import io.lakemesh.governance.delivery.DeliveryPolicy;
import io.lakemesh.governance.delivery.DeliveryReport;
import io.lakemesh.governance.delivery.WebhookSender;
import io.lakemesh.governance.rules.Governance;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Subscriptions to products' events and their delivery. Named apart from the access-request
 * commands ({@code unsubscribe ID} ends an access subscription): an event subscription grants
 * nothing, it only tells.
 */
final class EventCommands {
  private EventCommands() {}

  /** The keys of an event subscription in JSON. */
  static final String SUBSCRIPTION_KEYS =
      "{id, subscriber, table, kinds, endpoint, secret, cursor, createdAt}";

  /** The keys of a delivery in JSON. */
  static final String DELIVERY_KEYS =
      "{subscription, seq, eventId, state, attempts, nextAttempt, lastError}";

  private static final String ROW = "%-5s %-22s %-24s %-40s %s%n";
  private static final String DEAD = "%-13s %-8s %-40s %-9s %s%n";

  /** A listing: a JSON array with --json, else a header and a line per item. */
  private static <T> void listing(boolean json, List<T> items, String header, Consumer<T> line) {
    if (json) {
      JsonOutput.print(items);
    } else {
      System.out.print(header);
      items.forEach(line);
    }
  }

  static void print(EventSubscription s) {
    System.out.printf(ROW, s.id(), s.subscriber(), s.table(), s.kindLabels(), s.endpoint());
  }

  @Command(
      name = "subscribe",
      mixinStandardHelpOptions = true,
      description = {
        "Subscribe to a product's events (published, rejected, schema-changed, sla-breached, access"
            + " events, ...), delivered from the next event on to a webhook (CloudEvents 1.0 JSON,"
            + " signed with HMAC-SHA256) or an EventBridge event bus. The subscriber must be able"
            + " to describe the product; events stop when it no longer may.",
        "Not the access workflow: to ask for access, use request-access; to end an event"
            + " subscription, unsubscribe-events ID."
      })
  static final class Subscribe implements Callable<Integer> {
    @Mixin Environment env;

    @Option(names = "--as", required = true, paramLabel = "WHO", description = "The subscriber.")
    String actor;

    @Option(
        names = "--product",
        required = true,
        paramLabel = "D.N",
        description = "The product table, DB.TABLE (or ACCOUNT:DB.TABLE).")
    String product;

    @Option(
        names = "--events",
        required = true,
        paramLabel = "K[,K...]",
        description =
            "The kinds of event: published, rejected, schema-changed, major-version, sla-breached,"
                + " sla-recovered, quarantine-warning, access-requested, access-approved,"
                + " access-denied, access-revoked, access-expiring, access-expired; or all.")
    String events;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
      @Option(names = "--webhook", paramLabel = "URL", description = "POST each event here.")
      String webhook;

      @Option(
          names = "--eventbridge",
          paramLabel = "BUS_ARN",
          description = "Put each event on this EventBridge event bus (the aws backend sends it).")
      String eventBridge;
    }

    @Option(
        names = "--secret-env",
        paramLabel = "VAR",
        description =
            "Sign webhook requests with the secret in this environment variable (default: a new"
                + " secret, printed once).")
    String secretEnv;

    @Option(
        names = "--json",
        description = "Print the subscription as JSON: " + SUBSCRIPTION_KEYS + ".")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        Principal as = Principal.parse(actor);
        Endpoint endpoint =
            target.webhook != null
                ? Endpoint.webhook(target.webhook)
                : Endpoint.eventBridge(target.eventBridge);
        boolean generated = target.webhook != null && secretEnv == null;
        String secret = target.webhook == null ? null : generated ? newSecret() : fromEnv();
        EventSubscription made =
            env.governance()
                .subscribeEvents(
                    as,
                    new EventSubscription(
                        0,
                        as,
                        Tables.parse(product),
                        parseKinds(),
                        endpoint,
                        secret,
                        0,
                        Instant.now()));
        EventSubscription shown = generated ? made : made.withoutSecret();
        if (json) {
          JsonOutput.print(shown);
        } else {
          System.out.println(
              "subscription "
                  + made.id()
                  + ": "
                  + made.kindLabels()
                  + " of "
                  + made.table()
                  + " to "
                  + made.endpoint());
          if (generated) {
            System.out.println(
                "secret (shown once; the receiver checks X-Lakemesh-Signature with it): "
                    + made.secret());
          }
        }
        return 0;
      }
    }

    private Set<MeshEvent.Kind> parseKinds() {
      try {
        return EventSubscription.parseKinds(events);
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigException("--events", e.getMessage());
      }
    }

    private String fromEnv() {
      String value = System.getenv(secretEnv);
      if (value == null || value.isBlank()) {
        throw new InvalidConfigException(
            "--secret-env",
            "environment variable "
                + secretEnv
                + " is not set; export the webhook's secret in it, or leave --secret-env out for"
                + " a new one");
      }
      return value;
    }

    private static String newSecret() {
      byte[] bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      return HexFormat.of().formatHex(bytes);
    }
  }

  @Command(
      name = "subscriptions",
      mixinStandardHelpOptions = true,
      description =
          "The principal's subscriptions to products' events (an administrator: its account's),"
              + " secrets hidden. Access requests are listed by: requests.")
  static final class Subscriptions implements Callable<Integer> {
    @Mixin Environment env;

    @Option(names = "--as", required = true, paramLabel = "WHO", description = "The subscriber.")
    String actor;

    @Option(names = "--json", description = "Print JSON: [" + SUBSCRIPTION_KEYS + "].")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        List<EventSubscription> all = env.governance().eventSubscriptions(Principal.parse(actor));
        listing(
            json,
            all,
            String.format(ROW, "ID", "SUBSCRIBER", "PRODUCT", "EVENTS", "ENDPOINT"),
            EventCommands::print);
        return 0;
      }
    }
  }

  @Command(
      name = "unsubscribe-events",
      mixinStandardHelpOptions = true,
      description =
          "End a subscription to a product's events (see: subscriptions). To end an access"
              + " subscription (an approved request), use: unsubscribe ID.")
  static final class Unsubscribe implements Callable<Integer> {
    @Mixin Environment env;

    @Parameters(paramLabel = "ID", description = "The event subscription.")
    long id;

    @Option(
        names = "--as",
        required = true,
        paramLabel = "WHO",
        description = "The subscriber, or its account's administrator.")
    String actor;

    @Option(names = "--json", description = "Print JSON: {unsubscribed}.")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        env.governance().unsubscribeEvents(Principal.parse(actor), id);
        JsonOutput.print(
            json, JsonOutput.object("unsubscribed", id), "event subscription " + id + " ended");
        return 0;
      }
    }
  }

  @Command(
      name = "events",
      mixinStandardHelpOptions = true,
      description = "Deliver the mesh's events to subscribers, and read and retry dead letters.",
      subcommands = {Deliver.class, DeadLetters.class, Retry.class})
  static final class Events extends ParentCommand {}

  /** How hard deliveries are tried: shared by {@code events deliver} and {@code serve}. */
  static final class DeliveryOptions {
    @Option(
        names = "--max-attempts",
        paramLabel = "N",
        defaultValue = "" + DeliveryPolicy.MAX_ATTEMPTS_DEFAULT,
        description =
            "Attempts before a delivery goes to the dead-letter list (default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(
        names = "--first-retry",
        paramLabel = "SECONDS",
        defaultValue = "30",
        description =
            "Wait before the first retry, doubled for each next one up to an hour (default:"
                + " ${DEFAULT-VALUE}).")
    long firstRetrySeconds;

    DeliveryPolicy policy() {
      return DeliveryPolicy.defaults()
          .withMaxAttempts(maxAttempts)
          .withFirstRetry(Duration.ofSeconds(firstRetrySeconds));
    }

    /** The engine over the catalog database that {@code governance} reads. */
    DeliveryEngine engine(Governance governance) {
      return DeliveryEngine.over(
          governance,
          List.of(new WebhookSender(Duration.ofSeconds(10))),
          policy(),
          Clock.systemUTC());
    }
  }

  @Command(
      name = "deliver",
      mixinStandardHelpOptions = true,
      description = {
        "One pass of delivery (for cron, Step Functions or Airflow; serve does it every few"
            + " seconds): each subscription's due retries, then the events after its cursor.",
        "Runs where the catalog database is (it reads the subscriptions' secrets); a job run"
            + " never waits for it."
      })
  static final class Deliver implements Callable<Integer> {
    @Mixin Environment env;
    @Mixin DeliveryOptions options;

    @Option(names = "--json", description = "Print JSON: {delivered, failed, dead, skipped}.")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        DeliveryReport report =
            options.engine(Governance.over(env.mesh(), env.localCatalog())).drain();
        JsonOutput.print(json, report, report.toString());
        return 0;
      }
    }
  }

  @Command(
      name = "dead-letters",
      mixinStandardHelpOptions = true,
      description =
          "Deliveries to the principal's subscriptions that failed every attempt; send them again"
              + " with: events retry SUBSCRIPTION.")
  static final class DeadLetters implements Callable<Integer> {
    @Mixin Environment env;

    @Option(names = "--as", required = true, paramLabel = "WHO", description = "The subscriber.")
    String actor;

    @Option(names = "--json", description = "Print JSON: [" + DELIVERY_KEYS + "].")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        List<EventDelivery> dead = env.governance().deadLetters(Principal.parse(actor));
        listing(
            json,
            dead,
            String.format(DEAD, "SUBSCRIPTION", "EVENT", "DELIVERY ID", "ATTEMPTS", "LAST ERROR"),
            d ->
                System.out.printf(
                    DEAD,
                    d.subscription(),
                    d.seq(),
                    d.deliveryId(),
                    d.attempts().size(),
                    d.lastError()));
        return 0;
      }
    }
  }

  @Command(
      name = "retry",
      mixinStandardHelpOptions = true,
      description = "Put a subscription's dead letters back, to be delivered on the next pass.")
  static final class Retry implements Callable<Integer> {
    @Mixin Environment env;

    @Parameters(paramLabel = "SUBSCRIPTION", description = "The event subscription.")
    long id;

    @Option(names = "--as", required = true, paramLabel = "WHO", description = "The subscriber.")
    String actor;

    @Option(names = "--json", description = "Print JSON: [" + DELIVERY_KEYS + "].")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        List<EventDelivery> retried = env.governance().retryDeadLetters(Principal.parse(actor), id);
        JsonOutput.print(
            json,
            retried,
            retried.size() + " dead letters of subscription " + id + " to send again");
        return 0;
      }
    }
  }
}
