-- A realistic mix for wrk: pages, flow POSTs and API calls (all valid requests).
-- Built in init(), once wrk knows the Host (the URL's, or -H "Host: help.example.org"
-- to go through nginx, whose default server closes connections for unknown names).
local requests = {}
init = function(args)
  local form = {["Content-Type"] = "application/x-www-form-urlencoded", Host = wrk.headers["Host"]}
  local json = {["Content-Type"] = "application/json", Host = wrk.headers["Host"]}
  local function post(path, headers, body)
    local copy = {}
    for k, v in pairs(headers) do copy[k] = v end
    return wrk.format("POST", path, copy, body)
  end
  requests = {
    wrk.format("GET", "/"),
    wrk.format("GET", "/guides/threats"),
    wrk.format("GET", "/static/site.css"),
    post("/q", form, ""),
    post("/q", form, "danger=no&_q=danger&_nav=continue"),
    post("/q", form, "danger=no&for_whom=self&situation=shared&situation=threatened&_seen=danger&_seen=for_whom&_q=situation&_nav=continue"),
    post("/check", form, "danger=yes&situation=shared&where=social&age=adult&copy=yes"),
    post("/plan", form, "danger=no&situation=shared&situation=threatened&demand=money&where=social&where=search&age=under18&kind=ai&state=TX"),
    wrk.format("GET", "/api/v1/questions"),
    post("/api/v1/plan", json, '{"answers":{"danger":"no","situation":["shared"],"where":["adult_site"],"age":"adult","copy":"yes"}}'),
  }
end
local i = 0
request = function()
  i = i + 1
  return requests[(i % #requests) + 1]
end
done = function(summary, latency, requests)
  io.write(string.format("SOAK requests=%d errors=%d non2xx=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
