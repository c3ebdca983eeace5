package web

// workerJS is the panel's service worker, a template of go-app's (Version, ResourcesToCache).
// It installs go-app's resources (the wasm, scripts, styles, icons and the page at /) and
// answers:
//   - the API and any request that is not a GET: from the network only;
//   - a page: from the network, keeping a copy; offline, the copy of that page, else the page
//     at /, whose app then shows the route asked for and says that the server cannot be
//     reached;
//   - anything else: from the cache, else the network.
const workerJS = `const cacheName = "app-" + "{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(cacheName)
      .then((cache) => cache.addAll(resourcesToCache))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== cacheName).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

async function page(request) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic" && !response.redirected && !new URL(request.url).search) {
      cache.put(request.url.split("?")[0], response.clone());
    }
    return response;
  } catch (err) {
    const copy = (await cache.match(request.url.split("?")[0])) || (await cache.match("/"));
    if (copy) {
      return copy;
    }
    throw err;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(page(request));
    return;
  }
  event.respondWith(caches.match(request).then((response) => response || fetch(request)));
});
`
