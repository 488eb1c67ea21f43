package io.lakemesh.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lakemesh.governance.Principal;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium on the web UI of a {@link ServedCatalog}, for the browser tests: sign in and
 * out as a principal, open a page, wait for what it renders, check the 800 px layout and the
 * Content-Security-Policy, and save screenshots to {@code target/screenshots}. Skips the test (with
 * the reason) where Debian's chromium and chromium-driver are not installed.
 */
final class UiBrowser implements AutoCloseable {
  private static final Path CHROMIUM =
      Path.of(System.getProperty("lakemesh.chromium", "/usr/bin/chromium"));
  private static final Path DRIVER =
      Path.of(System.getProperty("lakemesh.chromedriver", "/usr/bin/chromedriver"));
  private static final Path SHOTS = Path.of("target/screenshots");

  final WebDriver driver;
  final WebDriverWait wait;
  private final ServedCatalog served;

  /** Starts Chromium with its profile under {@code dir}, on the UI that {@code served} serves. */
  UiBrowser(ServedCatalog served, Path dir) throws Exception {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
        "needs Debian's chromium and chromium-driver (.ci/run installs them)");
    this.served = served;
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,1500",
        "--user-data-dir=" + dir.resolve("chromium-profile"));
    // The console is read at the end: a script, style or handler that the server's
    // Content-Security-Policy blocks is reported there.
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logging);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    Files.createDirectories(SHOTS);
  }

  /** Opens the UI's page at {@code hash} (such as {@code #/requests}). */
  void open(String hash) {
    driver.get(served.server().uri() + "/" + hash);
  }

  /** Signs in with a fresh token of {@code who}. */
  void signIn(Principal who) {
    signIn(served.token(who), who.toString());
  }

  void signIn(String token, String principal) {
    open("");
    driver.findElement(By.id("token")).sendKeys(token);
    driver.findElement(By.id("login-button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("principal"), principal));
  }

  void signOut() {
    driver.findElement(By.id("sign-out")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("token")));
  }

  /** Waits until an element matches {@code css}, and returns the first. */
  WebElement await(String css) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** Scrolls the element matching {@code css} to the top of the window, for a screenshot of it. */
  void scrollTo(String css) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView(true);", find(css));
  }

  void windowWidth(int width) {
    driver.manage().window().setSize(new Dimension(width, 1000));
  }

  /** The page is no wider than the window: nothing to scroll sideways. */
  void assertNoHorizontalScroll() {
    List<?> w =
        (List<?>)
            ((JavascriptExecutor) driver)
                .executeScript(
                    "const d = document.documentElement; return [d.scrollWidth, d.clientWidth];");
    assertThat(((Number) w.get(0)).longValue())
        .as("page width at " + driver.getCurrentUrl())
        .isLessThanOrEqualTo(((Number) w.get(1)).longValue());
    assertThat(((Number) w.get(1)).longValue()).isLessThanOrEqualTo(800);
  }

  /** The pages ran under the server's policy, and the browser refused nothing of theirs. */
  void assertNothingBlockedByTheContentSecurityPolicy() {
    assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
        .extracting(LogEntry::getMessage)
        .noneMatch(m -> m.contains("Content Security Policy"));
  }

  void shot(String name) throws Exception {
    File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(file.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
