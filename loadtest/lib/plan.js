// How a scenario file (loadtest/scenarios/*.json) becomes a load plan. Faas.LoadTest reads the same files with the same
// rules (Scenarios/ScenarioReader.cs); the tests compare the two. Plain ES2015 with no k6 import, so Node can load it too.

const UNITS = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };

// Go-style durations ("500ms", "20s", "1m30s") or a number of seconds, in milliseconds.
export function parseDuration(value, field) {
  if (typeof value === 'number') {
    if (!(value >= 0)) throw new Error(field + ': a duration cannot be negative');
    return value * 1000;
  }
  const text = String(value).trim();
  if (/^[0-9]+(\.[0-9]+)?$/.test(text)) return Number(text) * 1000;
  const part = /([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  let match;
  while ((match = part.exec(text)) !== null) {
    if (match.index !== consumed) break;
    total += Number(match[1]) * UNITS[match[2]];
    consumed = part.lastIndex;
  }
  if (consumed === 0 || consumed !== text.length) {
    throw new Error(field + ": '" + text + "' is not a duration such as 500ms, 20s or 1m30s");
  }
  return total;
}

function positiveInteger(value, field) {
  const number = Number(value);
  if (!(number >= 1) || Math.floor(number) !== number) throw new Error(field + ' must be a whole number of at least 1');
  return number;
}

function nonNegative(value, field) {
  const number = Number(value);
  if (!(number >= 0)) throw new Error(field + ' must be a number of at least 0');
  return number;
}

function withDefault(value, fallback) {
  return value === undefined || value === null ? fallback : value;
}

// Calls that arrive at `rate` per second during `durationMs`: one at 0, 1/rate, 2/rate, … while before the end
// (as k6's constant-arrival-rate starts them).
export function arrivals(rate, durationMs) {
  if (rate <= 0 || durationMs <= 0) return 0;
  return Math.ceil((rate * durationMs) / 1000 - 1e-9);
}

// The scenario with defaults applied and the overrides FAAS_RATE, FAAS_DURATION, FAAS_CONCURRENCY (from `env`).
export function loadScenario(text, env) {
  const raw = JSON.parse(text);
  const overrides = env || {};
  if (!raw.name) throw new Error('the scenario has no name');
  const executor = withDefault(raw.executor, 'constant-arrival-rate');
  if (executor !== 'constant-arrival-rate' && executor !== 'burst') {
    throw new Error("executor: '" + executor + "' is neither constant-arrival-rate nor burst");
  }
  const durationMs = parseDuration(overrides.FAAS_DURATION || withDefault(raw.duration, '0s'), 'duration');
  const warmupMs = parseDuration(withDefault(raw.warmup, '0s'), 'warmup');
  const concurrency = positiveInteger(overrides.FAAS_CONCURRENCY || withDefault(raw.concurrency, 100), 'concurrency');
  const timeoutMs = parseDuration(withDefault(raw.timeout, '60s'), 'timeout');
  if (!raw.streams || raw.streams.length === 0) throw new Error('the scenario has no streams');

  const streams = raw.streams.map(function (stream, index) {
    const field = 'streams[' + index + ']';
    const fn = stream.function || {};
    if (!fn.name || !fn.image) throw new Error(field + '.function needs a name and an image');
    const rate = nonNegative(overrides.FAAS_RATE || withDefault(stream.rate, 0), field + '.rate');
    const burst = executor === 'burst';
    if (!burst && rate <= 0) throw new Error(field + '.rate must be above 0 for a constant arrival rate');
    const calls = burst ? concurrency : arrivals(rate, durationMs);
    const warmupCalls = burst ? 0 : arrivals(rate, warmupMs);
    const newFunctionPerCall = Boolean(stream.newFunctionPerCall);
    const path = withDefault(fn.path, '/');
    if (path.charAt(0) !== '/') throw new Error(field + '.function.path must start with /');
    return {
      index: index,
      tenant: withDefault(stream.tenant, 'default'),
      rate: burst ? 0 : rate,
      calls: calls,
      warmupCalls: warmupCalls,
      newFunctionPerCall: newFunctionPerCall,
      functionCount: newFunctionPerCall ? warmupCalls + calls : 1,
      function: {
        name: fn.name,
        image: fn.image,
        path: path,
        minInstances: withDefault(fn.minInstances, 0),
        maxInstances: burst ? Math.max(withDefault(fn.maxInstances, 10), concurrency) : withDefault(fn.maxInstances, 10),
        maxConcurrency: withDefault(fn.maxConcurrency, 1),
        keepAlive: withDefault(fn.keepAlive, '5m'),
        memory: withDefault(fn.memory, '256Mi'),
      },
    };
  });

  return {
    name: raw.name,
    description: withDefault(raw.description, ''),
    executor: executor,
    durationMs: executor === 'burst' ? 0 : durationMs,
    warmupMs: executor === 'burst' ? 0 : warmupMs,
    concurrency: concurrency,
    timeoutMs: timeoutMs,
    streams: streams,
  };
}

// The functions a stream deploys in one run: "{name}-{runId}", or "{name}-{runId}-{n}" (n from 1) with one per call.
export function functionNames(stream, runId) {
  const base = stream.function.name + '-' + runId;
  if (!stream.newFunctionPerCall) return [base];
  const names = [];
  for (let n = 1; n <= stream.functionCount; n++) names.push(base + '-' + n);
  return names;
}

// The tenant a stream runs as: "default" is the tenant of the key the run was given; any other name is created per run.
export function tenantName(stream, runId) {
  return stream.tenant === 'default' ? 'default' : stream.tenant + '-' + runId;
}

// Which of a stream's functions the n-th call of a phase goes to.
export function targetIndex(stream, phase, iteration, targetCount) {
  const offset = stream.newFunctionPerCall && phase === 'measure' ? stream.warmupCalls : 0;
  return (offset + iteration) % targetCount;
}

// When the n-th call of a phase was meant to start, in ms after the phase started.
export function intendedOffsetMs(scenario, stream, iteration) {
  return scenario.executor === 'burst' ? 0 : (iteration * 1000) / stream.rate;
}

// A rate per second as k6 wants it: a whole number of calls per time unit.
function k6Rate(rate) {
  if (Math.floor(rate) === rate) return { rate: rate, timeUnit: '1s' };
  return { rate: Math.round(rate * 1000), timeUnit: '1000s' };
}

// k6's options.scenarios: per stream, "warmup_{i}" (not measured) then "measure_{i}".
export function k6Scenarios(scenario) {
  const result = {};
  scenario.streams.forEach(function (stream) {
    const tags = { stream: String(stream.index), function: stream.function.name };
    if (scenario.executor === 'burst') {
      result['measure_' + stream.index] = {
        executor: 'per-vu-iterations',
        vus: stream.calls,
        iterations: 1,
        maxDuration: Math.ceil(scenario.timeoutMs / 1000) + 30 + 's',
        tags: tags,
      };
      return;
    }
    const perVuCalls = scenario.concurrency;
    const rate = k6Rate(stream.rate);
    if (stream.warmupCalls > 0) {
      result['warmup_' + stream.index] = {
        executor: 'constant-arrival-rate',
        rate: rate.rate,
        timeUnit: rate.timeUnit,
        duration: scenario.warmupMs + 'ms',
        preAllocatedVUs: Math.min(perVuCalls, 10),
        maxVUs: perVuCalls,
        tags: tags,
      };
    }
    result['measure_' + stream.index] = {
      executor: 'constant-arrival-rate',
      rate: rate.rate,
      timeUnit: rate.timeUnit,
      duration: scenario.durationMs + 'ms',
      startTime: scenario.warmupMs + 'ms',
      preAllocatedVUs: Math.min(perVuCalls, 10),
      maxVUs: perVuCalls,
      gracefulStop: Math.ceil(scenario.timeoutMs / 1000) + 's',
      tags: tags,
    };
  });
  return result;
}
