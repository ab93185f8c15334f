-- The URL mix of bench/soak.py: each wrk thread cycles through the paths given
-- after `--` on wrk's command line, one request each.
local paths = {}
local next_path = 0

function init(args)
  for i, path in ipairs(args) do
    paths[i] = path
  end
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end
