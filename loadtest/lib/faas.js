// Shared by the k6 scripts: deploys a scenario's functions (unless Faas.LoadTest already did and passed FAAS_TARGETS),
// calls them on schedule and records every call's latency from its intended start, tagged by X-Faas-Start.
//
//   k6 run -e FAAS_GATEWAY=http://127.0.0.1:8080 -e FAAS_API_KEY=$(cat ~/.local/share/faas/api-key) loadtest/cold.js
//
// Environment: FAAS_GATEWAY (default http://127.0.0.1:8080), FAAS_API_KEY (required without FAAS_TARGETS; an admin key
// for scenarios with tenants of their own), FAAS_RATE, FAAS_DURATION, FAAS_CONCURRENCY (override the scenario file),
// FAAS_TARGETS (a JSON file of ready targets written by Faas.LoadTest; then nothing is deployed or removed here).
import http from 'k6/http';
import exec from 'k6/execution';
import { Counter, Trend } from 'k6/metrics';
import { functionNames, intendedOffsetMs, k6Scenarios, loadScenario, targetIndex, tenantName } from './plan.js';

// Milliseconds from the call's intended start to the end of its response (coordinated-omission aware).
const latency = new Trend('faas_latency', true);
const calls = new Counter('faas_calls');

export function scenarioFrom(text) {
  return loadScenario(text, __ENV);
}

export function k6Options(scenario) {
  return {
    scenarios: k6Scenarios(scenario),
    setupTimeout: '15m',
    teardownTimeout: '5m',
    discardResponseBodies: true,
    summaryTrendStats: ['min', 'med', 'p(90)', 'p(99)', 'max', 'count'],
  };
}

function gateway() {
  return (__ENV.FAAS_GATEWAY || 'http://127.0.0.1:8080').replace(/\/+$/, '');
}

function jsonParams(apiKey, timeout) {
  return {
    headers: { Authorization: 'Bearer ' + apiKey, 'Content-Type': 'application/json', Accept: 'application/json' },
    timeout: timeout || '10m',
    responseType: 'text',
  };
}

function randomRunId() {
  let id = '';
  for (let i = 0; i < 6; i++) id += Math.floor(Math.random() * 16).toString(16);
  return id;
}

function deploy(apiKey, stream, name) {
  const fn = stream.function;
  const body = JSON.stringify({
    service: name,
    image: fn.image,
    minInstances: fn.minInstances,
    maxInstances: fn.maxInstances,
    maxConcurrency: fn.maxConcurrency,
    keepAlive: fn.keepAlive,
    memory: fn.memory,
  });
  const response = http.post(gateway() + '/system/functions', body, jsonParams(apiKey));
  if (response.status !== 200 && response.status !== 201) {
    throw new Error('deploying ' + name + ' failed (' + response.status + '): ' + response.body);
  }
}

function createTenant(adminKey, name) {
  const response = http.post(gateway() + '/system/tenants', JSON.stringify({ name: name, admin: false }), jsonParams(adminKey));
  if (response.status !== 201) {
    throw new Error('creating tenant ' + name + ' failed (' + response.status + '): ' + response.body + ' (mixed scenarios need an admin key)');
  }
  return JSON.parse(response.body).apiKey;
}

// Targets ready for calls: Faas.LoadTest's (FAAS_TARGETS) or deployed here through the gateway.
export function prepare(scenario, prepared) {
  if (prepared) return prepared;
  const apiKey = __ENV.FAAS_API_KEY;
  if (!apiKey) throw new Error('set FAAS_API_KEY (e.g. -e FAAS_API_KEY=$(cat ~/.local/share/faas/api-key))');
  const runId = randomRunId();
  const keys = { default: apiKey };
  const streams = scenario.streams.map(function (stream) {
    const tenant = tenantName(stream, runId);
    if (!keys[tenant]) keys[tenant] = createTenant(apiKey, tenant);
    const names = functionNames(stream, runId);
    names.forEach(function (name) {
      deploy(keys[tenant], stream, name);
    });
    return {
      tenant: tenant,
      apiKey: keys[tenant],
      functions: names,
      urls: names.map(function (name) {
        return gateway() + '/function/' + name + stream.function.path;
      }),
    };
  });
  return { runId: runId, deployedHere: true, streams: streams };
}

export function callOnce(scenario, targets) {
  const name = exec.scenario.name;
  const phase = name.indexOf('warmup_') === 0 ? 'warmup' : 'measure';
  const streamIndex = Number(name.substring(name.indexOf('_') + 1));
  const stream = scenario.streams[streamIndex];
  const prepared = targets.streams[streamIndex];
  const iteration = exec.scenario.iterationInTest;
  const url = prepared.urls[targetIndex(stream, phase, iteration, prepared.urls.length)];
  const intended = exec.scenario.startTime + intendedOffsetMs(scenario, stream, iteration);
  const params = { timeout: scenario.timeoutMs + 'ms', tags: { phase: phase } };
  if (prepared.apiKey) params.headers = { Authorization: 'Bearer ' + prepared.apiKey };
  if (prepared.workerKey) params.headers = { 'X-Faas-Worker-Key': prepared.workerKey };
  const response = http.get(url, params);
  const tags = {
    phase: phase,
    stream: String(streamIndex),
    start: response.headers['X-Faas-Start'] || 'none',
    status: String(response.status),
  };
  if (response.error_code) tags.error = String(response.error_code);
  latency.add(Math.max(0, Date.now() - intended), tags);
  calls.add(1, tags);
}

export function cleanUp(targets) {
  if (!targets || !targets.deployedHere) return;
  targets.streams.forEach(function (stream) {
    stream.functions.forEach(function (name) {
      http.del(gateway() + '/system/functions?name=' + encodeURIComponent(name), null, jsonParams(stream.apiKey));
    });
  });
}
