# videowall: `make demo` and `make test` do all set-up on a fresh Debian 12 (root, or sudo available).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# libVLC decodes and displays; ffmpeg ingests RTSP and makes the fleet's clips; Xvfb where there is
# no display; GStreamer's RTSP server (in Debian's own python3 with gi) serves the simulated fleet;
# the xcb libraries are what Qt's xcb platform plugin needs; chromium (headless, driven by playwright)
# opens an export's offline verify.html page in the evidence tests; tesseract reads what the sign-in
# dialog says off an X-server screenshot in the lockout test. The simulated recorder and the replay ingest use
# GstVideo/GstApp/GstRtsp from gir1.2-gst-plugins-base-1.0 and openh264enc/rtponviftimestamp/mpegtsmux (-bad).
APT_PACKAGES := gcc libc6-dev libvlc5 libvlc-bin vlc-plugin-base vlc-plugin-video-output ffmpeg xvfb x11-utils xdotool tesseract-ocr mosquitto \
	gir1.2-gst-rtsp-server-1.0 gir1.2-gstreamer-1.0 gir1.2-gst-plugins-base-1.0 gstreamer1.0-plugins-base gstreamer1.0-plugins-good \
	gstreamer1.0-plugins-bad python3-gi python3-venv \
	libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
	libxcb-xinerama0 libxcb-randr0 libxcb-shape0 libxcb-xkb1 libgl1 libegl1 libfontconfig1 libdbus-1-3 \
	libglib2.0-0 fonts-dejavu-core poppler-utils util-linux mount chromium
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
PYTEST_ARGS ?=

.PHONY: help setup system-deps venv demo demo-wall test test-harness test-unit lint bench soak torture clean fleet-clips

help:
	@echo "make demo   - install what is missing, start the simulated fleet and open the wall"
	@echo "make test   - install what is missing and run the whole test suite"
	@echo "make test-harness - the bench and torture harnesses in their short forms (outside make test)"
	@echo "make lint   - ruff, mypy and the import-layer contracts"
	@echo "make torture - processes killed at random beside the console; the database must stay intact"
	@echo "make installer      - Linux bundle, .tar.gz and .deb in installer/dist (make installer-test: smoke test)"

setup: system-deps venv videowall/media/_vmem.so

# The picture ring's libVLC callbacks in C (media/vmem.c: no GIL per picture); without it the app
# falls back to the same logic in Python.
videowall/media/_vmem.so: videowall/media/vmem.c
	cc -O2 -Wall -Wextra -shared -fPIC -o $@ $< -lpthread

system-deps:
	@missing=""; for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "apt: installing$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

venv: $(STAMP)

$(STAMP): pyproject.toml
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -e ".[dev]"
	@touch $(STAMP)

demo: setup
	$(VENV)/bin/videowall demo $(DEMO_ARGS)

# The demo with a wall that spans PCs (issue 21): Mosquitto, two wall agents on extra virtual monitors (one
# Xvfb each), the demo console's wall map driving them. DEMO_ARGS="--quit-after 60 --shots DIR" for PNGs.
demo-wall: setup
	$(PY) -m videowall.demo_wall $(DEMO_ARGS)

# Two pytest runs side by side: most integration tests one after another (one fleet, one display, the
# cores for their video), and beside them the unit tests, tests/cli (command-line runs needing no fleet)
# and tests/side (windows, emulators, a browser, but no fleet), then the integration files in LANE2 with
# a fleet of their own (ports and displays are picked free, so the two fleets do not meet). The split keeps
# both lanes near 14 minutes on two cores; their output follows. Exit 5 = none selected.
LANE2 = tests/integration/test_privacy.py tests/integration/test_main_stream_evidence.py \
	tests/integration/test_export_progress.py tests/integration/test_evidence_window.py \
	tests/integration/test_feeder_restart.py
test: setup fleet-clips
	@( $(PY) -m pytest -m "not integration" -p no:cacheprovider --basetemp=/tmp/videowall-unit-tests \
		$(PYTEST_ARGS); u=$$?; [ $$u -eq 5 ] && u=0; \
	  $(PY) -m pytest -m integration -p no:cacheprovider --basetemp=/tmp/videowall-lane2-tests \
		$(PYTEST_ARGS) $(LANE2); i=$$?; [ $$i -eq 5 ] && i=0; exit $$(( u || i )) ) > .unit-tests.log 2>&1 & unit=$$!; \
	$(PY) -m pytest -m "integration and not harness" $(addprefix --ignore=,$(LANE2)) $(PYTEST_ARGS); integ=$$?; \
	wait $$unit; units=$$?; echo "=== unit tests, then $(words $(LANE2)) integration files (run beside) ==="; \
	cat .unit-tests.log; [ $$integ -eq 5 ] && integ=0; \
	echo "integration tests: exit $$integ; unit tests and the second lane: exit $$units"; exit $$(( integ || units ))

# The bench and torture harnesses in their short forms (4 tiles, seconds-long windows; 4 kills), so that
# `make bench` and `make torture` cannot rot; kept out of `make test` for its 20-minute limit.
test-harness: setup fleet-clips
	$(PY) -m pytest -m harness tests/integration $(PYTEST_ARGS)

# The simulated fleet's clips are generated once and cached (about two minutes on two cores); done
# here, outside any test's time limit.
fleet-clips: setup
	$(VENV)/bin/videowall sim --list-only > /dev/null

test-unit: setup
	$(PY) -m pytest -m "not integration" $(PYTEST_ARGS)

# Benchmarks and soak (not part of `make test`): results in bench/results/<date>.{json,md,png}.
# vlc-bin gives cvlc, the peer the wall is compared with; gridplayer gets a venv of its own (bench/gridplayer.py);
# linux-perf (with py-spy from the dev extra) splits the wall's CPU by kind of work (bench/profile.py).
SOAK_MINUTES ?= 30
BENCH_ARGS ?=
bench: setup
	@for p in vlc-bin linux-perf; do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$p; done
	$(PY) -m bench.run $(BENCH_ARGS)

soak: setup
	$(PY) -m bench.soak --minutes $(SOAK_MINUTES)

# Many processes on one database, a random one SIGKILLed each round (issue 13; minutes, not part of
# `make test`, which runs a 4-round form): figures in bench/results/torture-<date>.{json,md}.
TORTURE_ROUNDS ?= 200
torture: setup fleet-clips
	$(PY) -m bench.torture --rounds $(TORTURE_ROUNDS)

lint: setup
	$(VENV)/bin/ruff check videowall tests
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info videowall/media/_vmem.so

# UI translations: refresh the .ts sources from every tr() in videowall/ (keeping what is translated),
# then compile the .qm files the app loads. Both are committed, so a fresh checkout needs neither.
TS_FILES := resources/translations/videowall_id.ts resources/translations/videowall_en.ts
.PHONY: translations
translations: setup
	$(VENV)/bin/pyside6-lupdate -locations none -no-obsolete -target-language id_ID \
		$$(find videowall -name '*.py' | sort) -ts resources/translations/videowall_id.ts
	$(VENV)/bin/pyside6-lupdate -locations none -no-obsolete -target-language en_GB \
		$$(find videowall -name '*.py' | sort) -ts resources/translations/videowall_en.ts
	$(PY) -m videowall.i18n_tools $(TS_FILES)
	$(VENV)/bin/pyside6-lrelease $(TS_FILES)

# Installer: the Linux bundle (PyInstaller onedir with libVLC, its plugins and ffmpeg), a .tar.gz and a
# .deb in installer/dist/. installer-test runs the frozen app headless against the simulated fleet
# (minutes; not part of `make test`). See installer/README.md; Windows: installer/windows/README.md.
INSTALLER_APT := libvlc-bin binutils
.PHONY: installer installer-test installer-debian-test
installer: setup
	@for p in $(INSTALLER_APT); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" \
		|| { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
		--no-install-recommends $(INSTALLER_APT); break; }; done
	@$(PY) -c "import PyInstaller" 2>/dev/null || $(PY) -m pip install -q --disable-pip-version-check "pyinstaller>=6.10"
	$(PY) installer/linux/build.py

installer-test: setup
	@[ -x installer/dist/videowall/videowall ] || $(MAKE) installer
	$(PY) installer/linux/smoke_test.py $(SMOKE_ARGS)

# The .deb installed with apt into a fresh minimal Debian 12 (debootstrap, chroot; needs root and a
# Debian mirror): dependencies resolve, selftest and a 2x2 wall pass there, purge cleans up.
installer-debian-test: setup
	@command -v debootstrap >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		$(SUDO) apt-get install -y -qq --no-install-recommends debootstrap; }
	@ls installer/dist/videowall_*_amd64.deb >/dev/null 2>&1 || $(MAKE) installer
	$(SUDO) $(PY) installer/linux/fresh_debian_test.py
