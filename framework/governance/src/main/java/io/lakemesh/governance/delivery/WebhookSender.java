package io.lakemesh.governance.delivery;

import io.lakemesh.catalog.EventSubscription;
import io.lakemesh.catalog.MeshEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * POSTs an event to a webhook as a CloudEvent ({@link CloudEventPayload}), signed ({@link
 * WebhookSignature}). Any 2xx answer delivers it; anything else, or no answer within the timeout,
 * is a failure to retry. Redirects are not followed: a receiver that moved is told by its
 * subscriber, not guessed at.
 */
public final class WebhookSender implements EventSender {
  private final HttpClient http;
  private final Duration timeout;

  public WebhookSender(Duration timeout) {
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public EventSubscription.Endpoint.Type type() {
    return EventSubscription.Endpoint.Type.WEBHOOK;
  }

  @Override
  public void send(
      EventSubscription subscription, MeshEvent event, String deliveryId, Instant sentAt) {
    byte[] body = CloudEventPayload.json(event, deliveryId);
    long seconds = sentAt.getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(subscription.endpoint().address()))
            .timeout(timeout)
            .header("Content-Type", CloudEventPayload.CONTENT_TYPE)
            .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(seconds))
            .header(
                WebhookSignature.SIGNATURE_HEADER,
                WebhookSignature.sign(subscription.secret(), seconds, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<Void> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new DeliveryFailure("no answer from the webhook: " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryFailure("interrupted while sending");
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw new DeliveryFailure("the webhook answered HTTP " + status);
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }
}
