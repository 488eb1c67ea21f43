package io.lakemesh.client;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lakemesh.governance.Authorisation;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.TagExpression;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * The JSON of the catalog server's API, shared by the server and its clients so that both read what
 * the other writes. Values are lakemesh's own records; principals, tag expressions and
 * authorisations travel as their text ({@code marketing:analyst}, {@code domain=sales}, {@code
 * request:4}); resources and links carry a {@code type}.
 */
public final class WireJson {
  private static final ObjectMapper MAPPER = create();

  private WireJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode tree(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Resource.Database.class, name = "database"),
    @JsonSubTypes.Type(value = Resource.Table.class, name = "table"),
    @JsonSubTypes.Type(value = Resource.TableWithColumns.class, name = "columns"),
    @JsonSubTypes.Type(value = Resource.DataCellsFilter.class, name = "data-filter"),
    @JsonSubTypes.Type(value = Resource.LfTagPolicy.class, name = "tag-policy")
  })
  private interface ResourceMixin {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = ResourceLink.TableLink.class, name = "table"),
    @JsonSubTypes.Type(value = ResourceLink.DatabaseLink.class, name = "database")
  })
  private interface LinkMixin {}

  private static ObjectMapper create() {
    SimpleModule values = new SimpleModule("lakemesh-values");
    asText(values, Principal.class, Principal::parse);
    asText(values, TagExpression.class, TagExpression::parse);
    asText(values, Authorisation.class, Authorisation::parse);
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .registerModule(new Jdk8Module())
        .registerModule(values)
        .addMixIn(Resource.class, ResourceMixin.class)
        .addMixIn(ResourceLink.class, LinkMixin.class)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
  }

  /** Writes values of the type as their {@code toString()} and reads them with {@code parse}. */
  private static <T> void asText(SimpleModule module, Class<T> type, Function<String, T> parse) {
    module.addSerializer(
        type,
        new JsonSerializer<T>() {
          @Override
          public void serialize(T value, JsonGenerator out, SerializerProvider provider)
              throws IOException {
            out.writeString(value.toString());
          }
        });
    module.addDeserializer(
        type,
        new JsonDeserializer<T>() {
          @Override
          public T deserialize(JsonParser in, DeserializationContext ctx) throws IOException {
            return parse.apply(in.getValueAsString());
          }
        });
  }
}
