#!/usr/bin/env python3
"""Drives the dashboard in headless Chromium against a running `careergraph serve`.

    browser_test.py BASE_URL ARTIFACTS_DIR [OTHER_ORIGIN_URL [ONET_URL]]

ONET_URL: a server of the shipped O*NET graph, whose pay figures carry their basis marks.

Asserts on the DOM (not on pixels) and saves a screenshot of each view to ARTIFACTS_DIR.
Called by scripts/browser_test.sh, which installs Chromium and starts the server.
"""
import json
import os
import sys
import tempfile
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

BASE, ARTIFACTS = sys.argv[1].rstrip("/"), sys.argv[2]
OTHER = sys.argv[3].rstrip("/") if len(sys.argv) > 3 else ""
ONET = sys.argv[4].rstrip("/") if len(sys.argv) > 4 else ""
os.makedirs(ARTIFACTS, exist_ok=True)
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def api(path, body):
    req = urllib.request.Request(BASE + path, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)


def browser(profile):
    o = webdriver.ChromeOptions()
    o.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile]:
        o.add_argument(a)
    return webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=o)


def fill(d, css, text):
    e = d.find_element(By.CSS_SELECTOR, css)
    e.clear()
    e.send_keys(text)
    return e


def shot(d, name):
    path = os.path.join(ARTIFACTS, name + ".png")
    # The whole page, not just the window: grow the window to the document's height.
    h = d.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
    w = d.execute_script("return window.innerWidth")
    d.set_window_size(max(w, 320), min(max(h + 140, 600), 4000))
    d.save_screenshot(path)
    print("     screenshot " + path)


def view(d, name):
    d.find_element(By.CSS_SELECTOR, 'nav button[data-view="%s"]' % name).click()
    WebDriverWait(d, 10).until(EC.visibility_of_element_located((By.ID, "view-" + name)))


def error_text(d, box_id):
    box = WebDriverWait(d, 15).until(EC.visibility_of_element_located((By.ID, box_id)))
    return box.text


def run(d, width):
    wait = WebDriverWait(d, 20)
    suffix = "" if width >= 800 else "-phone"
    d.set_window_size(width, 900)
    d.get(BASE + "/")
    check(d.title == "careergraph", "page title")

    # Position search: keyboard only (type, Enter), then the card and the ranked next moves.
    fill(d, "#search-q", "Staff Software Engineer").send_keys(Keys.ENTER)
    card = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#position-card .card h3")))
    check(card.text == "Staff Software Engineer", "search opens the position card")
    moves = wait.until(lambda x: x.find_elements(By.CSS_SELECTOR, "#next-moves ol.moves li"))
    check(len(moves) >= 2, "next moves listed (%d)" % len(moves))
    check(any(m.find_elements(By.CSS_SELECTOR, ".why") for m in moves), "next moves give their reasons")
    shot(d, "search" + suffix)

    # Unknown position: the error in place, with "did you mean" buttons that retry.
    fill(d, "#search-q", "Staf Sofware Enginer").send_keys(Keys.ENTER)
    text = error_text(d, "search-error")
    check("no position matches" in text, "unknown position error shown: " + text.splitlines()[0])
    sugg = d.find_elements(By.CSS_SELECTOR, "#search-error button.suggestion")
    check(len(sugg) >= 1 and sugg[0].text == "Staff Software Engineer", "suggestions offered")
    shot(d, "search-unknown" + suffix)
    sugg[0].click()
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#position-card .card h3"), "Staff Software Engineer"))
    check(d.find_element(By.ID, "search-error").is_displayed() is False, "a suggestion clears the error and searches")

    # Staff Software Engineer: PM or TPM?
    view(d, "compare")
    fill(d, "#compare-from", "Staff Software Engineer")
    fill(d, "#compare-tracks", "pm, tpm")
    fill(d, "#compare-years", "10")
    d.find_element(By.CSS_SELECTOR, "#compare-form button[type=submit]").click()
    verdict = wait.until(EC.visibility_of_element_located((By.ID, "verdict")))
    text = verdict.text.lower()
    check(len(verdict.text) > 20 and "product management" in text and "technical program management" in text
          and "expected $" in text and "every move succeeds" in text, "verdict text present: " + verdict.text[:90])
    lines = d.find_elements(By.CSS_SELECTOR, "#compare-svg path.series")
    labels = sorted(p.get_attribute("data-option") for p in lines)
    check(labels == ["pm", "tpm"], "chart has one line per option: %s" % labels)
    check(all(len(p.get_attribute("d")) > 10 for p in lines), "chart lines have points")
    shot(d, "compare" + suffix)
    svg = d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch('/v1/compare', {method: 'POST', headers: {'Content-Type': 'application/json', Accept: 'image/svg+xml'},"
        " body: JSON.stringify({from: 'Staff Software Engineer', tracks: ['pm', 'tpm'], horizonYears: 10})})"
        ".then(r => r.text()).then(done, e => done('error: ' + e));")
    check(svg.startswith("<?xml") and "<svg" in svg, "the server draws the compare chart as SVG for the page")

    # A route drawn on the ladder, its moves highlighted.
    view(d, "route")
    fill(d, "#route-from", "Senior Software Engineer")
    fill(d, "#route-to", "Director of Product")
    fill(d, "#route-max-moves", "0")
    d.find_element(By.CSS_SELECTOR, "#route-form button[type=submit]").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#route-svg")))
    expected = api("/v1/route", {"from": "Senior Software Engineer", "to": "Director of Product", "alternatives": 3})
    steps = expected["routes"][0]["steps"]
    want = [(a["positionId"], b["positionId"]) for a, b in zip(steps, steps[1:])]
    got = [(m.get_attribute("data-from"), m.get_attribute("data-to"))
           for m in d.find_elements(By.CSS_SELECTOR, "#route-svg line.route-move")]
    check(got == want, "route diagram highlights the route's moves: %s" % got)
    on = sorted(g.get_attribute("data-id") for g in d.find_elements(By.CSS_SELECTOR, "#route-svg g.pos.on-route"))
    check(on == sorted(s["positionId"] for s in steps), "route diagram highlights the route's positions")
    rows = d.find_elements(By.CSS_SELECTOR, "#route-result tbody tr")
    check(len(rows) == len(expected["routes"]), "alternatives listed (%d)" % len(rows))
    wait.until(lambda x: x.find_elements(By.CSS_SELECTOR, "#route-front tbody tr"))
    check(len(d.find_elements(By.CSS_SELECTOR, "#route-front tbody tr")) >= 1, "trade-off front listed")
    shot(d, "route" + suffix)

    # Drawing an alternative redraws the diagram with its moves.
    if len(rows) > 1:
        rows[1].find_element(By.CSS_SELECTOR, "button").click()
        alt = expected["routes"][1]["steps"]
        wait.until(lambda x: [(m.get_attribute("data-from"), m.get_attribute("data-to"))
                              for m in x.find_elements(By.CSS_SELECTOR, "#route-svg line.route-move")]
                   == [(a["positionId"], b["positionId"]) for a, b in zip(alt, alt[1:])])
        check(True, "an alternative can be drawn")

    # Unknown position in a route: error with suggestions; a suggestion fills the field and retries.
    fill(d, "#route-from", "Staf Software Engineer")
    d.find_element(By.CSS_SELECTOR, "#route-form button[type=submit]").click()
    text = error_text(d, "route-error")
    check("unknown position 'Staf Software Engineer'" in text, "route: unknown position shown in place")
    shot(d, "route-unknown" + suffix)
    d.find_element(By.CSS_SELECTOR, "#route-error button.suggestion").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#route-svg")))
    check(d.find_element(By.ID, "route-from").get_attribute("value") == "Staff Software Engineer",
          "route: the suggestion fills the field and the route is drawn")

    # No route: the reason, in place.
    fill(d, "#route-from", "Software Engineer")
    fill(d, "#route-max-moves", "1")
    d.find_element(By.CSS_SELECTOR, "#route-form button[type=submit]").click()
    text = error_text(d, "route-error")
    check("no route from 'Software Engineer' to 'Director of Product'" in text, "no-route reason shown: " + text[:100])
    check(not d.find_elements(By.CSS_SELECTOR, "#route-svg"), "no stale diagram after an error")
    shot(d, "route-no-route" + suffix)
    fill(d, "#route-max-moves", "0")

    # Reach within N years and the earnings plan.
    view(d, "reach")
    fill(d, "#reach-from", "Senior Software Engineer")
    fill(d, "#reach-years", "5")
    d.find_element(By.CSS_SELECTOR, "#reach-form button[type=submit]").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#plan-svg")))
    reached = d.find_elements(By.CSS_SELECTOR, "#reach-svg g.pos.reached")
    check(len(reached) >= 3, "reach drawn (%d positions)" % len(reached))
    bars = d.find_elements(By.CSS_SELECTOR, "#plan-svg rect")
    check(len(bars) >= 2, "plan timeline drawn")
    shot(d, "reach" + suffix)

    # Graph info and tracks.
    view(d, "info")
    wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#info-result .card h3")))
    wait.until(lambda x: x.find_elements(By.CSS_SELECTOR, "#tracks-result tbody tr"))
    check(len(d.find_elements(By.CSS_SELECTOR, "#tracks-result tbody tr")) >= 3, "tracks listed")
    shot(d, "info" + suffix)

    # Nothing overflows the viewport sideways on a phone (the diagrams scroll inside their box).
    for name in ["search", "route", "compare", "reach", "info"]:
        view(d, name)
        overflow = d.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        check(overflow <= 1, "%s view fits the width %d (overflow %dpx)" % (name, width, overflow))


def cross_origin(d):
    """The same page from another origin, naming the API with ?api= (the server allows that origin)."""
    print("== from another origin: " + OTHER)
    d.set_window_size(1280, 900)
    d.get(OTHER + "/?api=" + BASE)
    fill(d, "#search-q", "Director of Product").send_keys(Keys.ENTER)
    card = WebDriverWait(d, 20).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#position-card .card h3")))
    check(card.text == "Director of Product", "cross-origin search answered through CORS")
    view(d, "compare")
    d.find_element(By.CSS_SELECTOR, "#compare-form button[type=submit]").click()
    WebDriverWait(d, 20).until(EC.visibility_of_element_located((By.ID, "verdict")))
    check(True, "cross-origin POST (with preflight) answered")
    d.refresh()  # the view is in the address (#compare), the API origin stays in ?api=
    WebDriverWait(d, 10).until(EC.visibility_of_element_located((By.ID, "view-compare")))
    check(d.current_url.startswith(OTHER + "/?api=") and d.current_url.endswith("#compare"),
          "a reload keeps the view and the API origin: " + d.current_url)


def pay_marks(d):
    """Pay figures with how sure they are: a group's shared figure "$x*", top-coded "$x+" (at
    least this), each explained on hover; a position's own figure plain."""
    print("== pay marks, O*NET graph: " + ONET)
    d.set_window_size(1280, 900)
    d.get(ONET + "/")
    with urllib.request.urlopen(ONET + "/v1/positions?limit=1000") as r:
        positions = json.load(r)["positions"]
    marks = {"PAY_BASIS_SHARED": ("{}*", "shared"), "PAY_BASIS_TOP_CODED": ("{}+", "at least this"),
             "PAY_BASIS_MEASURED": ("{}", None)}
    for basis, (form, words) in marks.items():
        p = next((p for p in positions if p.get("payBasis") == basis and "annualPay" in p), None)
        check(p is not None, "the O*NET graph has a position with %s pay" % basis)
        if p is None:
            continue
        fill(d, "#search-q", p["title"]).send_keys(Keys.ENTER)
        WebDriverWait(d, 20).until(
            EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#position-card .card h3"), p["title"]))
        shown = d.find_element(By.XPATH, "//*[@id='position-card']//dt[.='Pay']/following-sibling::dd[1]")
        want = form.format("${:,.0f}".format(p["annualPay"]))
        spans = shown.find_elements(By.CSS_SELECTOR, "span.pay-basis")
        if words is None:
            check(shown.text == want and not spans, "%s: measured pay shown plain (%s)" % (p["title"], shown.text))
        else:
            hint = spans[0].get_attribute("title") if spans else ""
            check(shown.text == want and words in hint,
                  "%s: %s pay shown as %s, explained as '%s'" % (p["title"], basis, shown.text, hint))
    shot(d, "pay-marks")


def main():
    with tempfile.TemporaryDirectory(prefix="careergraph-chromium-") as profile:
        d = browser(profile)
        try:
            for width in (1280, 390):
                print("== width %d" % width)
                run(d, width)
            if OTHER:
                cross_origin(d)
            if ONET:
                pay_marks(d)
            logs = [e for e in d.get_log("browser") if e.get("level") == "SEVERE" and "/v1/" not in e.get("message", "")]
            check(not logs, "no script errors in the console: %s" % logs[:3])
        finally:
            d.quit()
    if failures:
        print("%d browser check(s) failed" % len(failures))
        sys.exit(1)
    print("browser tests passed")


if __name__ == "__main__":
    main()
