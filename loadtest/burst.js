// k6 script for the "burst" scenario: 0 to N calls at the same instant on one function with maxInstances >= N.
// The load is defined in scenarios/burst.json, read here and by `faas loadtest burst` alike.
//
//   k6 run -e FAAS_GATEWAY=http://127.0.0.1:8080 -e FAAS_API_KEY=$(cat ~/.local/share/faas/api-key) loadtest/burst.js
//
// Latency per call, from its intended start, is the trend faas_latency, tagged start (X-Faas-Start), status and phase.
import { callOnce, cleanUp, k6Options, prepare, scenarioFrom } from './lib/faas.js';

const scenario = scenarioFrom(open('./scenarios/burst.json'));
const prepared = __ENV.FAAS_TARGETS ? JSON.parse(open(__ENV.FAAS_TARGETS)) : null;

export const options = k6Options(scenario);

export function setup() {
  return prepare(scenario, prepared);
}

export default function (targets) {
  callOnce(scenario, targets);
}

export function teardown(targets) {
  cleanUp(targets);
}
