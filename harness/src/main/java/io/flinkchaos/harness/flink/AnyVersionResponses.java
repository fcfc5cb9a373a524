package io.flinkchaos.harness.flink;

import java.util.Collection;
import org.apache.flink.runtime.rest.HttpMethodWrapper;
import org.apache.flink.runtime.rest.messages.MessageHeaders;
import org.apache.flink.runtime.rest.messages.MessageParameters;
import org.apache.flink.runtime.rest.messages.RequestBody;
import org.apache.flink.runtime.rest.messages.ResponseBody;
import org.apache.flink.runtime.rest.versioning.RestAPIVersion;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.annotation.JsonCreator;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.DeserializationFeature;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JavaType;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpResponseStatus;
import org.apache.flink.util.jackson.JacksonMapperFactory;

/**
 * Reads a REST response of any supported Flink version into the harness's (Flink 1.20) message
 * types. Flink's own client parses strictly: a field another version dropped or added fails the
 * whole call (measured: Flink 2.2.1's {@code GET /jobs/:id/exceptions} has no {@code
 * root-exception}, {@code timestamp}, {@code all-exceptions} or {@code truncated}, and 1.20's
 * client rejects it). Here Flink's client still does the transport, but the body arrives as a JSON
 * tree and is bound leniently: unknown fields are ignored, missing ones are null or zero, an enum
 * value this version does not know is null. What the harness reads must then be checked against
 * each version (platform/local/FlinkRestClientVersionsIT).
 */
final class AnyVersionResponses {

  private static final ObjectMapper LENIENT =
      JacksonMapperFactory.createObjectMapper()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);

  private AnyVersionResponses() {}

  /** A response body kept as JSON, for {@link #bind}. */
  static final class Json implements ResponseBody {
    private final JsonNode tree;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    Json(JsonNode tree) {
      this.tree = tree;
    }
  }

  /** {@code headers} with the response kept as JSON: same URL, method, parameters and request. */
  static <R extends RequestBody, M extends MessageParameters> MessageHeaders<R, Json, M> asJson(
      MessageHeaders<R, ?, M> headers) {
    return new MessageHeaders<>() {
      @Override
      public Class<Json> getResponseClass() {
        return Json.class;
      }

      @Override
      public HttpResponseStatus getResponseStatusCode() {
        return headers.getResponseStatusCode();
      }

      @Override
      public String getDescription() {
        return headers.getDescription();
      }

      @Override
      public Class<R> getRequestClass() {
        return headers.getRequestClass();
      }

      @Override
      public M getUnresolvedMessageParameters() {
        return headers.getUnresolvedMessageParameters();
      }

      @Override
      public boolean acceptsFileUploads() {
        return headers.acceptsFileUploads();
      }

      @Override
      public HttpMethodWrapper getHttpMethod() {
        return headers.getHttpMethod();
      }

      @Override
      public String getTargetRestEndpointURL() {
        return headers.getTargetRestEndpointURL();
      }

      @Override
      public Collection<? extends RestAPIVersion<?>> getSupportedAPIVersions() {
        return headers.getSupportedAPIVersions();
      }
    };
  }

  /** Binds {@code body} to the response type {@code headers} declare (with its type parameters). */
  static <P extends ResponseBody> P bind(Json body, MessageHeaders<?, P, ?> headers) {
    Collection<Class<?>> parameters = headers.getResponseTypeParameters();
    JavaType type =
        parameters.isEmpty()
            ? LENIENT.constructType(headers.getResponseClass())
            : LENIENT
                .getTypeFactory()
                .constructParametricType(
                    headers.getResponseClass(), parameters.toArray(Class<?>[]::new));
    return bind(body, type);
  }

  /** Binds {@code body} to a type of the harness's own, for answers Flink's types cannot read. */
  static <T> T bind(Json body, Class<T> as) {
    return bind(body, LENIENT.constructType(as));
  }

  private static <T> T bind(Json body, JavaType type) {
    try {
      return LENIENT.readValue(LENIENT.treeAsTokens(body.tree), type);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "cannot read Flink's answer as "
              + type.getRawClass().getSimpleName()
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
