import os
import shutil

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

from relay_launcher import REPO, Relay

SCREENSHOTS = os.path.join(REPO, ".build", "browser-screenshots")


@pytest.fixture(scope="session")
def relay():
    instance = Relay()
    yield instance
    instance.stop()


def make_driver(width=1280, height=900, mobile=False):
    options = Options()
    if mobile:
        # A phone-sized viewport (a desktop window cannot be made narrower than about 500 px).
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": width, "height": height, "pixelRatio": 2}})
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size={width},{height}"]:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)


@pytest.fixture
def driver():
    browser = make_driver()
    browser.implicitly_wait(0)
    yield browser
    browser.quit()


@pytest.fixture
def narrow_driver():
    browser = make_driver(390, 844, mobile=True)
    yield browser
    browser.quit()


@pytest.fixture
def shot():
    os.makedirs(SCREENSHOTS, exist_ok=True)

    def save(driver, name):
        driver.save_screenshot(os.path.join(SCREENSHOTS, f"{name}.png"))
    return save
