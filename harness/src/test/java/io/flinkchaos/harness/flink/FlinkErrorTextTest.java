package io.flinkchaos.harness.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.CompletionException;
import org.apache.flink.client.program.ProgramInvocationException;
import org.apache.flink.runtime.rest.handler.RestHandlerException;
import org.apache.flink.runtime.rest.messages.ErrorResponseBody;
import org.apache.flink.runtime.rest.util.RestClientException;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpResponseStatus;
import org.apache.flink.util.ExceptionUtils;
import org.apache.flink.util.FlinkRuntimeException;
import org.junit.jupiter.api.Test;

/**
 * Error texts built exactly as Flink 1.20 builds them, from the same exception chains:
 *
 * <ul>
 *   <li>{@code AbstractHandler#handleException}: a {@code RestHandlerException} becomes {@code new
 *       ErrorResponseBody(ExceptionUtils.stringifyException(rhe))}; anything else becomes {@code
 *       ["Internal server error.", "<Exception on server side:%n" + stringified + "%nEnd of
 *       exception on server side>"]};
 *   <li>{@code RestClient#parseResponse}: {@code new RestClientException(error.errors.toString(),
 *       status)};
 *   <li>{@code JarRunHandler#handleRequest}: a failing application becomes {@code
 *       RestHandlerException("Could not execute application.", BAD_REQUEST, throwable)}, where
 *       {@code DetachedApplicationRunner} threw {@code FlinkRuntimeException("Could not execute
 *       application.", ProgramInvocationException)} and {@code PackagedProgram#callMainMethod}
 *       wrapped the exception of {@code main()} as "The main method caused an error: …";
 *   <li>{@code JarHandlerUtils#toPackagedProgram}: a missing entry class is thrown synchronously as
 *       {@code CompletionException(ProgramInvocationException("The program's entry point class '…'
 *       was not found in the jar file.", ClassNotFoundException))}, which reaches {@code
 *       handleException} unwrapped, so it is an internal server error.
 * </ul>
 */
class FlinkErrorTextTest {

  @Test
  void anExceptionInMainIsReportedWithItsRootCause() {
    IllegalStateException inMain = new IllegalStateException("--output is required");
    RestHandlerException handler =
        new RestHandlerException(
            "Could not execute application.",
            HttpResponseStatus.BAD_REQUEST,
            new CompletionException(
                new FlinkRuntimeException(
                    "Could not execute application.",
                    new ProgramInvocationException(
                        "The main method caused an error: " + inMain.getMessage(), inMain))));

    String text = clientMessage(new ErrorResponseBody(ExceptionUtils.stringifyException(handler)));

    assertThat(FlinkErrorText.summarize(text))
        .isEqualTo(
            "Could not execute application. Caused by: java.lang.IllegalStateException: --output"
                + " is required");
  }

  @Test
  void aWrongEntryClassIsReportedWithTheClassNotFound() {
    CompletionException thrown =
        new CompletionException(
            new ProgramInvocationException(
                "The program's entry point class 'com.example.Nope' was not found in the jar file.",
                new ClassNotFoundException("com.example.Nope")));
    String stackTrace =
        String.format(
            "<Exception on server side:%n%s%nEnd of exception on server side>",
            ExceptionUtils.stringifyException(thrown));

    String text =
        clientMessage(new ErrorResponseBody(Arrays.asList("Internal server error.", stackTrace)));

    assertThat(FlinkErrorText.summarize(text))
        .isEqualTo(
            "org.apache.flink.client.program.ProgramInvocationException: The program's entry point"
                + " class 'com.example.Nope' was not found in the jar file. Caused by:"
                + " java.lang.ClassNotFoundException: com.example.Nope");
  }

  @Test
  void aMessageWithoutCauseStaysAsItIs() {
    // JobCancellationHandler: FlinkJobNotFoundException -> "Job could not be found." (404)
    RestHandlerException handler =
        new RestHandlerException("Job could not be found.", HttpResponseStatus.NOT_FOUND);

    String text = clientMessage(new ErrorResponseBody(ExceptionUtils.stringifyException(handler)));

    assertThat(FlinkErrorText.summarize(text)).isEqualTo("Job could not be found.");
  }

  @Test
  void anExceptionHistoryStackTraceGivesHeadlineAndCause() {
    // RootExceptionInfo.stacktrace is ExceptionUtils.stringifyException of the failure
    Exception failure =
        new org.apache.flink.runtime.JobException(
            "Recovery is suppressed by NoRestartBackoffTimeStrategy",
            new RuntimeException("wrapper", new ArithmeticException("/ by zero")));

    assertThat(FlinkErrorText.summarize(ExceptionUtils.stringifyException(failure)))
        .isEqualTo(
            "org.apache.flink.runtime.JobException: Recovery is suppressed by"
                + " NoRestartBackoffTimeStrategy Caused by: java.lang.ArithmeticException: / by"
                + " zero");
  }

  @Test
  void emptyTextIsNamedAsSuch() {
    assertThat(FlinkErrorText.summarize(" ")).isEqualTo("(no error text)");
  }

  private static String clientMessage(ErrorResponseBody body) {
    return new RestClientException(body.errors.toString(), HttpResponseStatus.BAD_REQUEST)
        .getMessage();
  }
}
