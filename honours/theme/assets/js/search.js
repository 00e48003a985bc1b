/* Site search. Served over http it asks Pagefind (pagefind/, merging the bundles of the other shards
   of a large site); opened from a folder (file://), where Pagefind cannot fetch its index, it
   searches the script indexes (search/index.js, search/index-N.js), which the build writes as plain
   scripts. Both give results in one shape: {url, title, kind, excerpt: [[text, marked], ...]}. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-search]");
  if (!form) return;
  var words = form.dataset;
  var status = document.querySelector(".search-status");
  var list = document.querySelector(".search-results");
  var more = document.querySelector(".search-more");
  var PAGE = 20;
  var RERANKED = 60;  // how many of Pagefind's results are read at once to put title matches first
  var enginePromise = null;
  var current = null;

  // Fold full-width letters, digits and the ideographic space to their ASCII forms, and case:
  // one character for one, so a match's place in the folded text is its place in the original.
  function fold(text) {
    return text.replace(/[\uFF01-\uFF5E]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xFEE0);
    }).replace(/\u3000/g, " ").toLowerCase();
  }

  function terms(query) {
    return fold(query).split(/\s+/).filter(Boolean);
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(script);
    });
  }

  function paths(list) {
    return (list || "").split(" ").filter(Boolean).map(function (path) { return new URL(path, document.baseURI).href; });
  }

  // Each shard's script adds {shard, kinds, campaigns, pages} to honoursSearchShards, in whatever
  // order they load; search/order.js names the shard of each page in turn, so the pages are put
  // back in the site's order: [path, title, kind, years, campaigns, text], kind and campaigns by name.
  function loadFallback() {
    var scripts = paths(words.fallback).concat(words.order ? paths(words.order) : []);
    return Promise.all(scripts.map(loadScript)).then(function () {
      var shards = {}, DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
      (window.honoursSearchShards || []).forEach(function (shard) {
        shard.next = 0;
        shards[shard.shard] = shard;
      });
      var order = words.order ? window.honoursSearchOrder : new Array(shards[0].pages.length + 1).join("0");
      var pages = [];
      for (var i = 0; i < order.length; i++) {
        var shard = shards[DIGITS.indexOf(order.charAt(i))], page = shard.pages[shard.next++];
        pages.push([page[0], page[1], shard.kinds[page[2]], page[3],
                    page[4].map(function (c) { return shard.campaigns[c]; }), page[5]]);
      }
      return { pages: pages };
    });
  }

  function fallbackEngine(index) {
    var folded = index.pages.map(function (page) {
      return { title: fold(page[1]), text: fold(page[5]) };
    });
    return {
      offline: true,
      search: function (query, filters) {
        var wanted = terms(query);
        var found = [];
        index.pages.forEach(function (page, i) {
          if (filters.kind && page[2] !== filters.kind) return;
          if (filters.year && page[3].indexOf(filters.year) < 0) return;
          if (filters.campaign && page[4].indexOf(filters.campaign) < 0) return;
          for (var t = 0; t < wanted.length; t++) {
            if (folded[i].title.indexOf(wanted[t]) < 0 && folded[i].text.indexOf(wanted[t]) < 0) return;
          }
          found.push({ score: titleScore(page[1], wanted), order: i });
        });
        found.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
        return Promise.resolve({
          total: found.length,
          slice: function (from, to) {
            return Promise.resolve(found.slice(from, to).map(function (hit) {
              var page = index.pages[hit.order];
              return { url: page[0], title: page[1], kind: page[2],
                       excerpt: excerpt(page[5], folded[hit.order].text, wanted) };
            }));
          }
        });
      }
    };
  }

  // Up to about 80 characters of the text around the first term found, every term marked.
  function excerpt(text, foldedText, wanted) {
    var at = -1;
    for (var t = 0; t < wanted.length && at < 0; t++) at = foldedText.indexOf(wanted[t]);
    var start = Math.max(0, at - 20), end = Math.min(text.length, start + 80);
    var parts = [], i = start;
    while (i < end) {
      var next = end, length = 0;
      wanted.forEach(function (term) {
        var found = foldedText.indexOf(term, i);
        if (found >= 0 && found < next) { next = found; length = term.length; }
      });
      if (next > i) parts.push([text.slice(i, Math.min(next, end)).replace(/\n/g, " "), false]);
      if (next < end) parts.push([text.slice(next, next + length), true]);
      i = next + length;
      if (length === 0) break;
    }
    if (start > 0) parts.unshift(["…", false]);
    if (end < text.length) parts.push(["…", false]);
    return parts;
  }

  // Pagefind segments Chinese one way when it indexes and the browser another way when it searches,
  // so the build indexes every Chinese character as a word (honours/search/pagefind.py) and each
  // term is asked for here as a phrase of characters: any run of characters is found, as offline.
  var HAN = "[\\u3400-\\u9fff\\uf900-\\ufaff]";
  function spaced(term) {
    return term.replace(new RegExp(HAN, "g"), " $& ").trim().replace(/\s+/g, " ");
  }

  function pagefindEngine(pagefind) {
    var options = { baseUrl: "/", excerptLength: 40 };
    return pagefind.options(options).then(function () { return pagefind.init(); }).then(function () {
      // The other shards' bundles, searched with the first as one index.
      return Promise.all(paths(words.bundles).map(function (bundle) { return pagefind.mergeIndex(bundle, options); }));
    }).then(function () {
      return {
        offline: false,
        search: function (query, filters) {
          var chosen = {};
          Object.keys(filters).forEach(function (name) { if (filters[name]) chosen[name] = filters[name]; });
          var wanted = terms(query);
          // One search ranks the pages holding every character; one phrase search per term keeps
          // only the pages where each term appears whole.
          var queries = [wanted.length ? wanted.map(spaced).join(" ") : null].concat(wanted.map(function (term) {
            return '"' + spaced(term) + '"';
          }));
          // Asked one after another: Pagefind answers one search at a time.
          var answers = [];
          var asked = queries.reduce(function (previous, text) {
            return previous.then(function () {
              return pagefind.search(text, { filters: chosen }).then(function (answer) { answers.push(answer); });
            });
          }, Promise.resolve());
          return asked.then(function () {
            var whole = answers.slice(1).map(function (answer) {
              return new Set(((answer && answer.results) || []).map(function (result) { return result.id; }));
            });
            var results = ((answers[0] && answers[0].results) || []).filter(function (result) {
              return whole.every(function (ids) { return ids.has(result.id); });
            });
            var read = function (result) {
              return result.data().then(function (data) {
                return { url: data.url.replace(/^\//, ""), title: data.meta.title, kind: data.meta.kind,
                         excerpt: marked(data.excerpt) };
              });
            };
            // Pagefind ranks by how often the characters occur; a reader looking for a name or a
            // title wants the page of that name first, so the leading results are ranked again.
            return Promise.all(results.slice(0, RERANKED).map(read)).then(function (leading) {
              leading = leading.map(function (hit, i) { return { hit: hit, order: i, score: titleScore(hit.title, wanted) }; })
                .sort(function (a, b) { return b.score - a.score || a.order - b.order; })
                .map(function (ranked) { return ranked.hit; });
              return {
                total: results.length,
                slice: function (from, to) {
                  var known = leading.slice(from, to);
                  var more = results.slice(Math.max(from, leading.length), to);
                  return Promise.all(more.map(read)).then(function (rest) { return known.concat(rest); });
                }
              };
            });
          });
        }
      };
    });
  }

  // How well a page's title answers the terms: the exact title first, then titles holding them all.
  function titleScore(title, wanted) {
    var folded = fold(title);
    if (folded === wanted.join(" ")) return 100;
    return wanted.reduce(function (score, term) { return score + (folded.indexOf(term) >= 0 ? 10 : 0); }, 0);
  }

  // Pagefind's excerpt is HTML holding only <mark> and escaped < and >: turned into text, never
  // parsed; the spaces the index put around each Chinese character are taken out again.
  function marked(html) {
    html = html.replace(new RegExp("(" + HAN + "|[\\u3000-\\u303f\\uff00-\\uffef])((?:</?mark>)*) ", "g"), "$1$2")
               .replace(new RegExp(" ((?:</?mark>)*(?:" + HAN + "|[\\u3000-\\u303f\\uff00-\\uffef]))", "g"), "$1");
    return html.split(/(<mark>|<\/mark>)/).reduce(function (parts, piece) {
      if (piece === "<mark>") parts.inMark = true;
      else if (piece === "</mark>") parts.inMark = false;
      else if (piece) {
        var text = piece.replace(/&lt;/g, "<").replace(/&gt;/g, ">"), last = parts[parts.length - 1];
        if (last && last[1] === parts.inMark) last[0] += text;  // one <mark> for a run of characters
        else parts.push([text, parts.inMark]);
      }
      return parts;
    }, Object.assign([], { inMark: false }));
  }

  function engine() {
    if (!enginePromise) {
      var served = location.protocol !== "file:" && words.pagefind;
      var fallback = function () {
        return loadFallback().then(fallbackEngine);
      };
      enginePromise = served
        ? import(new URL(words.pagefind, document.baseURI).href).then(pagefindEngine, fallback)
        : fallback();
    }
    return enginePromise;
  }

  function filters() {
    return { year: form.elements.year.value, campaign: form.elements.campaign.value, kind: form.elements.kind.value };
  }

  function show(results) {
    results.forEach(function (result) {
      var item = document.createElement("li");
      item.className = "search-result";
      var link = document.createElement("a");
      link.href = result.url;
      var kind = document.createElement("span");
      kind.className = "search-result__kind";
      kind.textContent = result.kind;
      var title = document.createElement("span");
      title.className = "search-result__title";
      title.textContent = result.title;
      link.append(kind, title);
      var text = document.createElement("p");
      text.className = "search-result__excerpt";
      result.excerpt.forEach(function (part) {
        var node = part[1] ? document.createElement("mark") : document.createTextNode(part[0]);
        if (part[1]) node.textContent = part[0];
        text.appendChild(node);
      });
      item.append(link, text);
      list.appendChild(item);
    });
  }

  function run() {
    var query = form.elements.q.value, chosen = filters();
    var ask = { query: query, filters: chosen };
    current = ask;
    list.textContent = "";
    more.hidden = true;
    if (!query.trim() && !chosen.year && !chosen.campaign && !chosen.kind) {
      status.textContent = "";
      return Promise.resolve();
    }
    status.textContent = words.loading;
    return engine().then(function (search) {
      return search.search(query, chosen).then(function (answer) {
        if (current !== ask) return;
        var shown = 0;
        var next = function () {
          return answer.slice(shown, shown + PAGE).then(function (results) {
            if (current !== ask) return;
            show(results);
            shown += results.length;
            more.hidden = shown >= answer.total;
          });
        };
        more.onclick = next;
        var offline = search.offline ? words.offline + " " : "";
        status.textContent = answer.total
          ? offline + words.count.replace("{count}", answer.total)
          : offline + words.none.replace("{query}", query.trim());
        return next();
      });
    });
  }

  function remember() {
    var params = new URLSearchParams();
    ["q", "year", "campaign", "kind"].forEach(function (name) {
      if (form.elements[name].value) params.set(name, form.elements[name].value);
    });
    try {
      history.replaceState(null, "", "?" + params.toString());
    } catch (e) { /* some browsers refuse this for file:// pages; the search still runs */ }
  }

  var params = new URLSearchParams(location.search);
  ["q", "year", "campaign", "kind"].forEach(function (name) {
    if (params.get(name)) form.elements[name].value = params.get(name);
  });
  var typing = null;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(typing);
    remember();
    run();
  });
  Array.prototype.forEach.call(form.querySelectorAll("select"), function (select) {
    select.addEventListener("change", function () { remember(); run(); });
  });
  form.elements.q.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(run, 250);
  });
  run();
})();
