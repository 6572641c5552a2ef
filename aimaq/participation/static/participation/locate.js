/* "Use my location": fills the latitude and longitude fields of a form from the phone's
   position. Configured by data- attributes on the button:
     data-locate-lat, data-locate-lon   ids of the two inputs
     data-locate-busy, data-locate-failed   texts shown while locating / when it fails */
(function () {
  "use strict";
  function setup(button) {
    var status = document.getElementById(button.getAttribute("aria-describedby"));
    button.hidden = !("geolocation" in navigator);
    button.addEventListener("click", function () {
      if (status) status.textContent = button.dataset.locateBusy || "";
      navigator.geolocation.getCurrentPosition(
        function (position) {
          document.getElementById(button.dataset.locateLat).value = position.coords.latitude.toFixed(5);
          document.getElementById(button.dataset.locateLon).value = position.coords.longitude.toFixed(5);
          if (status) status.textContent = "";
        },
        function () {
          if (status) status.textContent = button.dataset.locateFailed || "";
        },
        { enableHighAccuracy: true, timeout: 15000 }
      );
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-locate-lat]").forEach(setup);
  });
})();
