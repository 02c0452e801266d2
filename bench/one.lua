-- One request, repeated: method, path, content type and body from the environment
-- (set by bench/throughput). Prints one machine-readable line at the end.
local method = os.getenv("BENCH_METHOD") or "GET"
local path = os.getenv("BENCH_PATH") or "/"
local ctype = os.getenv("BENCH_CTYPE")
local body = os.getenv("BENCH_BODY")
local req
init = function(args)
  local headers = {Host = wrk.headers["Host"]}
  if ctype then headers["Content-Type"] = ctype end
  req = wrk.format(method, path, headers, body)
end
request = function() return req end
done = function(summary, latency, requests)
  io.write(string.format("BENCH requests=%d seconds=%.3f errors=%d non2xx=%d p50_ms=%.3f p99_ms=%.3f\n",
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
