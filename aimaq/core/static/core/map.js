/* The one map script: Leaflet maps configured only by data- attributes on the map element.
   Nothing is fetched beyond the site unless the page names a tile server. Every text taken
   from the data (names, values, credits) is written as text, never as HTML.

   On an element with data-geojson-url:
     data-geojson-url        the FeatureCollection to draw (required)
     data-fill-property      the feature property holding each feature's fill colour
                             (a choropleth); without it, areas are filled lightly in blue
     data-outline-when       "property=value": matching features are drawn as an unfilled
                             outline on top of the others (the unit whose parts are shown)
     data-tooltip            the tooltip, with {property} placeholders; lines are separated
                             by a newline (&#10;), the first is bold, and a line whose
                             placeholder is empty is left out
     data-link               a link with {property} placeholders, followed on click
                             (a feature linking to the page itself gets no link)
     data-attribution-property, data-attribution-label
                             credits collected from the features ("Boundaries: geokz")
     data-tile-url, data-tile-attribution   an optional tile layer and its credit (text)
     data-max-zoom           how far fitting the data may zoom in (default 10)
     data-empty-message, data-error-message shown instead of the map when there is nothing
                             to draw or the data cannot be loaded
   After drawing, the element carries data-feature-count (and data-colours, the fill colours
   in feature order, with data-fill-property).

   Printable pictures of a map (SVG, PNG) are drawn on the server, with their caption. */
(function () {
  "use strict";

  var AREA = { color: "#0b5cab", weight: 1, fillColor: "#0b5cab", fillOpacity: 0.12 };
  var OUTLINE = { color: "#084785", weight: 2.5, fill: false };
  var AREA_POINT = { radius: 5, color: "#0b5cab", weight: 1.5, fillColor: "#0b5cab", fillOpacity: 0.6 };
  var OUTLINE_POINT = { radius: 7, color: "#084785", weight: 2, fillColor: "#ffbf47", fillOpacity: 0.9 };
  var PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;

  function isEmpty(value) {
    return value === null || value === undefined || value === "";
  }

  function displayed(value) {
    if (typeof value === "number") {
      return value.toLocaleString(document.documentElement.lang || undefined);
    }
    return String(value);
  }

  /* The template's placeholders filled from props; null when one of them is empty. */
  function fill(template, props, encode) {
    var missing = false;
    var text = template.replace(PLACEHOLDER, function (match, key) {
      var value = props[key];
      if (isEmpty(value)) {
        missing = true;
        return "";
      }
      return encode ? encodeURIComponent(String(value)) : displayed(value);
    });
    return missing ? null : text;
  }

  /* A DOM node for the tooltip: text only, so a name can never become markup. */
  function tooltipNode(template, props) {
    var node = document.createElement("div");
    template.split("\n").forEach(function (line) {
      var text = fill(line, props, false);
      if (text === null || !text.trim()) return;
      var part = document.createElement(node.childNodes.length ? "div" : "strong");
      part.textContent = text;
      node.appendChild(part);
    });
    return node;
  }

  /* Leaflet writes attributions as HTML: the one place text must be escaped by hand. */
  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function outlineTest(element) {
    var rule = element.dataset.outlineWhen || "";
    var at = rule.indexOf("=");
    if (at < 1) return function () { return false; };
    var key = rule.slice(0, at);
    var value = rule.slice(at + 1);
    return function (props) { return String(props[key]) === value; };
  }

  function linkOf(element, props) {
    var template = element.dataset.link;
    if (!template) return null;
    // {% url %} percent-encodes the braces of a placeholder passed as a path argument.
    var href = fill(template.replace(/%7B([A-Za-z0-9_]+)%7D/gi, "{$1}"), props, true);
    if (href === null) return null;
    var url = new URL(href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname === window.location.pathname) return null;
    return url.href;
  }

  function showMessage(element, text) {
    element.classList.remove("map");
    element.classList.add("map-empty");
    element.textContent = text;
  }

  function draw(element, collection) {
    var fillProperty = element.dataset.fillProperty;
    var isOutline = outlineTest(element);
    var features = ((collection && collection.features) || []).filter(function (f) {
      return f && f.geometry;
    });
    if (!features.length && element.dataset.emptyMessage) {
      showMessage(element, element.dataset.emptyMessage);
      element.dataset.featureCount = "0";
      return;
    }

    var map = L.map(element, { attributionControl: false, zoomSnap: 0.25, scrollWheelZoom: false });
    var credits = [];
    if (element.dataset.tileUrl) {
      L.tileLayer(element.dataset.tileUrl).addTo(map);
      if (element.dataset.tileAttribution) credits.push(element.dataset.tileAttribution);
    }
    L.control.scale({ imperial: false }).addTo(map);

    function style(feature) {
      var props = feature.properties || {};
      if (isOutline(props)) return OUTLINE;
      if (fillProperty) {
        return { fillColor: props[fillProperty], color: "#555", weight: 1, fillOpacity: 0.85 };
      }
      return AREA;
    }

    function pointStyle(props) {
      if (isOutline(props)) return OUTLINE_POINT;
      if (fillProperty) {
        return { radius: 8, fillColor: props[fillProperty], color: "#333", weight: 1, fillOpacity: 0.9 };
      }
      return AREA_POINT;
    }

    var sources = [];
    var creditProperty = element.dataset.attributionProperty;
    var layer = L.geoJSON({ type: "FeatureCollection", features: features }, {
      style: style,
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, pointStyle(feature.properties || {}));
      },
      onEachFeature: function (feature, featureLayer) {
        var props = feature.properties || {};
        var credit = creditProperty && props[creditProperty];
        if (credit && sources.indexOf(credit) < 0) sources.push(credit);
        if (element.dataset.tooltip) {
          featureLayer.bindTooltip(tooltipNode(element.dataset.tooltip, props), {
            sticky: feature.geometry.type !== "Point",
            className: "map-tooltip"
          });
        }
        var href = linkOf(element, props);
        if (href) {
          featureLayer.on("click", function () { window.location.href = href; });
        }
      }
    }).addTo(map);

    // Outlines on top, so the parts inside do not hide them.
    layer.eachLayer(function (featureLayer) {
      if (isOutline(featureLayer.feature.properties || {}) && featureLayer.bringToFront) {
        featureLayer.bringToFront();
      }
    });

    if (sources.length) {
      credits.push((element.dataset.attributionLabel || "") + " " + sources.join("; "));
    }
    if (credits.length) {
      L.control.attribution({ prefix: false }).addAttribution(credits.map(escapeHtml).join(" | ")).addTo(map);
    }

    var bounds = layer.getBounds();
    var maxZoom = Number(element.dataset.maxZoom) || 10;
    if (!bounds.isValid()) {
      map.setView([48, 67], 4);
    } else if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
      // One unit shown by its centre: bounds of no size would zoom without limit.
      map.setView(bounds.getCenter(), Math.min(maxZoom, 9));
    } else {
      map.fitBounds(bounds, { padding: [10, 10], maxZoom: maxZoom });
    }
    // Set last: tests and scripts that wait for it find the features drawn.
    if (fillProperty) {
      element.dataset.colours = features.map(function (f) {
        return (f.properties || {})[fillProperty];
      }).join(" ");
    }
    element.dataset.featureCount = String(features.length);
  }

  function load(element) {
    if (typeof L === "undefined") return;
    fetch(element.dataset.geojsonUrl, {
      headers: { Accept: "application/geo+json, application/json" },
      credentials: "same-origin"
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (collection) { draw(element, collection); })
      .catch(function () {
        element.dataset.error = "1";
        element.dataset.featureCount = "0";
        if (element.dataset.errorMessage) showMessage(element, element.dataset.errorMessage);
      });
  }

  function start() {
    document.querySelectorAll("[data-geojson-url]").forEach(load);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
