// aligner HTML report: links quotes to their markers and renderings, flags to
// their evidence, and filters flags by severity.  No network, no libraries.
(function () {
  "use strict";
  var transcript = document.getElementById("transcript");
  var flagList = document.getElementById("flag-list");

  function ids(element, attribute) {
    var value = element && element.getAttribute(attribute);
    return value ? value.split(/\s+/) : [];
  }

  function all(selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  }

  function piecesOf(attribute, id) {
    return all('[' + attribute + '~="' + CSS.escape(id) + '"]');
  }

  function clearClass(name) {
    all("." + name).forEach(function (element) { element.classList.remove(name); });
  }

  // Quotes: hovering lights a quote's marker, quote, renderings and speaker
  // mentions; a click pins that until the next click or Escape.
  function lightQuotes(quoteIds, className) {
    clearClass(className);
    quoteIds.forEach(function (id) {
      piecesOf("data-quote", id).forEach(function (element) { element.classList.add(className); });
    });
  }

  function quoteTarget(event) {
    var element = event.target.closest && event.target.closest("[data-quote]");
    return element && !element.closest(".flag") ? element : null;
  }

  document.addEventListener("mouseover", function (event) {
    var element = quoteTarget(event);
    lightQuotes(element ? ids(element, "data-quote") : [], "lit");
  });

  document.addEventListener("click", function (event) {
    var pick = event.target.closest && event.target.closest(".triage-item");
    if (pick) {
      event.preventDefault();
      selectFlag(pick.getAttribute("data-flag"), true);
      var listed = document.getElementById("flag-" + pick.getAttribute("data-flag"));
      if (listed) { listed.scrollIntoView({block: "nearest"}); }
      return;
    }
    var flag = event.target.closest && event.target.closest(".flag");
    if (flag) {
      if (!event.target.closest("a")) { event.preventDefault(); }
      selectFlag(flag.getAttribute("data-flag"), true);
      return;
    }
    var element = quoteTarget(event);
    if (!element) { return; }
    var quoteIds = ids(element, "data-quote");
    lightQuotes(quoteIds, "pinned");
    document.body.setAttribute("data-pinned", quoteIds.join(" "));
    if (element.classList.contains("quote-card") || element.classList.contains("qref")) {
      var marker = document.getElementById("marker-" + quoteIds[0]);
      if (marker) { marker.scrollIntoView({block: "center"}); }
    }
  });

  // Flags: selecting one highlights every piece of its evidence, on the quote
  // side and the narration side, and scrolls the first into view.
  function selectFlag(id, scroll) {
    clearClass("flagged");
    clearClass("current");
    var item = document.getElementById("flag-" + id);
    if (!item) { return; }
    item.classList.add("current");
    var pieces = piecesOf("data-flags", id);
    pieces.forEach(function (element) { element.classList.add("flagged"); });
    lightQuotes(ids(item, "data-quote"), "pinned");
    document.body.setAttribute("data-selected-flag", id);
    if (scroll && pieces.length) { pieces[0].scrollIntoView({block: "center"}); }
    if (history.replaceState) { history.replaceState(null, "", "#flag-" + id); }
  }

  if (flagList) {
    flagList.addEventListener("keydown", function (event) {
      var flag = event.target.closest(".flag");
      if (flag && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        selectFlag(flag.getAttribute("data-flag"), true);
      }
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      clearClass("pinned");
      clearClass("flagged");
      clearClass("current");
      document.body.removeAttribute("data-pinned");
      document.body.removeAttribute("data-selected-flag");
    }
  });

  // Severity filters: hidden severities leave the list and lose their
  // evidence marks in the transcript.
  function applyFilters() {
    var shown = {};
    all('input[name="severity"]').forEach(function (box) {
      shown[box.value] = box.checked;
      document.body.classList.toggle("hide-" + box.value, !box.checked);
    });
    all(".flag").forEach(function (item) {
      item.hidden = !shown[item.getAttribute("data-severity")];
    });
    var severityOf = {};
    all(".flag").forEach(function (item) {
      severityOf[item.getAttribute("data-flag")] = item.getAttribute("data-severity");
    });
    all("#transcript [data-flags]").forEach(function (piece) {
      var visible = ids(piece, "data-flags").some(function (id) { return shown[severityOf[id]]; });
      piece.classList.toggle("evidence-shown", visible);
    });
  }

  all('input[name="severity"]').forEach(function (box) {
    box.addEventListener("change", applyFilters);
  });
  applyFilters();

  // Review: j/k walk the shown flags, a/w/f record a decision on the current
  // one, u undoes it; the decisions (the review file's earlier ones and the
  // page's) are always ready to download as that same file.
  var review = {schema: "aligner.review/1", decisions: []};
  var dataBlock = document.getElementById("review-data");
  try { if (dataBlock) { review = JSON.parse(dataBlock.textContent); } } catch (error) { /* keep empty */ }
  var decisions = {};
  (review.decisions || []).forEach(function (entry) { decisions[entry.fingerprint] = entry; });
  var LABEL = {accepted: "accepted", wrong: "wrong", fixed: "fixed"};

  function shownFlags() {
    return all(".flag").filter(function (item) { return !item.hidden; });
  }

  function currentFlag() {
    return document.querySelector(".flag.current");
  }

  function step(delta) {
    var items = shownFlags();
    if (!items.length) { return; }
    var index = items.indexOf(currentFlag());
    index = index < 0 ? (delta > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, index + delta));
    var item = items[index];
    selectFlag(item.getAttribute("data-flag"), true);
    item.scrollIntoView({block: "nearest"});
    item.focus({preventScroll: true});
  }

  function showDecision(item) {
    var entry = decisions[item.getAttribute("data-fingerprint")];
    var decision = entry ? entry.decision : "";
    if (decision) { item.setAttribute("data-decision", decision); } else { item.removeAttribute("data-decision"); }
    var badge = item.querySelector(".decision");
    if (badge) { badge.textContent = decision ? LABEL[decision] || decision : ""; }
  }

  function exportReview() {
    var entries = Object.keys(decisions).sort().map(function (fp) { return decisions[fp]; });
    var text = JSON.stringify({schema: "aligner.review/1", decisions: entries}, null, 2) + "\n";
    var link = document.getElementById("review-download");
    if (link) { link.setAttribute("href", "data:application/json;charset=utf-8," + encodeURIComponent(text)); }
    var count = document.getElementById("review-count");
    if (count) { count.textContent = String(entries.length); }
    return text;
  }

  function decide(decision) {
    var item = currentFlag();
    if (!item) { return; }
    var fp = item.getAttribute("data-fingerprint");
    if (!decision) {
      delete decisions[fp];
    } else {
      var evidence = [];
      try { evidence = JSON.parse(item.getAttribute("data-evidence") || "[]"); } catch (error) { evidence = []; }
      var message = item.querySelector(".message");
      decisions[fp] = {fingerprint: fp, decision: decision, kind: item.getAttribute("data-kind"),
                       message: message ? message.textContent.replace(/\s+/g, " ").trim() : "",
                       quote: item.getAttribute("data-quote-words") || "", evidence: evidence,
                       transcript: item.getAttribute("data-transcript") || ""};
    }
    showDecision(item);
    exportReview();
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var tag = event.target && event.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") { return; }
    var keys = {j: function () { step(1); }, k: function () { step(-1); },
                a: function () { decide("accepted"); }, w: function () { decide("wrong"); },
                f: function () { decide("fixed"); }, u: function () { decide(null); }};
    if (keys[event.key]) { event.preventDefault(); keys[event.key](); }
  });

  all(".flag").forEach(showDecision);
  exportReview();

  var match = /^#flag-(.+)$/.exec(location.hash);
  if (match) { selectFlag(decodeURIComponent(match[1]), true); }
  if (transcript) { document.body.classList.add("ready"); }
})();
