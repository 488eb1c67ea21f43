package io.lakemesh.governance.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.lakemesh.catalog.MeshEvent;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * An event of the mesh as a CloudEvents 1.0 event, in the structured JSON mode ({@value
 * #CONTENT_TYPE}): {@code id} the delivery's id (the same on every retry), {@code source} {@code
 * /lakemesh/CATALOG/DATABASE/TABLE}, {@code type} {@link MeshEvent.Kind#cloudEventType()}, {@code
 * time} when it happened, {@code subject} the product ({@code DATABASE.TABLE}), and {@code data}
 * the event's details as a JSON object (metadata only, never a value of the data).
 */
public final class CloudEventPayload {
  public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonFormat FORMAT = new JsonFormat();

  private CloudEventPayload() {}

  /** The CloudEvent of a delivery. */
  public static CloudEvent of(MeshEvent event, String deliveryId) {
    CloudEventBuilder builder =
        CloudEventBuilder.v1()
            .withId(deliveryId)
            .withSource(source(event))
            .withType(event.kind().cloudEventType())
            .withTime(event.at().atOffset(ZoneOffset.UTC))
            .withDataContentType("application/json")
            .withData(data(event));
    if (event.table() != null) {
      builder.withSubject(event.product());
    }
    return builder.build();
  }

  /** The bytes a webhook receives: the event in CloudEvents' structured JSON form. */
  public static byte[] json(MeshEvent event, String deliveryId) {
    return FORMAT.serialize(of(event, deliveryId));
  }

  /**
   * {@code /lakemesh/sales/sales/orders}; for an event about an account alone, {@code
   * /lakemesh/ACCOUNT}.
   */
  static URI source(MeshEvent event) {
    return URI.create(
        event.table() == null
            ? "/lakemesh/" + event.account()
            : "/lakemesh/"
                + event.table().catalog()
                + "/"
                + event.table().database()
                + "/"
                + event.table().table());
  }

  /** The event's details as a JSON object, with the account an access event is about. */
  static byte[] data(MeshEvent event) {
    Map<String, String> data = new TreeMap<>(event.data());
    if (event.account() != null) {
      data.putIfAbsent("account", event.account());
    }
    try {
      return JSON.writeValueAsBytes(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an event's data as JSON", e);
    }
  }
}
