"""What a newcomer meets on a fresh machine."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings


def test_browser_tests_name_the_missing_package_when_chromium_is_absent():
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/browser", "-x"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "CHROMIUM": "/nonexistent/chromium"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "apt-get install chromium" in result.stdout
    assert "Traceback" not in result.stdout
