// Microtache: what the pages do better with JavaScript. Every page works without it.
"use strict";

document.documentElement.classList.add("js");

// -- the search bar's suggestions: an ARIA combobox -----------------------------------------
(function () {
  const input = document.getElementById("q");
  const list = document.getElementById("q-suggestions");
  if (!input || !list) return;
  const lang = input.dataset.lang || "fr";
  const DEBOUNCE_MS = 150;
  let timer = null;
  let asked = "";
  let options = [];
  let active = -1;
  let controller = null;

  function close() {
    list.hidden = true;
    list.replaceChildren();
    options = [];
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function fold(chars) {
    // One character for one: "é" compares as "e", and positions stay those of the term.
    return chars.map(function (c) { return c.normalize("NFD")[0].toLowerCase(); }).join("");
  }

  function marked(term, typed) {
    // The typed part, marked (accents aside): built from text nodes, never from HTML.
    const span = document.createElement("span");
    const chars = Array.from(term);
    const wanted = Array.from(typed);
    const at = typed ? fold(chars).indexOf(fold(wanted)) : -1;
    if (at < 0) {
      span.textContent = term;
      return span;
    }
    const mark = document.createElement("mark");
    mark.textContent = chars.slice(at, at + wanted.length).join("");
    span.append(chars.slice(0, at).join(""), mark, chars.slice(at + wanted.length).join(""));
    return span;
  }

  function show(typed, body) {
    const suggestions = body.suggestions || [];
    const about = body.understood;
    list.replaceChildren();
    // What the words are understood to be about comes first: their results there.
    if (about && about.category) {
      suggestions.unshift({ term: body.q || typed, category: about.category, subcategory: about.subcategory, about: about.label });
    }
    options = suggestions;
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (!suggestions.length) {
      close();
      return;
    }
    suggestions.forEach(function (s, i) {
      const li = document.createElement("li");
      li.id = "q-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      const where = document.createElement("span");
      where.className = "where";
      if (s.about) {
        li.className = "understood";
        where.textContent = " — " + s.about;
      } else {
        where.textContent = " · " + s.category.label + " › " + s.subcategory.label;
      }
      li.append(marked(s.term, typed), where);
      li.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep the focus in the input
        choose(i);
      });
      list.append(li);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function highlight(i) {
    const items = list.querySelectorAll("[role=option]");
    items.forEach(function (li, j) {
      li.setAttribute("aria-selected", j === i ? "true" : "false");
    });
    active = i;
    if (i >= 0) {
      input.setAttribute("aria-activedescendant", items[i].id);
      items[i].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function choose(i) {
    const s = options[i];
    if (!s) return;
    // The results of that term in that subcategory (or category).
    const params = new URLSearchParams({ q: s.term });
    if (lang === "en") params.set("lang", "en");
    window.location.assign(
      "/categories/" + encodeURIComponent(s.category.slug) +
      (s.subcategory ? "/" + encodeURIComponent(s.subcategory.slug) : "") + "?" + params.toString()
    );
  }

  async function ask(typed) {
    asked = typed;
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const params = new URLSearchParams({ q: typed, lang: lang });
      const response = await fetch("/autocomplete?" + params.toString(), {
        signal: controller.signal,
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return close();
      const body = await response.json();
      if (typed === asked && input.value.trim() === typed) show(typed, body);
    } catch (error) {
      if (error.name !== "AbortError") close();
    }
  }

  input.addEventListener("input", function () {
    const typed = input.value.trim();
    clearTimeout(timer);
    if (!typed) {
      close();
      return;
    }
    // One request once the buyer pauses, not one per keystroke.
    timer = setTimeout(function () { ask(typed); }, DEBOUNCE_MS);
  });

  input.addEventListener("keydown", function (event) {
    const open = !list.hidden && options.length > 0;
    if (event.key === "ArrowDown") {
      if (!open) return;
      event.preventDefault();
      highlight(active + 1 >= options.length ? 0 : active + 1);
    } else if (event.key === "ArrowUp") {
      if (!open) return;
      event.preventDefault();
      highlight(active <= 0 ? options.length - 1 : active - 1);
    } else if (event.key === "Enter") {
      if (open && active >= 0) {
        event.preventDefault();
        choose(active);
      }
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        close();
      }
    }
  });

  input.addEventListener("blur", function () { setTimeout(close, 100); });
})();

// -- results pages: filters applied in place, the URL kept in the history ---------------------
(function () {
  function region() { return document.getElementById("results-region"); }
  if (!region()) return;
  // « Dans mes horaires » needs the buyer's time zone: the browser's, sent with the filters.
  function fillTimeZone() {
    let zone = "";
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (error) { zone = ""; }
    document.querySelectorAll("input[data-browser-tz]").forEach(function (input) {
      if (!input.value && zone) input.value = zone;
    });
  }
  fillTimeZone();
  // The budget's two handles over the price histogram: shown with JavaScript only; they
  // set the minimum and maximum inputs, which work without it.
  function showBudgetSlider() {
    document.querySelectorAll("[data-budget-slider]").forEach(function (slider) { slider.hidden = false; });
  }
  showBudgetSlider();
  function fromHandles(moved) {
    const low = document.getElementById("f-budget-low");
    const high = document.getElementById("f-budget-high");
    if (Number(low.value) > Number(high.value)) {
      if (moved === low) low.value = high.value; else high.value = low.value;
    }
    // A handle at its end is no bound at all.
    document.getElementById("f-prix-min").value = Number(low.value) <= Number(low.min) ? "" : low.value;
    document.getElementById("f-prix-max").value = Number(high.value) >= Number(high.max) ? "" : high.value;
  }
  let loading = null;

  async function load(url, push, focusId) {
    if (loading) loading.abort();
    loading = new AbortController();
    region().setAttribute("aria-busy", "true");
    try {
      const response = await fetch(url, { signal: loading.signal, headers: { Accept: "text/html" } });
      const html = await response.text();
      const page = new DOMParser().parseFromString(html, "text/html");
      const fresh = page.getElementById("results-region");
      if (!fresh) {
        window.location.assign(url);
        return;
      }
      const drawerOpen = document.getElementById("filtres").classList.contains("drawer-open");
      region().replaceWith(fresh);
      fillTimeZone();
      showBudgetSlider();
      if (drawerOpen) {
        document.getElementById("filtres").classList.add("drawer-open");
        document.querySelector(".filters-toggle").setAttribute("aria-expanded", "true");
      }
      document.title = page.title;
      // The redirect, if any, gave the canonical address.
      const shown = response.url || url;
      if (push) history.pushState({ results: true }, "", shown);
      else history.replaceState({ results: true }, "", shown);
      const focus = focusId && document.getElementById(focusId);
      if (focus) focus.focus();
    } catch (error) {
      if (error.name !== "AbortError") window.location.assign(url);
    }
  }

  function formUrl(form) {
    const params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (String(value).trim() !== "") params.append(key, value);
    });
    const query = params.toString();
    return form.getAttribute("action") + (query ? "?" + query : "");
  }

  document.addEventListener("change", function (event) {
    const target = event.target;
    const form = target.form;
    if (!form || form.id !== "filter-form") return;
    if (target.type === "number") return; // applied on Enter or when leaving the field
    if (target.dataset.budget) fromHandles(target);
    load(formUrl(form), true, target.id ? target.id : null);
  });

  document.addEventListener("focusout", function (event) {
    const target = event.target;
    if (target.type === "number" && target.form && target.form.id === "filter-form" && target.dataset.sent !== target.value) {
      target.dataset.sent = target.value;
      load(formUrl(target.form), true, null);
    }
  });

  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (form.id !== "filter-form") return;
    event.preventDefault();
    load(formUrl(form), true, null);
  });

  document.addEventListener("click", function (event) {
    const link = event.target.closest("a");
    if (!link) return;
    if (link.classList.contains("filters-toggle")) {
      event.preventDefault();
      const drawer = document.getElementById("filtres");
      const open = !drawer.classList.contains("drawer-open");
      drawer.classList.toggle("drawer-open", open);
      link.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) drawer.querySelector("a, input, select, button").focus();
      return;
    }
    if (link.classList.contains("drawer-close")) {
      event.preventDefault();
      document.getElementById("filtres").classList.remove("drawer-open");
      const toggle = document.querySelector(".filters-toggle");
      toggle.setAttribute("aria-expanded", "false");
      toggle.focus();
      return;
    }
    // Chips, "tout effacer", bands, pages: results links load in place.
    if (!region().contains(link) || link.closest(".cards") || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin) return;
    if (!/^\/(recherche|categories\/)/.test(url.pathname)) return;
    event.preventDefault();
    load(url.pathname + url.search, true, null);
  });

  window.addEventListener("popstate", function () {
    load(window.location.pathname + window.location.search, false, null);
  });
  // The first page in the history too, so coming back to it reloads the right results.
  history.replaceState({ results: true }, "", window.location.href);
})();
