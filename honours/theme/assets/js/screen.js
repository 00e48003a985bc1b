// The lobby screen's slideshow (templates/screen.html): deals the cards into slides, scales the stage to the
// screen, advances on its own; ← → / space / F. The address may say ?orientation=, ?seconds=, ?awards=.
(function () {
  "use strict";
  var root = document.documentElement, stage = document.getElementById("stage");
  var params = new URLSearchParams(location.search);
  var orientation = params.get("orientation") || stage.dataset.orientation;
  if (orientation !== "portrait") orientation = "landscape";
  var wide = stage.dataset[orientation].split("x"), size = {width: +wide[0], height: +wide[1]};
  var seconds = parseFloat(params.get("seconds")) || parseFloat(stage.dataset.seconds);
  seconds = Math.max(2, Math.min(600, seconds));
  var groups = Array.prototype.slice.call(stage.querySelectorAll(".group"));
  var asked = (params.get("awards") || "").split(",").map(function (id) { return id.trim(); }).filter(Boolean);
  var known = groups.some(function (group) { return asked.indexOf(group.dataset.award) >= 0; });
  var slides = [stage.querySelector(".slide--title")];
  var pageLabel = stage.dataset.pageLabel;
  groups.forEach(function (group) {
    var wanted = known ? asked.indexOf(group.dataset.award) >= 0 : !group.hidden;
    var cards = Array.prototype.slice.call(group.querySelectorAll(".card"));
    var per = parseInt(group.dataset["per" + orientation[0].toUpperCase() + orientation.slice(1)], 10) || cards.length;
    var pages = Math.ceil(cards.length / per);
    for (var page = 0; wanted && page < pages; page++) {
      var slide = group.cloneNode(false), head = group.querySelector(".group__head").cloneNode(true);
      var list = document.createElement("ul");
      slide.hidden = false;
      list.className = "cards";
      cards.slice(page * per, page * per + per).forEach(function (card) { list.appendChild(card); });
      if (pages > 1) {
        var label = document.createElement("p");
        label.className = "group__page";
        label.textContent = pageLabel.replace("{page}", page + 1).replace("{pages}", pages);
        head.appendChild(label);
      }
      slide.appendChild(head);
      slide.appendChild(list);
      stage.insertBefore(slide, group);
      slides.push(slide);
    }
    group.parentNode.removeChild(group);
  });
  root.classList.remove("no-show");
  root.classList.add("show", "show--" + orientation);
  var cards = stage.dataset[orientation + "Cards"].split(" ");
  ["--person-card", "--unit-card", "--person-photo-w", "--person-photo-h", "--unit-photo-w", "--unit-photo-h"]
    .forEach(function (name, i) { stage.style.setProperty(name, cards[i] + "px"); });
  stage.style.setProperty("--stage-w", size.width + "px");
  stage.style.setProperty("--stage-h", size.height + "px");
  document.getElementById("keys").hidden = false;
  // A heading too long for the stage's width gets smaller, down to 40 px, rather than run off it.
  slides.forEach(function (slide) {
    var title = slide.querySelector(".group__title");
    if (!title) return;
    slide.classList.add("is-current");
    for (var px = 60; px > 40 && title.parentNode.scrollWidth > title.parentNode.clientWidth; px -= 2) {
      title.style.fontSize = px - 2 + "px";
    }
    slide.classList.remove("is-current");
  });
  function fit() {
    var scale = Math.min(window.innerWidth / size.width, window.innerHeight / size.height);
    var left = (window.innerWidth - size.width * scale) / 2, top = (window.innerHeight - size.height * scale) / 2;
    stage.style.transform = "translate(" + left + "px," + top + "px) scale(" + scale + ")";
  }
  var current = 0, timer = null, paused = false;
  function go(index) {
    slides[current].classList.remove("is-current");
    current = (index + slides.length) % slides.length;
    slides[current].classList.add("is-current");
    root.dataset.slide = current;
    if (!paused) schedule();
  }
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(function () { go(current + 1); }, seconds * 1000);
  }
  function pause(on) {
    paused = on;
    root.classList.toggle("is-paused", on);
    if (on) clearTimeout(timer); else schedule();
  }
  document.addEventListener("keydown", function (event) {
    var key = event.key;
    if (key === "ArrowRight" || key === "ArrowDown" || key === "PageDown") go(current + 1);
    else if (key === "ArrowLeft" || key === "ArrowUp" || key === "PageUp") go(current - 1);
    else if (key === " " || key === "Spacebar") pause(!paused);
    else if (key === "f" || key === "F") {
      if (document.fullscreenElement) document.exitFullscreen();
      else if (root.requestFullscreen) root.requestFullscreen().catch(function () {});
    } else return;
    event.preventDefault();
  });
  window.addEventListener("resize", fit);
  fit();
  root.dataset.slides = slides.length;
  go(0);
})();
