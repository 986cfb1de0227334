// k6 script for the "cold" scenario: every call needs a new instance (one function per call, one shared snapshot): restores under load.
// The load is defined in scenarios/cold.json, read here and by `faas loadtest cold` alike.
//
//   k6 run -e FAAS_GATEWAY=http://127.0.0.1:8080 -e FAAS_API_KEY=$(cat ~/.local/share/faas/api-key) loadtest/cold.js
//
// Latency per call, from its intended start, is the trend faas_latency, tagged start (X-Faas-Start), status and phase.
import { callOnce, cleanUp, k6Options, prepare, scenarioFrom } from './lib/faas.js';

const scenario = scenarioFrom(open('./scenarios/cold.json'));
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
