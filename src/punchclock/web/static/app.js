// Punchclock web app: the running clock, the start/stop shortcut, billable defaults.
// No framework; htmx does the partial updates. Loaded with `defer`, never inline (CSP).
"use strict";

(function () {
  function hms(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    return h + ":" + String(m).padStart(2, "0") + ":" + String(s).padStart(2, "0");
  }

  // Elapsed time counts from what the server measured when it rendered the element, so a
  // browser whose clock is wrong still shows the right duration. The server rounds down to
  // whole seconds: half a second is added back, the average of what it dropped.
  const loadedAt = performance.now();
  function tick() {
    const since = (performance.now() - loadedAt) / 1000;
    document.querySelectorAll("[data-elapsed]").forEach(function (el) {
      if (!el.dataset.base) {
        el.dataset.base = String(Number(el.dataset.elapsed) + 0.5 - since);
      }
      const text = hms(Number(el.dataset.base) + since);
      if (el.textContent !== text) {
        el.textContent = text;
      }
    });
  }
  tick();
  setInterval(tick, 250);

  // "s" starts or stops the timer (Toggl's shortcut), unless the user is typing somewhere.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "s" || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    const target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    const toggle = document.querySelector("[data-timer-toggle]");
    if (toggle) {
      event.preventDefault();
      toggle.click();
    }
  });

  // The project picker shows the chosen project's colour beside it (the options list the
  // client names; a native select also jumps to a project as its name is typed).
  function paintSwatches() {
    document.querySelectorAll("[data-swatch-for]").forEach(function (swatch) {
      const select = document.getElementById(swatch.dataset.swatchFor);
      const option = select && select.selectedOptions[0];
      const circle = swatch.querySelector("circle");
      if (circle) {
        circle.setAttribute("fill", (option && option.dataset.color) || "transparent");
      }
    });
  }
  document.addEventListener("change", paintSwatches);
  document.addEventListener("htmx:afterSettle", paintSwatches);
  paintSwatches();

  // Choosing a billable project ticks "Billable", as the API does for new entries.
  document.addEventListener("change", function (event) {
    const select = event.target;
    if (!select || !select.matches || !select.matches("[data-billable-source]")) {
      return;
    }
    const box = select.form && select.form.querySelector("[data-billable-target]");
    const option = select.selectedOptions[0];
    if (box && option) {
      box.checked = option.dataset.billable === "true";
    }
  });

  // The bulk bar shows once entries are selected, with how many.
  function updateBulk() {
    const bar = document.getElementById("bulk");
    if (!bar) {
      return;
    }
    const count = document.querySelectorAll("input.select[form='bulk']:checked").length;
    bar.hidden = count === 0;
    const label = bar.querySelector("[data-bulk-count]");
    if (label) {
      label.textContent = count === 1 ? "1 entry selected:" : count + " entries selected:";
    }
  }
  document.addEventListener("change", function (event) {
    if (event.target && event.target.matches && event.target.matches("input.select")) {
      updateBulk();
    }
  });
  document.addEventListener("htmx:afterSettle", updateBulk);
  updateBulk();

  // Live updates (pages/live.py): when the entries change elsewhere (a CLI, another tab), the
  // timer and the list are fetched again, unless the user is in the middle of typing or editing.
  const live = document.getElementById("live");
  if (live && window.EventSource && window.htmx) {
    let seen = live.dataset.liveAt || "0";
    let pending = false;

    function busy() {
      if (document.querySelector("#live li.entry.editing, #live details[open]")) {
        return true;
      }
      const active = document.activeElement;
      return Boolean(active && active.closest && active.closest("#live form") &&
        /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName) && active.value);
    }

    function refresh() {
      if (busy()) {
        pending = true;
        return;
      }
      pending = false;
      window.htmx.ajax("GET", "/", { target: "#live", select: "#live", swap: "outerHTML" });
    }

    setInterval(function () {
      if (pending) {
        refresh();
      }
    }, 3000);

    function connect() {
      const source = new EventSource("/live?since=" + encodeURIComponent(seen));
      source.addEventListener("entries", function (event) {
        seen = event.data;
        refresh();
      });
      let done = false;
      function again() {
        if (done) {
          return;
        }
        done = true;
        source.close();
        setTimeout(connect, 1000);
      }
      source.addEventListener("reconnect", again);
      source.onerror = again;
    }
    connect();
  }
})();
