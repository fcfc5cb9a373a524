package io.flinkchaos.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The run page in a real browser: headless Chromium (Debian's chromium and chromium-driver, or the
 * Chrome and chromedriver a GitHub runner ships) driven through the chromedriver given here, so
 * Selenium Manager never looks for or downloads one. Writes the page from the fake reports
 * (FakeReports) and keeps a screenshot at reports/run-page.png.
 *
 * <p>Without a browser it is skipped with the reason, unless {@code
 * -Dharness.browser.required=true} (CI) makes that a failure.
 */
class RunPageBrowserIT {

  static final String CHROME_BINARY = "harness.chrome.binary";
  static final String CHROMEDRIVER = "harness.chromedriver";
  static final String REQUIRED = "harness.browser.required";

  /** The width of the fake timeline PNGs. */
  private static final long PNG_WIDTH = 440;

  @Test
  void thePageShowsTheScenarioTableFailedFirstWithLoadedTimelines() throws IOException {
    Path chrome = Path.of(System.getProperty(CHROME_BINARY, "/usr/bin/chromium"));
    Path chromedriver = Path.of(System.getProperty(CHROMEDRIVER, "/usr/bin/chromedriver"));
    requireExecutable(chrome, "Chromium", CHROME_BINARY);
    requireExecutable(chromedriver, "chromedriver", CHROMEDRIVER);

    Path reports = Path.of("target", "run-page-it", "reports").toAbsolutePath();
    Path index = reports.resolve("index.html");
    RunPage.write(FakeReports.layOut(reports), index);

    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .withTimeout(Duration.ofSeconds(30))
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chrome.toFile());
    // root in CI: Chromium's sandbox refuses to start as root
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1100");
    ChromeDriver browser = new ChromeDriver(service, options);
    try {
      browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      browser.get(index.toUri().toString());

      WebElement table = browser.findElement(By.id("scenarios"));
      assertThat(table.isDisplayed()).as("scenario table displayed").isTrue();
      List<WebElement> rows = table.findElements(By.cssSelector("tbody tr"));
      assertThat(rows)
          .extracting(r -> r.getDomAttribute("data-id"))
          .containsExactlyElementsOf(FakeReports.PAGE_ORDER);
      assertThat(rows.get(0).findElement(By.className("status")).getText()).isEqualTo("FAILED");
      assertThat(rows.get(0).getCssValue("background-color"))
          .as("a failed row is tinted by the inline style")
          .isEqualTo("rgba(253, 236, 236, 1)");

      WebElement chart = rows.get(0).findElement(By.cssSelector("img.thumb"));
      assertThat(chart.isDisplayed()).as("the failed scenario's timeline displayed").isTrue();
      assertThat(naturalWidth(browser, chart)).as("timeline PNG loaded").isEqualTo(PNG_WIDTH);
      List<WebElement> charts = browser.findElements(By.cssSelector("img.thumb"));
      assertThat(charts).hasSize(3);
      assertThat(charts).allSatisfy(c -> assertThat(naturalWidth(browser, c)).isPositive());
      assertThat(brokenImageWidth(browser))
          .as("the probe tells a missing picture from a loaded one")
          .isZero();

      assertThat(rows.get(0).findElement(By.className("scenario-name")).getText())
          .isEqualTo(FakeReports.INJECTED_NAME);
      assertThat(browser.executeScript("return window.runPageInjected === undefined"))
          .as("a scenario name with a script tag is text, not run")
          .isEqualTo(true);

      Path screenshot = reportsDir().resolve("run-page.png");
      Files.createDirectories(screenshot.getParent());
      Files.copy(
          browser.getScreenshotAs(OutputType.FILE).toPath(),
          screenshot,
          StandardCopyOption.REPLACE_EXISTING);
      System.out.println(
          "RunPageBrowserIT: "
              + index
              + " in "
              + browserVersion(browser)
              + ", screenshot "
              + screenshot);
    } finally {
      browser.quit();
    }
  }

  private static long naturalWidth(ChromeDriver browser, WebElement image) {
    Object width =
        browser.executeScript(
            "return arguments[0].complete ? arguments[0].naturalWidth : -1", image);
    return ((Number) width).longValue();
  }

  /** An image whose file is not there, as the page would show one: it loads to width 0. */
  private static long brokenImageWidth(JavascriptExecutor browser) {
    Object width =
        browser.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "const img = new Image();"
                + "img.onload = img.onerror = () => done(img.naturalWidth);"
                + "img.src = 'timelines/no-such-timeline.png';");
    return ((Number) width).longValue();
  }

  private static String browserVersion(ChromeDriver browser) {
    return browser.getCapabilities().getBrowserName()
        + " "
        + browser.getCapabilities().getBrowserVersion();
  }

  private static Path reportsDir() {
    return Path.of(System.getProperty("harness.reports-dir", "../reports"));
  }

  /** Skips (or, where a browser is required, fails) in one line saying what to install or set. */
  private static void requireExecutable(Path file, String what, String property) {
    if (Files.isRegularFile(file) && Files.isExecutable(file)) {
      return;
    }
    String reason =
        "no "
            + what
            + " at "
            + file
            + " (-D"
            + property
            + "): install it with `apt-get install -y chromium chromium-driver` or point "
            + property
            + " at one";
    if (Boolean.getBoolean(REQUIRED)) {
      Assertions.fail(reason + "; -D" + REQUIRED + "=true makes that a failure");
    }
    // the console shows a skipped test's count, not its reason
    System.out.println("RunPageBrowserIT skipped: " + reason);
    Assumptions.abort(reason);
  }
}
