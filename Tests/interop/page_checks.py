"""What every HTML page of the mock must be, checked in headless Chromium (issue #19 §4):
at a desktop (1280x800) and a phone (390x844) viewport, no horizontal overflow, no text shown
twice, no serious or critical axe-core violation, a title and main heading that name the page's
purpose, and a full-page screenshot saved under the run's artifacts folder for a person to
look at."""
import os
import pathlib
import re

from axe_selenium_python import Axe

ROOT = pathlib.Path(__file__).resolve().parents[2]
ARTIFACTS = pathlib.Path(os.environ.get("GONG_MOCK_ARTIFACTS", ROOT / ".artifacts")) / "pages"

# name -> (width, height, mobile emulation)
VIEWPORTS = {"desktop": (1280, 800, False), "phone": (390, 844, True)}

# Text nodes and sentences shorter than this are labels ("Paid", "Edit"), which may repeat.
MIN_REPEAT_LENGTH = 12

_VISIBLE_TEXT = """
const out = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const text = node.textContent.replace(/\\s+/g, ' ').trim();
  if (!text) continue;
  const parent = node.parentElement;
  // Data-table cells repeat by nature (a seat type per row), and the navigation names the
  // page it is on; everything else (sentences, fields, hints) must appear once.
  if (parent.closest('td, nav, option, script, style, [hidden]')) continue;
  const style = getComputedStyle(parent);
  if (style.display === 'none' || style.visibility === 'hidden') continue;
  out.push(text);
}
return out;
"""


def set_viewport(driver, viewport):
    width, height, mobile = VIEWPORTS[viewport]
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})


def repeated_text(driver):
    """Visible text nodes, and sentences inside them, that appear more than once."""
    seen, repeats = set(), []
    for text in driver.execute_script(_VISIBLE_TEXT):
        pieces = {text} | set(re.split(r"(?<=[.!?])\s+", text))
        for piece in pieces:
            if len(piece) < MIN_REPEAT_LENGTH:
                continue
            if piece in seen:
                repeats.append(piece)
            seen.add(piece)
    return repeats


def serious_violations(driver):
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    return [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]


def save_screenshot(driver, name, viewport):
    """A full-page PNG: the viewport is stretched to the page's height for the capture (so
    100vh-high parts render as a person scrolling would see them), then restored."""
    import base64

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    width, height, mobile = VIEWPORTS[viewport]
    full = max(height, driver.execute_script("return document.documentElement.scrollHeight"))
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": full, "deviceScaleFactor": 1, "mobile": mobile})
    try:
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
    finally:
        set_viewport(driver, viewport)
    path = ARTIFACTS / f"{name}.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def check_page(driver, name, viewport, purpose):
    """Asserts the page rules on the page the driver shows; `purpose` is a phrase the title and
    the main heading must both contain (case-insensitive)."""
    problems = []
    # A phone widens its layout viewport to fit content that overflows, so compare with the
    # viewport that was asked for, not only with innerWidth.
    width = min(driver.execute_script("return window.innerWidth"), VIEWPORTS[viewport][0])
    scroll_width = driver.execute_script("return document.documentElement.scrollWidth")
    if scroll_width > width:
        wide = driver.execute_script("""
            const w = window.innerWidth; const out = [];
            for (const e of document.querySelectorAll('body *')) {
              const r = e.getBoundingClientRect();
              if (r.right > w + 0.5 && out.length < 5) out.push(e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '') + ' right=' + Math.round(r.right));
            }
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n && out.length < 8; n = walker.nextNode()) {
              const range = document.createRange(); range.selectNodeContents(n);
              const r = range.getBoundingClientRect();
              if (r.right > w + 0.5) out.push('text ' + JSON.stringify(n.textContent.trim().slice(0, 60)) + ' right=' + Math.round(r.right));
            }
            return out;""")
        problems.append(f"horizontal overflow: scrollWidth {scroll_width} > innerWidth {width}; widest: {wide}")
    repeats = repeated_text(driver)
    if repeats:
        problems.append(f"text shown more than once: {repeats}")
    title = driver.title
    headings = [h.text for h in driver.find_elements("css selector", "h1")]
    if purpose.lower() not in title.lower():
        problems.append(f"title {title!r} does not name the purpose {purpose!r}")
    if len(headings) != 1 or purpose.lower() not in headings[0].lower():
        problems.append(f"main heading(s) {headings} do not name the purpose {purpose!r} (exactly one h1)")
    # Before axe, which scrolls elements into view while it checks them.
    save_screenshot(driver, f"{name}-{viewport}", viewport)
    for violation in serious_violations(driver):
        targets = [node["target"] for node in violation["nodes"]][:3]
        problems.append(f"axe {violation['impact']}: {violation['id']} ({violation['help']}) at {targets}")
    return problems
