#!/usr/bin/env python3
"""The dashboard in a real headless Chromium, against `shoppyshop serve` in sandbox mode.

Signs in; reads the overview and the demo store's products; applies the dry-run listing
plan; has the sandbox's eBay buyer buy and sees the order with its Shopify order; fulfils it
in the Shopify sandbox and sees the tracking pushed; opens the insights chart; checks that a
signed-out visit goes to sign-in and that a form posted without its CSRF token gets 403.
Saves a screenshot of each page into docs/screenshots/.

Usage: dashboard_test.py BINARY   (run by .ci/browser.sh, which installs what it needs)
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHOTS = os.path.join(ROOT, "docs", "screenshots")
EMAIL, PASSWORD = "owner@example.com", "browser-test-password-42"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(what, condition, seconds=60, every=0.5):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            value = condition()
            if value:
                return value
        except Exception:  # the page may be mid-reload
            pass
        time.sleep(every)
    raise AssertionError("timed out waiting for " + what)


def post_json(url, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        text = response.read().decode()
        return response.status, (json.loads(text) if text else None)


def main(binary):
    work = tempfile.mkdtemp(prefix="shoppyshop-browser-")
    os.symlink(os.path.join(ROOT, "Public"), os.path.join(work, "Public"))
    port, sandbox_port = free_port(), free_port()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": work, "PORT": str(port), "SANDBOX_PORT": str(sandbox_port),
           "ADMIN_EMAIL": EMAIL, "ADMIN_PASSWORD": PASSWORD, "SANDBOX_SIMULATE": "off", "LOG_LEVEL": "notice"}
    log = open(os.path.join(work, "serve.log"), "w")
    server = subprocess.Popen([binary, "serve"], cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
    base, sandbox = "http://127.0.0.1:%d" % port, "http://127.0.0.1:%d" % sandbox_port
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--disable-gpu"):
        options.add_argument(flag)
    browser = None
    try:
        wait("the server", lambda: urllib.request.urlopen(base + "/health", timeout=2).status == 200, 120)
        browser = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
        browser.implicitly_wait(2)

        def shot(name):
            os.makedirs(SHOTS, exist_ok=True)
            browser.save_screenshot(os.path.join(SHOTS, name + ".png"))

        def text():
            return browser.find_element(By.TAG_NAME, "body").text

        # Signed out: sign-in first.
        browser.get(base + "/orders")
        assert "/login" in browser.current_url, browser.current_url
        shot("sign-in")
        browser.find_element(By.ID, "email").send_keys(EMAIL)
        browser.find_element(By.ID, "password").send_keys(PASSWORD)
        browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        wait("the orders page after sign-in", lambda: browser.current_url.endswith("/orders"))

        # The overview, once the first start imported the demo catalog.
        browser.get(base + "/products")
        wait("the demo store's 50 products", lambda: (browser.refresh() or True) and "50 in all" in text(), 90, 2)
        shot("products")
        browser.get(base + "/")
        wait("the catalog sync on the overview", lambda: (browser.refresh() or True) and "Catalog from Shopify" in text() and "succeeded" in text(), 60, 2)
        assert browser.find_elements(By.CSS_SELECTOR, "svg.chart"), "no chart on the overview"
        mirror = browser.find_element(By.CSS_SELECTOR, ".numbers li:first-child")
        assert mirror.find_element(By.CSS_SELECTOR, ".count-value").text == "50", mirror.text

        # The dry-run plan, then apply it.
        browser.get(base + "/listings")
        assert "Listing plan" in text()
        wait("the plan's blocked products", lambda: "blocked" in text())
        shot("listing-plan")
        browser.find_element(By.ID, "apply").click()
        wait("the apply's result", lambda: (browser.get(base + "/listings") or True) and browser.find_elements(By.ID, "last-apply")
             and "dashboard:" + EMAIL in browser.find_element(By.ID, "last-apply").text, 120, 2)
        shot("listing-applied")

        # A buyer buys on eBay; the order comes into Shopify.
        status, body = post_json(sandbox + "/ebay-sandbox/buyer/orders/random", {"count": 1, "seed": 7})
        order_id = body["orderIds"][0]
        row_css = 'tr[data-ebay-order="%s"]' % order_id
        shopify_id = wait("the eBay order with its Shopify order", lambda: (browser.get(base + "/orders") or True)
                          and browser.find_element(By.CSS_SELECTOR, row_css).get_attribute("data-shopify-order"), 120, 2)
        assert "#" in browser.find_element(By.CSS_SELECTOR, row_css + " .shopify-order").text
        shot("orders")

        # Fulfilled in Shopify with tracking: the tracking reaches eBay.
        status, _ = post_json(sandbox + "/_sandbox/shopify/orders/%s/fulfill" % shopify_id, {"company": "UPS", "number": "1Z999AA10123456784"})
        assert status in (200, 201, 204), status
        wait("the tracking pushed to eBay", lambda: (browser.get(base + "/orders") or True)
             and "pushed" in browser.find_element(By.CSS_SELECTOR, row_css + " .tracking").text, 120, 2)
        assert "1Z999AA10123456784" in browser.find_element(By.CSS_SELECTOR, row_css + " .tracking").text
        shot("orders-tracking")

        # The overview counts the order and names what is blocked.
        browser.get(base + "/")
        assert "products blocked from eBay" in text(), text()[:2000]
        shot("overview")

        # Insights: the chart is drawn by our own view.
        browser.get(base + "/insights")
        assert browser.find_elements(By.CSS_SELECTOR, "#spend-vs-revenue svg.chart rect"), "no revenue bars"
        assert browser.find_elements(By.CSS_SELECTOR, "#spend-vs-revenue svg.chart polyline"), "no spend line"
        shot("insights")
        browser.get(base + "/settings")
        shot("settings")

        # A form posted without its CSRF token: 403, nothing done.
        browser.execute_script("""
            const form = document.createElement('form');
            form.method = 'post'; form.action = '/listings/apply';
            document.body.appendChild(form); form.submit();""")
        wait("the 403 page", lambda: "403" in text() and "CSRF token is missing" in text())

        # Signing out ends the session.
        browser.get(base + "/")
        browser.find_element(By.CSS_SELECTOR, "form.sign-out button").click()
        wait("the sign-in page", lambda: "/login" in browser.current_url)
        browser.get(base + "/jobs")
        assert "/login" in browser.current_url
        print("browser test passed: sign-in, overview, products, plan + apply, eBay order %s → Shopify %s, tracking pushed, insights, CSRF 403, sign-out" % (order_id, shopify_id))
        return 0
    except Exception:
        if browser:
            shot_path = os.path.join(work, "failure.png")
            browser.save_screenshot(shot_path)
            print("failed on %s (screenshot %s)\n--- page ---\n%s" % (browser.current_url, shot_path, browser.find_element(By.TAG_NAME, "body").text[:3000]))
        log.flush()
        print("--- serve log (tail) ---")
        print(open(os.path.join(work, "serve.log")).read()[-6000:])
        raise
    finally:
        if browser:
            browser.quit()
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
