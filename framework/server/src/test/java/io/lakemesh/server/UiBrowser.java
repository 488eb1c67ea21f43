package io.lakemesh.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.governance.Principal;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium on the web UI of a {@link ServedCatalog}, for the browser tests: sign in and
 * out as a principal, open a page, wait for what it renders, check the 800 px layout and the
 * Content-Security-Policy, and save screenshots to {@code target/screenshots}. Skips the test (with
 * the reason) where Debian's chromium and chromium-driver are not installed.
 */
final class UiBrowser {
  /** The window's size at the start of every test. */
  static final int WIDTH = 1280;

  static final int HEIGHT = 1500;

  private static final Path SHOTS = Path.of("target/screenshots");

  final WebDriver driver;
  final WebDriverWait wait;
  private final ServedCatalog served;

  /** A fresh tab of the run's Chromium, on the UI that {@code served} serves. */
  UiBrowser(ServedCatalog served, Chromium chromium) throws IOException {
    this.served = served;
    ChromeDriver chrome = chromium.driver();
    freshTab(chrome);
    this.driver = chrome;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    Files.createDirectories(SHOTS);
  }

  /**
   * Leaves the browser as a new one starts: a single tab, new (the UI keeps its token in
   * sessionStorage, which belongs to a tab), no cookies, the starting window size, and a console
   * emptied of what earlier tests printed (a test reads it for Content-Security-Policy reports).
   */
  private static void freshTab(ChromeDriver chrome) {
    chrome.switchTo().newWindow(WindowType.TAB);
    String tab = chrome.getWindowHandle();
    for (String other : chrome.getWindowHandles()) {
      if (!other.equals(tab)) {
        chrome.switchTo().window(other).close();
      }
    }
    chrome.switchTo().window(tab);
    chrome.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    chrome.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
    chrome.manage().logs().get(LogType.BROWSER);
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
}
