package io.tolk.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.sim.zoho.ZohoModule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static io.tolk.app.web.WebFixture.get;
import static io.tolk.app.web.WebFixture.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dashboard in a real headless browser (Debian's chromium), after a sync of sample data and a few records made to
 * fail, to wait in review and to look like markup. Each step saves a screenshot in {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    static final String MARKUP = "<img src=x onerror=alert(1)>";

    @TempDir
    static Path dir;
    static WebFixture web;
    static Browser browser;
    static WebDriver driver;
    static long legacyPerson;

    @BeforeAll
    static void syncSampleDataAndOddRecords() {
        browser = Browser.start();
        driver = browser.driver;
        web = new WebFixture(dir, 40, null);
        List<Long> ids = web.poFixtureCustomers(List.of(
                Map.of("IsPerson", false, "Name", MARKUP),
                Map.of("IsPerson", true, "FirstName", "Ola", "EmailAddress", "ola.legacy@example.no"),
                Map.of("IsPerson", false, "Name", "Fjellvind Testlag AS"),
                Map.of("IsPerson", false, "Name", "Havbris Nordvik AS"),
                Map.of("IsPerson", false, "Name", "Nordlys Bygg AS", "MailAddress", Map.of("City", "Oslo"))));
        legacyPerson = ids.get(1);
        web.zohoFixtures("Accounts", List.of(Map.of("Account_Name", "Fjellvind Testlag AS", "Billing_City", "Oslo"),
                Map.of("Account_Name", "Fjellvind Testlag AS", "Billing_City", "Bergen"),
                Map.of("Account_Name", "Nordlys Bygg AS", "Billing_City", "Bergen")));
        web.service.syncNow();
        web.service.syncNow();   // reads back what the first one created
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

    @org.junit.jupiter.api.AfterEach
    void screenshotWhereTheTestEnded(org.junit.jupiter.api.TestInfo test) {
        browser.screenshot("end-of-" + test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test"));
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    private static void open(String fragment) {
        driver.get(web.url() + "/" + fragment);
    }

    private static JsonNode api(String path) {
        return send(get(web.url() + path)).body();
    }

    private static long cell(String selector) {
        WebElement e = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(selector)));
        return Long.parseLong(e.getText().replaceAll("[^0-9]", ""));
    }

    @Test
    @Order(1)
    void overviewCountsEqualThoseOfTheApiAndOfTheSimulators() {
        open("#/");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-connection='default'] table.runs")));
        browser.screenshot("01-overview");
        JsonNode status = api("/api/status").get("connections").get(0);

        for (JsonNode f : status.get("flows")) {
            for (String k : List.of("linked", "inSync", "filteredOut", "failing", "conflicts", "needsReview")) {
                assertThat(cell("[data-count='default/" + f.get("flow").asText() + "/" + k + "']"))
                        .as(f.get("flow").asText() + " " + k).isEqualTo(f.get(k).asLong());
            }
        }
        Map<String, Long> read = new java.util.HashMap<>();
        for (JsonNode r : status.get("records")) {
            String key = r.get("system").asText() + "/" + r.get("type").asText();
            read.put(key, r.get("records").asLong());
            assertThat(cell("[data-records='default/" + key + "']")).as(key).isEqualTo(r.get("records").asLong());
        }
        List<JsonNode> customers = web.poCustomers();
        assertThat(read.get("zoho/Accounts")).isEqualTo(web.zohoCount(ZohoModule.ACCOUNTS)).isPositive();
        assertThat(read.get("zoho/Contacts")).isEqualTo(web.zohoCount(ZohoModule.CONTACTS)).isPositive();
        assertThat(read.get("poweroffice/CompanyCustomer"))
                .isEqualTo(customers.stream().filter(c -> !c.path("IsPerson").asBoolean()).count());
        assertThat(read.get("poweroffice/PersonCustomer"))
                .isEqualTo(customers.stream().filter(c -> c.path("IsPerson").asBoolean()).count());
        assertThat(read.get("poweroffice/Department")).isEqualTo(web.poDepartments().size());
        assertThat(driver.findElements(By.cssSelector("[data-connection='default'] .chart svg polyline"))).hasSize(3);
        assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContainPattern("\\d{2}:\\d{2}:\\d{2}\\.\\d");
    }

    @Test
    @Order(2)
    void searchFindsARecordAndItsPageShowsBothSidesAndItsHistory() {
        open("#/");
        WebElement box = waiting().until(ExpectedConditions.elementToBeClickable(By.id("search-q")));
        box.sendKeys("havbris nordvik");
        driver.findElement(By.cssSelector("#search button")).click();
        WebElement hit = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#hits a.hit-link")));
        assertThat(hit.getText()).isEqualTo("Havbris Nordvik AS");
        browser.screenshot("02-search");

        hit.click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sides")));
        List<WebElement> sides = driver.findElements(By.cssSelector("#sides th[data-side]"));
        assertThat(sides).extracting(e -> e.getAttribute("data-side")).containsExactlyInAnyOrder("poweroffice", "zoho");
        WebElement name = driver.findElement(By.cssSelector("#sides tr[data-property='organization.name']"));
        assertThat(name.findElements(By.cssSelector("td.value"))).extracting(WebElement::getText)
                .allSatisfy(t -> assertThat(t).startsWith("Havbris Nordvik AS"));
        assertThat(name.getAttribute("class")).isEqualTo("same");
        assertThat(driver.findElement(By.id("history")).getText()).contains("created").contains("tolk wrote it, from PowerOffice");
        browser.screenshot("03-record");
    }

    @Test
    @Order(3)
    void aFailuresRetryButtonClearsItOnceTheDataIsFixed() {
        open("#/failures");
        By row = By.xpath("//tr[@class='failure'][.//div[@class='ref' and text()='poweroffice/PersonCustomer/" + legacyPerson + "']]");
        WebElement failure = waiting().until(ExpectedConditions.presenceOfElementLocated(row));
        assertThat(failure.getText()).containsIgnoringCase("Last_Name");
        browser.screenshot("04-failures");

        web.poPatchCustomer(legacyPerson, "/LastName", "Nordmann");
        long before = web.service.cyclesDone();
        failure.findElement(By.cssSelector("button[data-action='retry']")).click();
        web.service.awaitCyclesAfter(before);
        driver.navigate().refresh();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-connection='default']")));
        waiting().until(ExpectedConditions.numberOfElementsToBe(row, 0));
        assertThat(send(get(web.url() + "/api/connections/default/failures")).raw().body())
                .doesNotContain("poweroffice/PersonCustomer/" + legacyPerson);
        browser.screenshot("05-failure-cleared");
    }

    @Test
    @Order(4)
    void aReviewItemIsLinkedWithAClick() {
        open("#/review");
        WebElement item = waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//tr[@class='review-item'][.//a[text()='Fjellvind Testlag AS']]")));
        String waiting = item.getAttribute("data-record");
        WebElement link = item.findElement(By.cssSelector("button[data-action='link']"));
        String candidate = link.getAttribute("data-candidate");
        assertThat(candidate.split("/")[0]).as("a candidate of the other system").isNotEqualTo(waiting.split("/")[0]);
        assertThat(item.getText()).contains("Fjellvind Testlag AS");
        browser.screenshot("06-review");

        long before = web.service.cyclesDone();
        link.click();
        web.service.awaitCyclesAfter(before);

        JsonNode record = api("/api/connections/default/records/" + waiting);
        assertThat(record.get("entityId").isNull()).isFalse();
        assertThat(record.get("sides")).extracting(s -> s.get("record").get("ref").asText()).contains(waiting, candidate);
        driver.navigate().refresh();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-connection='default']")));
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr.review-item[data-record='" + waiting + "']"), 0));
        browser.screenshot("07-review-linked");
    }

    @Test
    @Order(5)
    void aCustomerNamedLikeMarkupIsShownAsTextAndRunsNoScript() {
        open("#/search?q=" + java.net.URLEncoder.encode("<img", java.nio.charset.StandardCharsets.UTF_8));
        WebElement hit = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#hits a.hit-link")));
        assertThat(hit.getText()).isEqualTo(MARKUP);
        assertNoScriptRan();
        hit.click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sides")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(MARKUP);
        assertNoScriptRan();
        browser.screenshot("08-markup-as-text");
    }

    @Test
    @Order(6)
    void aConflictIsShownWithItsRecordsAndRestoredWithAClick() {
        open("#/conflicts");
        By city = By.xpath("//tr[@data-conflict][td[text()='organization.address.city']][.//a[text()='Nordlys Bygg AS']]");
        WebElement row = waiting().until(ExpectedConditions.presenceOfElementLocated(city));
        assertThat(row.findElements(By.cssSelector("a"))).extracting(WebElement::getText).containsOnly("Nordlys Bygg AS");
        assertThat(row.getText()).contains("Oslo").contains("Bergen");
        browser.screenshot("09-conflicts");

        long before = web.service.cyclesDone();
        row.findElement(By.cssSelector("button[data-action='restore']")).click();
        web.service.awaitCyclesAfter(before);
        driver.navigate().refresh();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(city, "restored"));
    }

    private static void assertNoScriptRan() {
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(driver.findElements(By.cssSelector("main img"))).as("no element made from a record's value").isEmpty();
    }
}
