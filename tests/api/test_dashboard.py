"""The dashboard in real headless Chromium (Debian's chromium and chromium-driver).

Load the page, filter, open an event, check the evidence shown, save screenshots, and check
that hostile text in an article is shown as text and never runs. Screenshots go to
$NEWSEVENTS_TEST_ARTIFACTS when set, else to the test session's temporary folder.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .api_fixtures import HOSTILE_MARKERS, Server, serving

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
    pytest.skip(
        "Debian's chromium and chromium-driver are not installed and could not be "
        "(`make browser` installs them)",
        allow_module_level=True,
    )

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from store_fixtures import build_store  # noqa: E402

WAIT = 30


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1400,1000", "--disable-extensions"):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("NEWSEVENTS_TEST_ARTIFACTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def screenshot(driver: webdriver.Chrome, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    assert driver.save_screenshot(str(path))
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000
    print(f"screenshot: {path}")
    return path


def load(driver: webdriver.Chrome, server: Server, hash_: str = "") -> None:
    driver.get(f"{server.url}/{hash_}")
    body = driver.find_element(By.TAG_NAME, "body")
    WebDriverWait(driver, WAIT).until(
        lambda _: body.get_attribute("data-state") in ("ready", "error")
    )
    assert driver.find_element(By.TAG_NAME, "body").get_attribute("data-state") == "ready"


def table_rows(driver: webdriver.Chrome) -> list[list[str]]:
    rows = driver.find_elements(By.CSS_SELECTOR, "#events tbody tr")
    return [[c.text for c in r.find_elements(By.TAG_NAME, "td")] for r in rows]


def open_event(driver: webdriver.Chrome, event_id: str) -> Any:
    """Click the event's row (closing the evidence panel first, as it covers the table)."""
    panel = driver.find_element(By.ID, "evidence")
    if panel.is_displayed():
        driver.find_element(By.ID, "close-evidence").click()
    row = next(r for r in driver.find_elements(By.CSS_SELECTOR, "#events tbody tr")
               if r.get_attribute("data-event-id") == event_id)  # fmt: skip
    row.click()
    WebDriverWait(driver, WAIT).until(
        lambda _: (
            panel.get_attribute("data-state") == "ready"
            and panel.get_attribute("data-event-id") == event_id
        )
    )
    return panel


def events_in_sentences(server: Server, start: str) -> list[dict[str, Any]]:
    events = server.get("/events", limit=500).body["events"]
    return [e for e in events if (e["sentence_text"] or "").startswith(start)]


def test_dashboard_shows_the_views_and_shares_filters(
    browser: webdriver.Chrome, server: Server, artifacts: Path
) -> None:
    load(browser, server)
    total = server.get("/events").body["total"]
    assert len(table_rows(browser)) == min(total, 20)
    assert browser.find_element(By.ID, "event-count").text == f"({total})"
    timeline = server.get("/aggregate", kind="type_month").body["rows"]
    monthly = [r for r in timeline if re.fullmatch(r"\d{4}-\d{2}", r["month"])]
    bars = browser.find_elements(By.CSS_SELECTOR, "#timeline rect.bar")
    assert sorted((b.get_attribute("data-type"), b.find_element(By.TAG_NAME, "title")
                   .get_attribute("textContent")) for b in bars) == sorted(
        (r["type"], f"{r['month']} {r['type']}: {r['events']}") for r in monthly
    )  # fmt: skip
    undated = sum(r["events"] for r in timeline) - sum(r["events"] for r in monthly)
    note = browser.find_element(By.ID, "timeline-note").text
    assert note == (f"{undated} events without a month are not shown" if undated else "")
    actors = server.get("/actors", limit=24).body["actors"]
    nodes = browser.find_elements(By.CSS_SELECTOR, "#network g.node")
    assert [n.get_attribute("data-actor") for n in nodes] == [a["name"] for a in actors]
    assert f"of {total} events" in browser.find_element(By.ID, "map-note").text
    assert "GeoNames" in browser.find_element(By.ID, "map-attribution").text
    screenshot(browser, artifacts, "dashboard")

    Select(browser.find_element(By.NAME, "type")).select_by_value("ACCUSE")
    browser.find_element(By.ID, "apply").click()
    accusations = server.get("/events", type="ACCUSE").body["total"]
    assert accusations
    WebDriverWait(browser, WAIT).until(
        lambda d: (
            "type=ACCUSE" in d.current_url
            and d.find_element(By.TAG_NAME, "body").get_attribute("data-state") == "ready"
            and len(table_rows(d)) == accusations
        )
    )
    assert all(row[1].startswith("ACCUSE") for row in table_rows(browser))
    bars = browser.find_elements(By.CSS_SELECTOR, "#timeline rect.bar")
    assert bars and {b.get_attribute("data-type") for b in bars} == {"ACCUSE"}

    # a click on an actor of the network filters every view on it
    node = browser.find_element(By.CSS_SELECTOR, '#network g.node[data-actor="Peru"]')
    node.click()
    expected = server.get("/events", type="ACCUSE", actor="Peru").body["total"]
    WebDriverWait(browser, WAIT).until(
        lambda d: (
            "actor=Peru" in d.current_url
            and d.find_element(By.TAG_NAME, "body").get_attribute("data-state") == "ready"
            and d.find_element(By.ID, "event-count").text == f"({expected})"
        )
    )
    assert browser.find_element(By.NAME, "actor").get_attribute("value") == "Peru"


def test_dashboard_opens_the_evidence_with_highlights(
    browser: webdriver.Chrome, server: Server, artifacts: Path
) -> None:
    (listed,) = events_in_sentences(server, "Chile accused Peru of spying")
    load(browser, server)
    panel = open_event(browser, listed["id"])
    detail = server.get(f"/events/{listed['id']}").body
    items = panel.find_elements(By.CSS_SELECTOR, "#evidence-mentions li")
    assert [i.get_attribute("data-mention-id") for i in items] == [
        m["id"] for m in detail["mentions"]
    ]
    for item, mention in zip(items, detail["mentions"], strict=True):
        marks = item.find_elements(By.CSS_SELECTOR, "mark")
        shown = [(m.get_attribute("data-role"), m.text) for m in marks]
        assert shown == [(h["role"], h["text"]) for h in mention["evidence"]["highlights"]]
        sentence = item.find_element(By.CSS_SELECTOR, "p.sentence").text
        assert sentence == mention["evidence"]["sentence"]
    roles = {m.get_attribute("data-role"): m.text for m in panel.find_elements(By.TAG_NAME, "mark")
             if m.get_attribute("data-role")}  # fmt: skip
    assert roles == {"actor": "Chile", "trigger": "accused", "recipient": "Peru"}
    screenshot(browser, artifacts, "evidence")


def test_dashboard_shows_hostile_text_and_runs_none_of_it(
    browser: webdriver.Chrome, server: Server, artifacts: Path
) -> None:
    hostile = [e for e in server.get("/events", limit=500).body["events"]
               if e["doc_id"] == "hostile-1"]  # fmt: skip
    assert len(hostile) >= 2  # the accusation and the denial
    load(browser, server)
    browser.get_log("browser")  # start from an empty console
    shown = ""
    for event in hostile:
        panel = open_event(browser, event["id"])
        shown += panel.text + "\n"
    assert "<script>window.__xss_text=1</script>" in shown
    assert '<img src=x onerror="window.__xss_img=1">' in shown
    assert "<img src=x onerror=window.__xss_source=1>" in shown
    ran = browser.execute_script(
        "return arguments[0].filter((name) => window[name] !== undefined);", list(HOSTILE_MARKERS)
    )
    assert ran == []
    assert browser.find_elements(By.TAG_NAME, "img") == []
    scripts = browser.find_elements(By.TAG_NAME, "script")
    assert [s.get_attribute("src") for s in scripts] == [f"{server.url}/static/app.js"]
    # not even blocked by the Content-Security-Policy: nothing tried to run
    console = " ".join(entry["message"] for entry in browser.get_log("browser"))
    assert "Content Security Policy" not in console and "__xss" not in console
    screenshot(browser, artifacts, "hostile")


def test_dashboard_maps_located_events(
    browser: webdriver.Chrome, tmp_path: Path, artifacts: Path
) -> None:
    db = build_store(tmp_path / "db")  # reports with places (Kharkiv, Odesa)
    with serving(db) as located:
        rows = located.get("/aggregate", kind="location").body["rows"]
        placed = [r for r in rows if r["lat"] is not None]
        assert placed
        load(browser, located)
        dots = browser.find_elements(By.CSS_SELECTOR, "#places circle")
        assert len(dots) == len(placed)
        titles = sorted(d.find_element(By.TAG_NAME, "title").get_attribute("textContent")
                        for d in dots)  # fmt: skip
        assert titles == sorted(
            f"{r['location_name']} ({r['location_country']}): {r['events']}" for r in placed
        )
        # the dot of each place sits at its longitude and latitude on the 360 x 180 map
        positions = {
            (round(float(d.get_attribute("cx")), 2), round(float(d.get_attribute("cy")), 2))
            for d in dots
        }
        assert positions == {(round(r["lon"] + 180, 2), round(90 - r["lat"], 2)) for r in placed}
        total = sum(r["events"] for r in rows)
        located_events = sum(r["events"] for r in placed)
        note = browser.find_element(By.ID, "map-note").text
        assert note == f"{located_events} of {total} events have a known location"
        browser.find_element(By.ID, "map-view").screenshot(str(artifacts / "map.png"))
