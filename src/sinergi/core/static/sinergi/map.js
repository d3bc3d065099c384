/* Sinergi maps: a choropleth of a region's children, driven by the include regions/_map.html.
 *
 * <div data-sinergi-map data-url="/indicators/destana_formed/map.json?region=52&period=2023"
 *      data-sync-url="1" ...>  (see the include for the labels passed as data-attributes)
 *
 * The JSON (a "map payload", sinergi.regions.maps) names the region, its parent, the boundary
 * layer of its children, the legend and one row per child with its class, tooltip and table cells.
 * Clicking a kab/kota (or its name in the table) loads its kecamatan; "back" loads the parent.
 * No inline script or handler: everything is bound here (Content-Security-Policy).
 */
(function () {
  "use strict";
  if (window.SinergiMap) {
    return;
  }
  var counter = 0;
  var SVG = "http://www.w3.org/2000/svg";
  var geoCache = {};

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status + " " + response.statusText);
        }
        return response.json();
      });
  }

  function boundaries(url) {
    if (!geoCache[url]) {
      geoCache[url] = fetchJson(url);
    }
    return geoCache[url];
  }

  function SinergiMap(root) {
    counter += 1;
    this.root = root;
    this.id = counter;
    this.hatch = "sinergi-hatch-" + counter;
    this.canvas = root.querySelector("[data-map-canvas]");
    this.legend = root.querySelector("[data-map-legend]");
    this.table = root.querySelector("[data-map-table]");
    this.title = root.querySelector("[data-map-title]");
    this.back = root.querySelector("[data-map-back]");
    this.status = root.querySelector("[data-map-status]");
    this.own = root.querySelector("[data-map-own]");
    this.note = root.querySelector("[data-map-note]");
    this.labels = root.dataset;
    this.url = new URL(root.dataset.url, window.location.href);
    this.layer = null;
    this.data = null;
    this.map = L.map(this.canvas, {
      zoomSnap: 0.25,
      scrollWheelZoom: false,
      attributionControl: true,
    });
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution(root.dataset.attribution || "");
    this.map.setView([-8.6, 117.5], 7);
    var self = this;
    if (this.back) {
      this.back.addEventListener("click", function () {
        if (self.data && self.data.parent) {
          self.go(self.data.parent.code, true);
        }
      });
    }
    if (root.dataset.syncUrl) {
      window.addEventListener("popstate", function (event) {
        if (event.state && event.state.sinergiMap === self.id) {
          self.go(event.state.region, false);
        }
      });
    }
    var initial = root.dataset.initial && document.getElementById(root.dataset.initial);
    if (initial) {  // the payload embedded in the page (json_script): no second request
      this.show(Promise.resolve(JSON.parse(initial.textContent)));
    } else {
      this.load(this.url.toString());
    }
  }

  SinergiMap.prototype.dataUrl = function (code) {
    var url = new URL(this.url.toString());
    url.searchParams.set("region", code);
    return url.toString();
  };

  SinergiMap.prototype.pageUrl = function (code) {
    var url = new URL(this.root.dataset.pageUrl || window.location.pathname, window.location.href);
    url.search = this.data && this.data.query ? this.data.query : "";
    url.searchParams.set("region", code);
    return url.pathname + url.search;
  };

  SinergiMap.prototype.go = function (code, push) {
    if (this.root.dataset.syncUrl) {
      var state = { sinergiMap: this.id, region: code };
      if (push) {
        window.history.pushState(state, "", this.pageUrl(code));
      }
    }
    this.load(this.dataUrl(code));
  };

  SinergiMap.prototype.say = function (text) {
    if (this.status) {
      this.status.textContent = text || "";
      this.status.hidden = !text;
    }
  };

  SinergiMap.prototype.load = function (url) {
    return this.show(fetchJson(url));
  };

  SinergiMap.prototype.show = function (payload) {
    var self = this;
    this.root.setAttribute("aria-busy", "true");
    this.root.dataset.state = "loading";
    return payload
      .then(function (data) {
        self.data = data;
        self.renderText();
        if (!data.boundaries) {
          self.clearLayer();
          self.canvas.hidden = true;
          self.say(self.labels.noShapes);
          return null;
        }
        self.canvas.hidden = false;
        self.map.invalidateSize();
        return boundaries(data.boundaries).then(function (geo) {
          if (self.data === data) {
            self.draw(geo);
          }
        });
      })
      .then(function () {
        self.root.dataset.state = "ready";
        self.root.dataset.region = self.data.region.code;
        self.root.removeAttribute("aria-busy");
      })
      .catch(function (error) {
        self.root.dataset.state = "error";
        self.root.removeAttribute("aria-busy");
        self.say((self.labels.error || "") + " (" + error.message + ")");
      });
  };

  SinergiMap.prototype.rowsByCode = function () {
    var rows = {};
    this.data.rows.forEach(function (row) {
      rows[row.code] = row;
    });
    return rows;
  };

  SinergiMap.prototype.legendByKey = function () {
    var legend = {};
    this.data.legend.forEach(function (item) {
      legend[item.key] = item;
    });
    return legend;
  };

  SinergiMap.prototype.ensureHatch = function () {
    var svg = this.canvas.querySelector("svg");
    if (!svg || svg.querySelector("#" + this.hatch)) {
      return;
    }
    var defs = document.createElementNS(SVG, "defs");
    var pattern = document.createElementNS(SVG, "pattern");
    pattern.setAttribute("id", this.hatch);
    pattern.setAttribute("patternUnits", "userSpaceOnUse");
    pattern.setAttribute("width", "8");
    pattern.setAttribute("height", "8");
    pattern.setAttribute("patternTransform", "rotate(45)");
    var rect = document.createElementNS(SVG, "rect");
    rect.setAttribute("width", "8");
    rect.setAttribute("height", "8");
    rect.setAttribute("fill", "#e9ecef");
    var line = document.createElementNS(SVG, "line");
    line.setAttribute("x1", "0");
    line.setAttribute("y1", "0");
    line.setAttribute("x2", "0");
    line.setAttribute("y2", "8");
    line.setAttribute("stroke", "#868e96");
    line.setAttribute("stroke-width", "3");
    pattern.appendChild(rect);
    pattern.appendChild(line);
    defs.appendChild(pattern);
    svg.insertBefore(defs, svg.firstChild);
  };

  SinergiMap.prototype.fill = function (row, legend) {
    var key = row ? row.cls : "hidden";
    var item = legend[key];
    if (item && item.pattern) {
      return "url(#" + this.hatch + ")";
    }
    return item ? item.colour : "#adb5bd";
  };

  SinergiMap.prototype.clearLayer = function () {
    if (this.layer) {
      this.map.removeLayer(this.layer);
      this.layer = null;
    }
  };

  SinergiMap.prototype.tooltip = function (row, name) {
    var box = make("div", "sinergi-map-tip");
    var lines = row ? row.tooltip : [name, this.labels.hidden];
    lines.forEach(function (line, index) {
      box.appendChild(make("div", index === 0 ? "fw-semibold" : "", line));
    });
    if (row && row.drill) {
      box.appendChild(make("div", "text-muted small", this.labels.drill));
    }
    return box;
  };

  SinergiMap.prototype.draw = function (geo) {
    var self = this;
    var rows = this.rowsByCode();
    var legend = this.legendByKey();
    var outline = {};
    (this.data.outline || []).forEach(function (code) {
      outline[code] = true;
    });
    this.clearLayer();
    this.layer = L.geoJSON(geo, {
      style: function (feature) {
        var code = feature.properties.code;
        var row = rows[code];
        var outlined = outline[code];
        return {
          fillColor: self.fill(row, legend),
          fillOpacity: 0.9,
          color: outlined ? "#212529" : "#6c757d",
          weight: outlined ? 3.5 : 0.8,
          className: "sinergi-map-region" + (outlined ? " is-outlined" : ""),
        };
      },
      onEachFeature: function (feature, layer) {
        var code = feature.properties.code;
        var row = rows[code];
        layer.bindTooltip(self.tooltip(row, feature.properties.name), { sticky: true });
        layer.on("add", function () {
          var path = layer.getElement && layer.getElement();
          if (path) {
            path.setAttribute("data-code", code);
            path.setAttribute("data-cls", row ? row.cls : "hidden");
          }
        });
        if (row && row.drill) {
          layer.on("click", function () {
            self.go(code, true);
          });
        }
      },
    }).addTo(this.map);
    this.ensureHatch();
    this.layer.eachLayer(function (layer) {
      var code = layer.feature.properties.code;
      if (outline[code]) {
        layer.bringToFront();
      }
    });
    var bounds = this.layer.getBounds();
    if (bounds.isValid()) {
      this.map.fitBounds(bounds, { padding: [6, 6] });
    }
    var missing = this.data.rows.filter(function (row) {
      return !row.shape;
    }).length;
    this.say(missing ? this.labels.missing.replace("%(n)s", missing) : "");
  };

  SinergiMap.prototype.swatch = function (key) {
    var item = this.legendByKey()[key];
    var swatch = make("span", "sinergi-map-swatch");
    swatch.setAttribute("aria-hidden", "true");
    if (item && item.pattern) {
      swatch.classList.add("is-hatched");
    } else {
      swatch.style.backgroundColor = item ? item.colour : "#adb5bd";
    }
    return swatch;
  };

  SinergiMap.prototype.renderText = function () {
    var self = this;
    var data = this.data;
    if (this.title) {
      this.title.textContent = data.title;
    }
    if (this.note) {
      this.note.textContent = data.note || "";
    }
    if (this.own) {
      this.own.textContent = data.own ? data.own.tooltip.join(" · ") : "";
      this.own.classList.toggle("text-muted", Boolean(data.own && data.own.partial));
    }
    if (this.back) {
      this.back.hidden = !data.parent;
      if (data.parent) {
        this.back.textContent = "← " + data.parent.name;
      }
    }
    if (this.legend) {
      this.legend.textContent = "";
      data.legend.forEach(function (item) {
        var li = make("li", "");
        li.setAttribute("data-key", item.key);
        li.appendChild(self.swatch(item.key));
        li.appendChild(document.createTextNode(" " + item.label));
        self.legend.appendChild(li);
      });
    }
    if (this.table) {
      var head = make("thead", "");
      var tr = make("tr", "");
      data.columns.forEach(function (label, index) {
        var th = make("th", index === 0 ? "" : "text-end", label);
        th.setAttribute("scope", "col");
        tr.appendChild(th);
      });
      head.appendChild(tr);
      var body = make("tbody", "");
      data.rows.forEach(function (row) {
        var line = make("tr", row.partial ? "is-partial" : "");
        line.setAttribute("data-code", row.code);
        row.cells.forEach(function (cell, index) {
          var td = make(index === 0 ? "th" : "td", index === 0 ? "" : "text-end");
          if (index === 0) {
            td.setAttribute("scope", "row");
            td.appendChild(self.swatch(row.cls));
            td.appendChild(document.createTextNode(" "));
            if (row.drill) {
              var link = make("a", "", cell);
              link.href = self.pageUrl(row.code);
              link.addEventListener("click", function (event) {
                event.preventDefault();
                self.go(row.code, true);
              });
              td.appendChild(link);
            } else {
              td.appendChild(document.createTextNode(cell));
            }
          } else {
            td.textContent = cell;
          }
          line.appendChild(td);
        });
        body.appendChild(line);
      });
      this.table.textContent = "";
      this.table.appendChild(head);
      this.table.appendChild(body);
    }
  };

  window.SinergiMap = SinergiMap;

  function start() {
    document.querySelectorAll("[data-sinergi-map]").forEach(function (root) {
      if (!root.sinergiMap) {
        root.sinergiMap = new SinergiMap(root);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
