# Two commands for a newcomer:
#   make run    set up .venv and start the daemon on the defaults in config.toml
#   make test   set up .venv and run the test suite
PYTHON ?= python3.11
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: run test test-deps ocr-deps setup clean

setup: $(STAMP) ocr-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -e '.[test]'
	# export EasyOCR's weights to ONNX once, now rather than at the first start (falls back to torch)
	$(VENV)/bin/python -m parse.onnx_export || echo "warning: ONNX export failed; the daemon will use torch"
	touch $(STAMP)

run: $(STAMP) ocr-deps
	$(VENV)/bin/python run_daemon.py

# The second recogniser ([ocr] second_recogniser): tesserocr (in .venv) with Debian's English and
# German Tesseract models; without them the daemon warns and reads with EasyOCR alone.
ocr-deps:
	@ls /usr/share/tesseract-ocr/*/tessdata/eng.traineddata /usr/share/tesseract-ocr/*/tessdata/deu.traineddata >/dev/null 2>&1 || \
	if [ "$$(id -u)" = 0 ]; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tesseract-ocr-eng tesseract-ocr-deu; \
	else echo "Tesseract's eng or deu model is missing and this is not root: no second recogniser, its tests skipped (apt-get install tesseract-ocr-eng tesseract-ocr-deu)"; fi

# The IMAP tests run a real Dovecot on loopback, the analyst browser test Debian's chromium,
# the celery-mode tests Debian's redis-server (all started and stopped by the tests themselves);
# systemd-analyze checks the unit files.
test-deps:
	@{ command -v dovecot >/dev/null || test -x /usr/sbin/dovecot; } && command -v chromium >/dev/null && \
	command -v redis-server >/dev/null || \
	if [ "$$(id -u)" = 0 ]; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends dovecot-imapd chromium systemd redis-server; \
	else echo "dovecot, chromium or redis-server is missing and this is not root: their tests will be skipped (apt-get install dovecot-imapd chromium redis-server)"; fi

test: $(STAMP) test-deps ocr-deps
	$(VENV)/bin/python -m pytest

clean:
	rm -rf $(VENV) var
