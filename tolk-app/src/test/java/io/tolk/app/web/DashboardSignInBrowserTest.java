package io.tolk.app.web;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code server.token} set, the dashboard signs in with the token into a session, and its buttons work. */
class DashboardSignInBrowserTest {

    private static final String TOKEN = "browser-admin-token";

    @TempDir
    static Path dir;
    static WebFixture web;
    static Browser browser;
    static WebDriver driver;

    @BeforeAll
    static void start() {
        browser = Browser.start();
        driver = browser.driver;
        web = new WebFixture(dir, 10, TOKEN);
        web.service.syncNow();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (web != null) {
            web.close();
        }
    }

    @Test
    void signingInWithTheTokenOpensTheDashboardIntoAStrictHttpOnlySessionWhoseButtonsWork() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        driver.get(web.url() + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signin")));
        browser.screenshot("10-sign-in");
        driver.findElement(By.id("token")).sendKeys("not-the-token");
        driver.findElement(By.cssSelector("#signin button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("signin-error"), "not the server's token"));

        driver.findElement(By.id("token")).clear();
        driver.findElement(By.id("token")).sendKeys(TOKEN);
        driver.findElement(By.cssSelector("#signin button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-connection='default'] table.flows")));
        Cookie session = driver.manage().getCookieNamed("tolk_session");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat((Object) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("return document.cookie"))
                .as("the page's script cannot read the session").isEqualTo("");

        driver.findElement(By.xpath("//section[@data-connection='default']//button[text()='Pause']")).click();
        wait.until(d -> web.service.paused("default"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//section[@data-connection='default']//button[text()='Resume']")));
        browser.screenshot("11-paused");
        driver.findElement(By.xpath("//section[@data-connection='default']//button[text()='Resume']")).click();
        wait.until(d -> !web.service.paused("default"));
    }
}
