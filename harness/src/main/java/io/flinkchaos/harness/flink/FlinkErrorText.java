package io.flinkchaos.harness.flink;

import java.util.List;

/**
 * One line out of the error text Flink sends: a REST error list or an exception-history stack
 * trace. Keeps the headline and the deepest top-level {@code Caused by:}, because Flink wraps the
 * cause a user needs ("ClassNotFoundException: com.example.Nope") in generic messages ("Could not
 * execute application.").
 *
 * <p>Shapes read in Flink 1.20: {@code RestClient} turns an {@code ErrorResponseBody} into a {@code
 * RestClientException} whose message is {@code errors.toString()}, i.e. {@code [e1, e2]}; {@code
 * AbstractHandler#handleException} fills {@code errors} with {@code
 * ExceptionUtils.stringifyException} of a {@code RestHandlerException}, or with {@code "Internal
 * server error."} and {@code "<Exception on server side:\n…\nEnd of exception on server side>"} for
 * any other exception. The exception history's {@code stacktrace} is the same stringified form.
 */
public final class FlinkErrorText {

  private static final String CAUSED_BY = "Caused by: ";

  /** Wrappers whose own message says nothing the wrapped exception's does not. */
  private static final List<String> WRAPPERS =
      List.of(
          "org.apache.flink.runtime.rest.handler.RestHandlerException: ",
          "java.util.concurrent.CompletionException: ",
          "java.util.concurrent.ExecutionException: ");

  /** What Flink puts around a stack trace that is not part of it. */
  private static final List<String> NOISE =
      List.of("Internal server error.,", "Internal server error.", "<Exception on server side:");

  private FlinkErrorText() {}

  /** "headline Caused by: deepest cause", or the headline alone when there is no deeper cause. */
  public static String summarize(String text) {
    if (text == null || text.isBlank()) {
      return "(no error text)";
    }
    String body = text.strip();
    if (body.startsWith("[") && body.endsWith("]")) {
      body = body.substring(1, body.length() - 1);
    }
    String headline = null;
    String deepest = null;
    for (String raw : body.split("\\R")) {
      String line = raw.strip();
      if (raw.startsWith(CAUSED_BY)) {
        deepest = line.substring(CAUSED_BY.length()).strip();
      } else if (headline == null && isHeadline(raw, line)) {
        headline = unwrap(line);
      }
    }
    if (headline == null || headline.isEmpty()) {
      headline = firstLine(body);
    }
    if (deepest == null || headline.contains(deepest) || deepest.contains(headline)) {
      return deepest != null && deepest.contains(headline) ? deepest : headline;
    }
    return headline + " Caused by: " + deepest;
  }

  private static boolean isHeadline(String raw, String line) {
    if (line.isEmpty() || raw.startsWith("\t") || raw.startsWith(" ") || line.startsWith("at ")) {
      return false;
    }
    String rest = clean(line);
    return !rest.isEmpty() && !rest.startsWith("End of exception on server side");
  }

  private static String clean(String line) {
    String rest = line;
    for (String noise : NOISE) {
      rest = rest.replace(noise, "");
    }
    return rest.strip();
  }

  private static String unwrap(String line) {
    String rest = clean(line);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (String wrapper : WRAPPERS) {
        if (rest.startsWith(wrapper)) {
          rest = rest.substring(wrapper.length()).strip();
          changed = true;
        }
      }
    }
    return rest;
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return (newline < 0 ? text : text.substring(0, newline)).strip();
  }
}
