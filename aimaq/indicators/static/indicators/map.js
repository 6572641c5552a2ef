/* Choropleth on Leaflet with no tile layer (offline: no request leaves the site).
   Reads its data from the GeoJSON endpoint named in data-geojson-url; after drawing, sets
   data-feature-count on the map element. Also exports the map as PNG from the server's SVG. */
(function () {
  "use strict";

  function tooltipText(props, unit) {
    var value = props.value === null ? "—" : props.value_text + (unit ? "\u00a0" + unit : "");
    return props.name + ": " + value;
  }

  function draw(element) {
    var map = L.map(element, { attributionControl: false, zoomSnap: 0.25, preferCanvas: false });
    fetch(element.dataset.geojsonUrl, { headers: { Accept: "application/geojson" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var unit = (data.indicator && data.indicator.unit) || "";
        var drawn = data.features.filter(function (f) { return f.geometry; });
        var layer = L.geoJSON({ type: "FeatureCollection", features: drawn }, {
          style: function (f) {
            return { fillColor: f.properties.colour, color: "#555", weight: 1, fillOpacity: 0.85 };
          },
          pointToLayer: function (f, latlng) {
            return L.circleMarker(latlng, {
              radius: 8, fillColor: f.properties.colour, color: "#333", weight: 1, fillOpacity: 0.9
            });
          },
          onEachFeature: function (f, item) {
            item.bindTooltip(tooltipText(f.properties, unit));
            item.on("click", function () {
              window.location.href = element.dataset.profileUrl.replace("000000000", f.properties.kato);
            });
          }
        }).addTo(map);
        if (drawn.length) {
          // maxZoom: one unit shown by its centre has bounds of no size, which would
          // otherwise zoom without limit (no tile layer sets one) and show nothing.
          map.fitBounds(layer.getBounds(), { padding: [10, 10], maxZoom: 10 });
        } else {
          map.setView([48, 67], 4);
        }
        element.dataset.featureCount = String(drawn.length);
        element.dataset.colours = drawn.map(function (f) { return f.properties.colour; }).join(" ");
      })
      .catch(function () {
        element.dataset.featureCount = "0";
        element.dataset.error = "1";
      });
  }

  function exportPng(link) {
    fetch(link.dataset.svgUrl)
      .then(function (response) { return response.text(); })
      .then(function (svg) {
        var image = new Image();
        var url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
        image.onload = function () {
          var canvas = document.createElement("canvas");
          var scale = 2;
          canvas.width = image.width * scale;
          canvas.height = image.height * scale;
          var context = canvas.getContext("2d");
          context.fillStyle = "#fff";
          context.fillRect(0, 0, canvas.width, canvas.height);
          context.drawImage(image, 0, 0, canvas.width, canvas.height);
          URL.revokeObjectURL(url);
          canvas.toBlob(function (blob) {
            var a = document.createElement("a");
            a.href = URL.createObjectURL(blob);
            a.download = link.dataset.fileName || "map.png";
            document.body.appendChild(a);
            a.click();
            a.remove();
          }, "image/png");
        };
        image.src = url;
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-geojson-url]").forEach(draw);
    document.querySelectorAll("[data-png-export]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        exportPng(link);
      });
    });
  });
})();
