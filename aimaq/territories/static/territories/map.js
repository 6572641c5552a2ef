/* The territory map: the unit's outline, its parts filled lightly, centres as circles.
   No tile layer unless the page names one (deployments may be offline); data comes from
   the page's own map.geojson endpoint. */
(function () {
  "use strict";

  var el = document.getElementById("territory-map");
  if (!el || typeof L === "undefined") return;

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function showMessage(text, count) {
    el.classList.remove("map");
    el.classList.add("map-empty");
    el.textContent = text;
    el.setAttribute("data-feature-count", String(count));
  }

  var STYLE = {
    self: { color: "#084785", weight: 2.5, fill: false },
    child: { color: "#0b5cab", weight: 1, fillColor: "#0b5cab", fillOpacity: 0.12 }
  };
  var POINT = {
    self: { radius: 7, color: "#084785", weight: 2, fillColor: "#ffbf47", fillOpacity: 0.9 },
    child: { radius: 5, color: "#0b5cab", weight: 1.5, fillColor: "#0b5cab", fillOpacity: 0.6 }
  };

  function tooltip(props) {
    var text = "<strong>" + escapeHtml(props.name) + "</strong>";
    if (props.level_label) text += "<br>" + escapeHtml(props.level_label);
    if (props.population !== null && props.population !== undefined) {
      text += "<br>" + escapeHtml(Number(props.population).toLocaleString(document.documentElement.lang || undefined));
    }
    return text;
  }

  function draw(collection) {
    var features = (collection && collection.features) || [];
    if (!features.length) {
      showMessage(el.getAttribute("data-empty-message"), 0);
      return;
    }
    var map = L.map(el, { zoomSnap: 0.25, scrollWheelZoom: false });
    var tiles = el.getAttribute("data-tile-url");
    if (tiles) {
      L.tileLayer(tiles, { attribution: el.getAttribute("data-tile-attribution") || "" }).addTo(map);
    }
    L.control.scale({ imperial: false }).addTo(map);

    var sources = {};
    var layer = L.geoJSON(collection, {
      style: function (feature) {
        return STYLE[feature.properties.role] || STYLE.child;
      },
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, POINT[feature.properties.role] || POINT.child);
      },
      onEachFeature: function (feature, featureLayer) {
        var props = feature.properties || {};
        if (props.kind === "boundary" && props.boundary_source) sources[props.boundary_source] = true;
        featureLayer.bindTooltip(tooltip(props), { sticky: props.kind === "boundary", className: "map-tooltip" });
        if (props.role !== "self" && props.url) {
          featureLayer.on("click", function () { window.location.href = props.url; });
        }
      }
    }).addTo(map);

    // The outline on top, so its parts do not hide it.
    layer.eachLayer(function (featureLayer) {
      if (featureLayer.feature.properties.role === "self" && featureLayer.bringToFront) featureLayer.bringToFront();
    });

    var credit = Object.keys(sources);
    if (credit.length) {
      map.attributionControl.addAttribution(
        escapeHtml(el.getAttribute("data-boundaries-label") || "") + " " + credit.map(escapeHtml).join("; ")
      );
    }
    var bounds = layer.getBounds();
    if (bounds.isValid()) {
      if (features.length === 1 && features[0].geometry.type === "Point") {
        map.setView(bounds.getCenter(), 9);
      } else {
        map.fitBounds(bounds, { padding: [12, 12], maxZoom: 12 });
      }
    }
    el.setAttribute("data-feature-count", String(features.length));
  }

  fetch(el.getAttribute("data-geojson-url"), { headers: { Accept: "application/geo+json" }, credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(draw)
    .catch(function () {
      showMessage(el.getAttribute("data-error-message"), 0);
    });
})();
