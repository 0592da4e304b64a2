"""The console in a real headless Chromium: every scenario asserts on text a person would see and saves a
screenshot under .build/browser-screenshots/."""

import time

from selenium.common.exceptions import NoAlertPresentException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


def visible_text(driver):
    return driver.find_element(By.TAG_NAME, "body").text


def sign_in(driver, relay, token):
    driver.get(relay.base + "/console/sign-in")
    driver.find_element(By.ID, "token").send_keys(token)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "nav#nav")))


def set_field(driver, element_id, text):
    field = driver.find_element(By.ID, element_id)
    field.clear()
    field.send_keys(text)


def wait_for_text(driver, text, timeout=10):
    # The body is replaced while a form's answer loads: reading a stale one just means "not yet".
    WebDriverWait(driver, timeout, ignored_exceptions=[StaleElementReferenceException]).until(lambda d: text in visible_text(d))


def test_sign_in_shows_the_overview(driver, relay, shot):
    driver.get(relay.base + "/console")
    assert "Sign in" in visible_text(driver)
    sign_in(driver, relay, relay.admin_token)
    text = visible_text(driver)
    shot(driver, "01-signed-in-overview")
    assert "Overview" in text
    assert "browser-admin" in text
    assert "Outbox" in text and "Deliveries by status" in text


def test_a_bad_token_is_refused(driver, relay, shot):
    driver.get(relay.base + "/console/sign-in")
    driver.find_element(By.ID, "token").send_keys("irt_notARealTokenAtAll")
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait_for_text(driver, "Sign-in failed")
    shot(driver, "02-bad-token-refused")
    assert driver.get_cookie("relay_console") is None


def test_an_edit_with_an_unknown_variable_shows_the_error_and_saves_nothing(driver, relay, shot):
    sign_in(driver, relay, relay.admin_token)
    driver.get(relay.base + "/console/templates/email/due_today/en")
    assert "version 1" in driver.find_element(By.ID, "current-version").text
    set_field(driver, "html", "<p>Hello {{customer_name}}</p>\n<p>You owe {{amount}}</p>")
    driver.find_element(By.ID, "save").click()
    wait_for_text(driver, "Not saved.")
    text = visible_text(driver)
    shot(driver, "03-template-unknown-variable")
    assert "line 2, column" in text
    assert "amount" in driver.find_element(By.ID, "template-error").text
    assert "version 1" in driver.find_element(By.ID, "current-version").text
    # The history still holds one version.
    driver.get(relay.base + "/console/templates/email/due_today/en")
    assert "Roll back to" not in visible_text(driver)


def test_a_fixed_edit_saves_version_2_and_rollback_restores_version_1(driver, relay, shot):
    sign_in(driver, relay, relay.admin_token)
    driver.get(relay.base + "/console/templates/email/overdue/en")
    original = driver.find_element(By.ID, "html").get_attribute("value")
    set_field(driver, "html", "<p>Edited in the browser: {{invoice_number}} for {{amount_remaining}}</p>")
    set_field(driver, "note", "browser test edit")
    driver.find_element(By.ID, "save").click()
    wait_for_text(driver, "Saved as version 2.")
    shot(driver, "04-template-saved-version-2")
    assert "version 2" in driver.find_element(By.ID, "current-version").text
    assert "browser test edit" in visible_text(driver)

    driver.find_element(By.CSS_SELECTOR, "button.rollback[data-version='1']").click()
    wait_for_text(driver, "Rolled back")
    shot(driver, "05-template-rolled-back-to-1")
    assert "the old content is now version 3" in visible_text(driver)
    assert driver.find_element(By.ID, "html").get_attribute("value") == original
    assert "rollback to version 1" in visible_text(driver)


def test_a_form_without_its_csrf_token_is_refused(driver, relay, shot):
    sign_in(driver, relay, relay.admin_token)
    driver.get(relay.base + "/console/templates/email/final_notice/en")
    # What a forged cross-site form would send: everything but the session's CSRF value.
    driver.execute_script("document.querySelector('form.editor input[name=csrf]').remove()")
    set_field(driver, "note", "forged")
    driver.find_element(By.ID, "save").click()
    wait_for_text(driver, "Forbidden")
    shot(driver, "06-csrf-refused")
    assert "security token" in visible_text(driver)
    driver.get(relay.base + "/console/templates/email/final_notice/en")
    assert "version 1" in driver.find_element(By.ID, "current-version").text


def test_a_script_in_a_template_does_not_run_in_the_preview(driver, relay, shot):
    sign_in(driver, relay, relay.admin_token)
    driver.get(relay.base + "/console/templates/email/before_due/en")
    evil = ('<p id="safe">Invoice {{invoice_number}} is safe</p>'
            '<script>document.body.innerHTML = "PWNED"; parent.document.title = "PWNED"; alert("PWNED");</script>'
            '<img src="data:," onerror="parent.document.title = \'PWNED-IMG\'">')
    set_field(driver, "html", evil)
    driver.find_element(By.ID, "save").click()
    wait_for_text(driver, "Saved as version 2.")

    # A saved version, previewed from its own address.
    driver.find_element(By.LINK_TEXT, "Preview").click()
    frame = WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.ID, "preview-frame")))
    assert frame.get_attribute("sandbox") == ""
    time.sleep(1)
    assert "PWNED" not in driver.title
    driver.switch_to.frame(frame)
    inside = visible_text(driver)
    driver.switch_to.default_content()
    shot(driver, "07-script-preview-saved")
    assert "is safe" in inside
    assert "PWNED" not in inside
    try:
        driver.switch_to.alert
        raise AssertionError("an alert opened: the script ran")
    except NoAlertPresentException:
        pass

    # Proposed content, previewed through srcdoc.
    driver.get(relay.base + "/console/templates/email/before_due/en")
    driver.find_element(By.ID, "preview-changes").click()
    frame = WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.ID, "preview-frame")))
    time.sleep(1)
    driver.switch_to.frame(frame)
    inside = visible_text(driver)
    driver.switch_to.default_content()
    shot(driver, "08-script-preview-proposed")
    assert "is safe" in inside and "PWNED" not in inside
    assert "PWNED" not in driver.title


def wait_for_failed_delivery(driver, relay, invoice_id, timeout=30):
    """Polls the deliveries page (as a person would reload it) until the invoice's delivery shows as failed."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        driver.get(relay.base + f"/console/deliveries?invoice_id={invoice_id}&status=failed")
        links = driver.find_elements(By.CSS_SELECTOR, "tbody tr td:first-child a")
        if links:
            return links[0].text
        time.sleep(1)
    raise AssertionError(f"no failed delivery for {invoice_id} within {timeout} s")


def test_a_refused_delivery_shows_as_failed_and_is_replayed(driver, relay, shot):
    relay.post_stripe_invoice("in_browser_refused", "refuse-once@example.com")
    sign_in(driver, relay, relay.admin_token)
    delivery = wait_for_failed_delivery(driver, relay, "in_browser_refused")
    shot(driver, "09-delivery-failed-list")
    driver.get(relay.base + f"/console/deliveries/{delivery}")
    text = visible_text(driver)
    assert "failed" in text and "400" in text
    driver.find_element(By.ID, "replay").click()
    wait_for_text(driver, "Delivery re-queued.")
    shot(driver, "10-delivery-replayed")
    deadline = time.time() + 20
    while time.time() < deadline:
        driver.get(relay.base + f"/console/deliveries/{delivery}")
        if driver.find_element(By.CSS_SELECTOR, "h1 .status").text == "sent":
            break
        time.sleep(1)
    shot(driver, "11-delivery-sent-after-replay")
    assert driver.find_element(By.CSS_SELECTOR, "h1 .status").text == "sent"


def test_a_read_only_session_sees_no_replay_button_and_a_crafted_post_gets_403(driver, relay, shot):
    relay.post_stripe_invoice("in_browser_readonly", "refuse-once-ro@example.com", number="INV-RO")
    sign_in(driver, relay, relay.admin_token)
    delivery = wait_for_failed_delivery(driver, relay, "in_browser_readonly")
    driver.delete_all_cookies()

    sign_in(driver, relay, relay.read_token)
    driver.get(relay.base + f"/console/deliveries/{delivery}")
    text = visible_text(driver)
    shot(driver, "12-read-only-delivery")
    assert "Read-only session" in text
    assert "failed" in text
    assert not driver.find_elements(By.ID, "replay")
    assert "Replay" not in text.replace("Replay failed", "")
    # A crafted replay form with the session's own CSRF value: refused because the token has read scope.
    driver.execute_script("""
        const csrf = document.querySelector('input[name=csrf]').value;
        const form = document.createElement('form');
        form.method = 'post';
        form.action = arguments[0];
        const input = document.createElement('input');
        input.type = 'hidden'; input.name = 'csrf'; input.value = csrf;
        form.appendChild(input);
        document.body.appendChild(form);
        form.submit();
    """, relay.base + f"/console/deliveries/{delivery}/replay")
    wait_for_text(driver, "Forbidden")
    shot(driver, "13-read-only-crafted-post-403")
    assert "read scope" in visible_text(driver)


def test_the_console_works_on_a_narrow_screen(narrow_driver, relay, shot):
    sign_in(narrow_driver, relay, relay.admin_token)
    assert narrow_driver.execute_script("return window.innerWidth") <= 400
    nav = narrow_driver.find_element(By.ID, "nav")
    assert not nav.is_displayed()
    narrow_driver.find_element(By.CSS_SELECTOR, ".menu-toggle").click()
    WebDriverWait(narrow_driver, 5).until(lambda d: d.find_element(By.ID, "nav").is_displayed())
    shot(narrow_driver, "14-narrow-menu-open")
    narrow_driver.find_element(By.LINK_TEXT, "Deliveries").click()
    wait_for_text(narrow_driver, "Deliveries")
    shot(narrow_driver, "15-narrow-deliveries")
    # Nothing sticks out sideways: wide tables scroll inside their own box.
    assert narrow_driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
