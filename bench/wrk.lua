-- wrk script of bench/http.py. After "--": the method, the body ("" for none), then the paths
-- to take in turn (each thread starts at a different one, so that POSTs spread over quotes).
-- When the run ends it prints its figures as one JSON line.

local threads = {}

function setup(thread)
  thread:set("first", #threads)
  table.insert(threads, thread)
end

function init(args)
  method = args[1]
  body = args[2] ~= "" and args[2] or nil
  paths = {}
  for i = 3, #args do
    paths[#paths + 1] = args[i]
  end
  counter = first or 0
end

function request()
  counter = counter + 1
  return wrk.format(method, paths[counter % #paths + 1], nil, body)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, '
      .. '"errors": %d, "status_errors": %d}\n',
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    errors.connect + errors.read + errors.write + errors.timeout + errors.status,
    errors.status
  ))
end
