package io.orderflow.api.console;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from the Debian packages {@code chromium} and {@code chromium-driver}, driven
 * by Selenium. A test that needs it is skipped, saying why, where either is missing.
 */
final class Browser implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target/screenshots");

  private final ChromeDriver driver;
  private final WebDriverWait wait;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  static Browser start() {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Browser tests skipped: no "
            + CHROMIUM
            + " or "
            + CHROMEDRIVER
            + " (apt-get install chromium chromium-driver; .ci/run does)");
    ChromeOptions options =
        new ChromeOptions()
            .setBinary(CHROMIUM.toFile())
            // as root (CI containers) Chromium runs only without its sandbox
            .addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--window-size=1400,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    return new Browser(new ChromeDriver(service, options));
  }

  void open(String url) {
    driver.get(url);
  }

  /** Fills a form's fields by name and submits it. */
  void submit(String formSelector, String... namesAndValues) {
    WebElement form = visible(formSelector);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      WebElement field = form.findElement(By.name(namesAndValues[i]));
      if (field.getTagName().equals("select")) {
        new Select(field).selectByValue(namesAndValues[i + 1]);
      } else {
        field.clear();
        field.sendKeys(namesAndValues[i + 1]);
      }
    }
    form.findElement(By.cssSelector("button[type=submit]")).click();
  }

  /** Clicks the element, found again if the page re-rendered it meanwhile. */
  void click(String selector) {
    wait.ignoring(StaleElementReferenceException.class)
        .until(ExpectedConditions.elementToBeClickable(By.cssSelector(selector)))
        .click();
  }

  WebElement visible(String selector) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(selector)));
  }

  /** Waits until the element shows exactly that text, and answers it. */
  WebElement showing(String selector, String text) {
    wait.until(ExpectedConditions.textToBe(By.cssSelector(selector), text));
    return driver.findElement(By.cssSelector(selector));
  }

  /** Waits until the element's text matches that pattern. */
  void matching(String selector, String regex) {
    wait.until(ExpectedConditions.textMatches(By.cssSelector(selector), Pattern.compile(regex)));
  }

  /** Waits until the element's text contains that text. */
  void containing(String selector, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(selector), text));
  }

  List<WebElement> all(String selector) {
    return driver.findElements(By.cssSelector(selector));
  }

  boolean alertShown() {
    try {
      driver.switchTo().alert();
      return true;
    } catch (NoAlertPresentException e) {
      return false;
    }
  }

  /** Runs an asynchronous script in the page; it answers by calling its last argument. */
  Object script(String body) {
    return driver.executeAsyncScript(body);
  }

  /** Saves the page as {@code target/screenshots/<name>.png}. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.move(
          driver.getScreenshotAs(OutputType.FILE).toPath(),
          file,
          StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
